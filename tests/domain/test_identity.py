"""Resident ID numbers, disability card numbers and mobile numbers as people type them."""

from datetime import date

import pytest

from app.domain.people.identity import (
    CardNumberError,
    DisabilityCategory,
    DisabilityLevel,
    IdNumberError,
    InvalidCardNumber,
    InvalidIdNumber,
    InvalidMobile,
    MobileError,
    ResidentIdNumber,
    check_character,
    mask_mobile,
    normalise_digits,
    parse_disability_card,
    parse_mobile,
    parse_resident_id,
)

TODAY = date(2025, 6, 1)
KNOWN_VALID = "11010519491231002X"  # the example printed in GB 11643-1999


def resident_id(region: str = "220102", born: str = "19800115", sequence: str = "123") -> str:
    """A valid ID number built from its parts, so no test depends on an unverified number."""
    first17 = region + born + sequence
    return first17 + check_character(first17)


def with_wrong_check_character(number: str) -> str:
    wrong = "0" if number[17] != "0" else "1"
    return number[:17] + wrong


def id_error(text: str) -> IdNumberError:
    with pytest.raises(InvalidIdNumber) as caught:
        parse_resident_id(text, today=TODAY)
    return caught.value.reason


# --- normalising --------------------------------------------------------------------------


def test_full_width_digits_are_folded_to_ascii() -> None:
    assert normalise_digits("１２３４５６７８９０") == "1234567890"


def test_spaces_ideographic_spaces_and_hyphens_are_removed() -> None:
    assert normalise_digits(" 220102\u30001980-0115 123x\t\n") == "22010219800115123X"


def test_dashes_from_chinese_input_methods_are_removed() -> None:
    assert normalise_digits("138－1234—5678") == "13812345678"


def test_zero_width_characters_from_pasted_text_are_removed() -> None:
    assert normalise_digits("\ufeff138\u200b12345678") == "13812345678"


# --- resident ID numbers ------------------------------------------------------------------


def test_check_character_of_the_standard_example_is_x() -> None:
    assert check_character(KNOWN_VALID[:17]) == "X"


def test_check_character_needs_seventeen_digits() -> None:
    with pytest.raises(ValueError):
        check_character("1234")
    with pytest.raises(ValueError):
        check_character("1101051949123100X")


def test_a_valid_number_is_accepted_as_typed() -> None:
    number = resident_id()
    assert parse_resident_id(number, today=TODAY).value == number


def test_full_width_digits_and_lower_case_x_are_accepted() -> None:
    typed = "１１０１０５１９４９１２３１００２ｘ"
    assert parse_resident_id(typed, today=TODAY).value == KNOWN_VALID


def test_ascii_lower_case_x_is_stored_upper_case() -> None:
    assert parse_resident_id(KNOWN_VALID.lower(), today=TODAY).value == KNOWN_VALID


def test_spaces_and_hyphens_between_groups_are_accepted() -> None:
    typed = "110105 1949\u30001231-002X"
    assert parse_resident_id(typed, today=TODAY).value == KNOWN_VALID


def test_people_from_outside_jilin_are_accepted() -> None:
    number = resident_id(region="110105")
    assert parse_resident_id(number, today=TODAY).region_code == "110105"


def test_birth_date_sex_and_region_are_read_from_the_number() -> None:
    parsed = parse_resident_id(KNOWN_VALID, today=TODAY)
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.sex == "female"
    assert parsed.region_code == "110105"


def test_odd_seventeenth_digit_means_male() -> None:
    assert parse_resident_id(resident_id(sequence="121"), today=TODAY).sex == "male"
    assert parse_resident_id(resident_id(sequence="122"), today=TODAY).sex == "female"


def test_masked_number_keeps_only_first_and_last_four() -> None:
    parsed = parse_resident_id(KNOWN_VALID, today=TODAY)
    assert parsed.masked == "1101**********002X"
    assert parsed.last4 == "002X"


def test_repr_does_not_reveal_the_full_number() -> None:
    parsed = parse_resident_id(KNOWN_VALID, today=TODAY)
    assert KNOWN_VALID not in repr(parsed)


def test_str_of_an_id_number_is_masked_so_templates_do_not_leak_it() -> None:
    parsed = parse_resident_id(KNOWN_VALID, today=TODAY)
    assert KNOWN_VALID not in str(parsed)
    assert KNOWN_VALID not in f"{parsed}"


def test_age_counts_completed_years() -> None:
    parsed = parse_resident_id(resident_id(born="20190601"), today=TODAY)
    assert parsed.age_on(date(2025, 5, 31)) == 5
    assert parsed.age_on(date(2025, 6, 1)) == 6


@pytest.mark.parametrize("typed", ["", "   ", "\u3000", "-"])
def test_blank_input_is_reported_as_empty(typed: str) -> None:
    assert id_error(typed) is IdNumberError.EMPTY


def test_wrong_check_character_is_reported() -> None:
    assert id_error(with_wrong_check_character(resident_id())) is IdNumberError.BAD_CHECK_CHARACTER


def test_old_fifteen_digit_numbers_are_reported_as_wrong_length() -> None:
    assert id_error("220102800115123") is IdNumberError.WRONG_LENGTH


def test_a_missing_digit_is_reported_as_wrong_length() -> None:
    assert id_error(KNOWN_VALID[:10] + KNOWN_VALID[11:]) is IdNumberError.WRONG_LENGTH


@pytest.mark.parametrize("typed", ["22010219800115123A", "2201021980011X1234", "张三"])
def test_letters_and_misplaced_x_are_bad_characters(typed: str) -> None:
    assert id_error(typed) is IdNumberError.BAD_CHARACTERS


@pytest.mark.parametrize("born", ["19800230", "19801301", "19800100", "18991231"])
def test_impossible_birth_dates_are_reported(born: str) -> None:
    assert id_error(resident_id(born=born)) is IdNumberError.IMPOSSIBLE_BIRTH_DATE


def test_a_leap_day_birth_date_is_accepted() -> None:
    assert parse_resident_id(resident_id(born="20000229"), today=TODAY).birth_date.day == 29


def test_birth_date_after_today_is_reported() -> None:
    assert id_error(resident_id(born="20250602")) is IdNumberError.FUTURE_BIRTH_DATE


def test_a_baby_born_today_is_accepted() -> None:
    assert parse_resident_id(resident_id(born="20250601"), today=TODAY).birth_date == TODAY


@pytest.mark.parametrize("region", ["990102", "000000", "100000"])
def test_a_region_that_is_no_province_is_reported(region: str) -> None:
    assert id_error(resident_id(region=region)) is IdNumberError.UNKNOWN_REGION


# --- disability card numbers --------------------------------------------------------------


def card_error(text: str, id_number: ResidentIdNumber | None = None) -> InvalidCardNumber:
    with pytest.raises(InvalidCardNumber) as caught:
        parse_disability_card(text, today=TODAY, id_number=id_number)
    return caught.value


def test_card_number_is_id_number_then_category_then_level() -> None:
    number = resident_id()
    card = parse_disability_card(number + "42", today=TODAY)
    assert card.value == number + "42"
    assert card.id_number.value == number
    assert card.category is DisabilityCategory.PHYSICAL
    assert card.level is DisabilityLevel.TWO


def test_card_number_typed_with_full_width_digits_and_spaces_is_accepted() -> None:
    card = parse_disability_card("１１０１０５ １９４９１２３１ ００２ｘ ６１", today=TODAY)
    assert card.value == KNOWN_VALID + "61"
    assert card.category is DisabilityCategory.MENTAL


def test_category_digits_have_stable_names() -> None:
    assert [(c.value, c.name) for c in DisabilityCategory] == [
        (1, "VISION"),
        (2, "HEARING"),
        (3, "SPEECH"),
        (4, "PHYSICAL"),
        (5, "INTELLECTUAL"),
        (6, "MENTAL"),
        (7, "MULTIPLE"),
    ]


def test_levels_one_and_two_are_severe() -> None:
    assert [level.is_severe for level in DisabilityLevel] == [True, True, False, False]


def test_card_number_must_start_with_the_id_number() -> None:
    person = parse_resident_id(resident_id(sequence="121"), today=TODAY)
    someone_else = resident_id(sequence="131")
    error = card_error(someone_else + "11", id_number=person)
    assert error.reason is CardNumberError.DOES_NOT_MATCH_ID


def test_card_number_matching_the_id_number_is_accepted() -> None:
    person = parse_resident_id(KNOWN_VALID, today=TODAY)
    card = parse_disability_card(KNOWN_VALID.lower() + "71", today=TODAY, id_number=person)
    assert card.id_number == person


def test_card_with_a_bad_id_part_says_what_is_wrong_with_it() -> None:
    error = card_error(with_wrong_check_character(resident_id()) + "11")
    assert error.reason is CardNumberError.BAD_ID_PART
    assert error.id_reason is IdNumberError.BAD_CHECK_CHARACTER


def test_card_with_a_future_birth_date_is_a_bad_id_part() -> None:
    error = card_error(resident_id(born="20300101") + "11")
    assert error.reason is CardNumberError.BAD_ID_PART
    assert error.id_reason is IdNumberError.FUTURE_BIRTH_DATE


@pytest.mark.parametrize("category", ["0", "8", "9"])
def test_unknown_category_is_reported(category: str) -> None:
    assert card_error(resident_id() + category + "1").reason is CardNumberError.UNKNOWN_CATEGORY


@pytest.mark.parametrize("level", ["0", "5", "9"])
def test_unknown_level_is_reported(level: str) -> None:
    assert card_error(resident_id() + "1" + level).reason is CardNumberError.UNKNOWN_LEVEL


def test_an_id_number_alone_is_too_short_for_a_card() -> None:
    assert card_error(resident_id()).reason is CardNumberError.WRONG_LENGTH


def test_fifteen_digit_id_with_suffix_is_wrong_length() -> None:
    assert card_error("22010280011512341").reason is CardNumberError.WRONG_LENGTH


@pytest.mark.parametrize("suffix", ["X1", "1X", "A1"])
def test_letters_in_the_suffix_are_bad_characters(suffix: str) -> None:
    assert card_error(resident_id() + suffix).reason is CardNumberError.BAD_CHARACTERS


def test_blank_card_number_is_reported_as_empty() -> None:
    assert card_error(" \u3000 ").reason is CardNumberError.EMPTY


def test_masked_card_hides_the_disability_category_and_level() -> None:
    card = parse_disability_card(KNOWN_VALID + "41", today=TODAY)
    assert card.masked == "1101**********002X**"
    assert KNOWN_VALID not in repr(card)


# --- reissued cards and foreign permanent resident IDs (issue 12) -------------------------


def foreign_permanent_resident_id(province: str = "22", nationality: str = "410",
                                  born: str = "19850301", sequence: str = "011") -> str:
    """A 2023 外国人永久居留身份证 number: 9, province, nationality, birth date, sequence, check."""
    first17 = "9" + province + nationality + born + sequence
    return first17 + check_character(first17)


def test_a_reissued_card_number_ends_with_b_and_the_reissue_number() -> None:
    number = resident_id() + "42"
    first = parse_disability_card(number + "B1", today=TODAY)
    second = parse_disability_card(number + " b2", today=TODAY)
    assert (first.value, first.reissue) == (number + "B1", 1)
    assert (second.value, second.reissue) == (number + "B2", 2)
    assert first.level is DisabilityLevel.TWO


def test_a_first_card_has_no_reissue_number() -> None:
    assert parse_disability_card(resident_id() + "42", today=TODAY).reissue == 0


@pytest.mark.parametrize("mark", ["B", "B0", "A1", "BB", "B123"])
def test_a_reissue_mark_other_than_b_and_a_number_is_reported(mark: str) -> None:
    assert card_error(resident_id() + "42" + mark).reason is CardNumberError.BAD_REISSUE_MARK


def test_a_digit_too_many_is_wrong_length_not_a_reissue() -> None:
    assert card_error(resident_id() + "421").reason is CardNumberError.WRONG_LENGTH


def test_masked_reissued_card_keeps_the_reissue_mark_only() -> None:
    card = parse_disability_card(KNOWN_VALID + "41B3", today=TODAY)
    assert card.masked == "1101**********002X**B3"


def test_a_foreign_permanent_resident_id_is_accepted_with_its_birth_date_and_sex() -> None:
    number = parse_resident_id(foreign_permanent_resident_id(), today=TODAY)
    assert number.is_foreign_permanent_resident
    assert number.birth_date == date(1985, 3, 1)
    assert number.sex == "male"
    assert number.region_code == "220000"


def test_a_resident_id_is_not_a_foreign_permanent_resident_id() -> None:
    assert not parse_resident_id(resident_id(), today=TODAY).is_foreign_permanent_resident


def test_a_foreign_permanent_resident_id_uses_the_same_check_character() -> None:
    wrong = with_wrong_check_character(foreign_permanent_resident_id())
    assert id_error(wrong) is IdNumberError.BAD_CHECK_CHARACTER


def test_a_foreign_permanent_resident_id_needs_a_province_after_the_9() -> None:
    assert id_error(foreign_permanent_resident_id(province="99")) is IdNumberError.UNKNOWN_REGION


def test_a_foreign_permanent_resident_can_hold_a_disability_card() -> None:
    number = foreign_permanent_resident_id()
    card = parse_disability_card(number + "11", today=TODAY,
                                 id_number=parse_resident_id(number, today=TODAY))
    assert card.category is DisabilityCategory.VISION


# --- mobile numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "１３８１２３４５６７８",
        "+86 138 1234 5678",
        "＋８６１３８１２３４５６７８",
        "0086 13812345678",
        "8613812345678",
    ],
)
def test_mobile_numbers_are_accepted_as_people_type_them(typed: str) -> None:
    assert parse_mobile(typed) == "13812345678"


def mobile_error(text: str) -> MobileError:
    with pytest.raises(InvalidMobile) as caught:
        parse_mobile(text)
    return caught.value.reason


def test_blank_mobile_is_reported_as_empty() -> None:
    assert mobile_error("  ") is MobileError.EMPTY


@pytest.mark.parametrize("typed", ["1381234567", "138123456789", "+86 138 1234 567"])
def test_mobile_with_too_few_or_too_many_digits_is_wrong_length(typed: str) -> None:
    assert mobile_error(typed) is MobileError.WRONG_LENGTH


def test_letters_in_a_mobile_are_bad_characters() -> None:
    assert mobile_error("138abcd5678") is MobileError.BAD_CHARACTERS


@pytest.mark.parametrize("typed", ["12012345678", "04318888888", "+1 212 555 0100"])
def test_landlines_and_foreign_numbers_are_not_mobiles(typed: str) -> None:
    assert mobile_error(typed) is MobileError.NOT_MOBILE


def test_masked_mobile_keeps_first_three_and_last_four() -> None:
    assert mask_mobile("13812345678") == "138****5678"
