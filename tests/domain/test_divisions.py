"""Jilin's administrative divisions, staff areas and the regions named by ID numbers."""

import pytest

from app.domain.places.divisions import DivisionCatalogue, load_catalogue, resolve_historic

NANGUAN = "220102"  # 南关区, 长春市
NANLING_STREET = "220102001"  # 南岭街道, in 南关区
ZHANQIAN_STREET = "220103002"  # 站前街道, in 宽城区
CHANGCHUN = "220100"
YANBIAN = "222400"


@pytest.fixture(scope="module")
def catalogue() -> DivisionCatalogue:
    return load_catalogue()


def test_the_catalogue_is_loaded_once_per_process() -> None:
    assert load_catalogue() is load_catalogue()


def test_jilin_has_nine_prefectures_sixty_counties_and_1036_townships(
    catalogue: DivisionCatalogue,
) -> None:
    counties = [c for p in catalogue.prefectures() for c in catalogue.counties(p.code)]
    townships = [t for c in counties for t in catalogue.townships(c.code)]
    assert len(catalogue.prefectures()) == 9
    assert len(counties) == 60
    assert len(townships) == 1036


def test_every_county_belongs_to_a_prefecture(catalogue: DivisionCatalogue) -> None:
    for prefecture in catalogue.prefectures():
        assert prefecture.level == "prefecture"
        for county in catalogue.counties(prefecture.code):
            assert county.level == "county"
            assert county.parent_code == prefecture.code


def test_every_township_code_starts_with_its_county_code(catalogue: DivisionCatalogue) -> None:
    for prefecture in catalogue.prefectures():
        for county in catalogue.counties(prefecture.code):
            for township in catalogue.townships(county.code):
                assert township.level == "township"
                assert township.code[:6] == county.code


def test_yanbian_is_a_prefecture_with_yanji_in_it(catalogue: DivisionCatalogue) -> None:
    assert [d.name for d in catalogue.prefectures()][-1] == "延边朝鲜族自治州"
    assert "延吉市" in [d.name for d in catalogue.counties(YANBIAN)]


def test_development_zones_are_not_divisions(catalogue: DivisionCatalogue) -> None:
    assert catalogue.get("220171") is None


def test_unknown_codes_have_no_division_and_no_children(catalogue: DivisionCatalogue) -> None:
    assert catalogue.get("999999") is None
    assert catalogue.children("999999") == []


def test_path_runs_from_the_province_down_to_the_township(catalogue: DivisionCatalogue) -> None:
    names = [d.name for d in catalogue.path(NANLING_STREET)]
    assert names == ["吉林省", "长春市", "南关区", "南岭街道"]


def test_path_of_an_unknown_code_is_an_error(catalogue: DivisionCatalogue) -> None:
    with pytest.raises(KeyError):
        catalogue.path("999999")


def test_a_county_caseworkers_area_contains_its_townships(catalogue: DivisionCatalogue) -> None:
    assert catalogue.contains(NANGUAN, NANLING_STREET)


def test_an_area_contains_itself(catalogue: DivisionCatalogue) -> None:
    assert catalogue.contains(NANGUAN, NANGUAN)


def test_prefecture_and_province_areas_contain_everything_below(
    catalogue: DivisionCatalogue,
) -> None:
    assert catalogue.contains(CHANGCHUN, NANLING_STREET)
    assert catalogue.contains("22", ZHANQIAN_STREET)


def test_a_county_does_not_contain_a_neighbouring_countys_township(
    catalogue: DivisionCatalogue,
) -> None:
    assert not catalogue.contains(NANGUAN, ZHANQIAN_STREET)


def test_a_township_does_not_contain_its_county(catalogue: DivisionCatalogue) -> None:
    assert not catalogue.contains(NANLING_STREET, NANGUAN)


def test_unknown_and_historic_codes_are_in_no_area(catalogue: DivisionCatalogue) -> None:
    assert not catalogue.contains("22", "999999001")
    assert not catalogue.contains(CHANGCHUN, "220381")


def test_historic_gongzhuling_code_resolves(catalogue: DivisionCatalogue) -> None:
    assert resolve_historic("220381") == "220184"
    gongzhuling = catalogue.region_description("220381")
    assert gongzhuling is not None
    assert gongzhuling.name == "公主岭市"
    assert gongzhuling.parent_code == CHANGCHUN


def test_historic_jiutai_city_code_resolves_to_the_district(
    catalogue: DivisionCatalogue,
) -> None:
    assert catalogue.resolve_historic("220181") == "220113"
    jiutai = catalogue.region_description("220181")
    assert jiutai is not None
    assert jiutai.name == "九台区"


def test_current_codes_resolve_to_themselves() -> None:
    assert resolve_historic(NANGUAN) == NANGUAN


def test_region_of_a_current_county_is_that_county(catalogue: DivisionCatalogue) -> None:
    region = catalogue.region_description("222401")
    assert region is not None
    assert region.name == "延吉市"


def test_region_of_a_whole_city_code_falls_back_to_the_prefecture(
    catalogue: DivisionCatalogue,
) -> None:
    region = catalogue.region_description("220101")
    assert region is not None
    assert region.code == CHANGCHUN


def test_regions_outside_jilin_are_not_described(catalogue: DivisionCatalogue) -> None:
    assert catalogue.region_description("110105") is None
    assert catalogue.region_description("210102") is None
