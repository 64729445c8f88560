"""The two subsidies in the statistics (issue 24): allowances paid, suspended and stopped and why,
the month's roster paid and failed, and who may be entitled and has not applied. A small fixed
world whose answers are counted another way from the rows the test makes, months in China's time
zone, and small counts hidden outside the county's own staff."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest
import time_machine
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.benefits import entitlements as life
from app.domain.clock import today_in_china
from app.domain.models import (
    Application,
    ApplicationStatus,
    AssistanceKind,
    AssistanceRoster,
    AssistanceRosterEntry,
    Channel,
    Entitlement,
    EntitlementEvent,
    EntitlementEventKind,
    EntitlementState,
    OutreachInvitation,
    Payment,
    PaymentState,
    Person,
    Role,
)
from app.domain.statistics.allowances import (
    EntitlementFacts,
    PaymentGroup,
    count_entitlements,
    count_payments,
)
from app.domain.statistics.refresh import refresh_county
from app.domain.statistics.report import read_figures
from tests.factories import id_number, make_account, make_person
from tests.pages import EN, main_text, signed_in_client
from tests.test_statistics_pages import table_rows

HERE, THERE = "220102", "220103"
TODAY = date(2026, 3, 10)  # the frozen clock's day
PROVINCE, COUNTY = "13906610001", "13906610002"
JANUARY, FEBRUARY, MARCH = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
LIVING_FEN, CARE_FEN = 9900, 9300
PAYING_KINDS = {EntitlementEventKind.GRANTED, EntitlementEventKind.RESUMED,
                EntitlementEventKind.MOVED}
NAMES = itertools.count(1)


def person(app: Flask, *, county: str = HERE, card: str | None = None) -> tuple[int, str]:
    """A person on record; ``card`` the category and level digits of a disability card."""
    number = id_number(region=county)
    person_id = make_person(app, name=f"测试{next(NAMES)}", township=f"{county}001",
                            id_number_value=number)
    if card is not None:
        with app.app_context():
            db = get_session()
            found = db.get(Person, person_id)
            assert found is not None
            found.disability_card_number = number + card
            db.commit()
    return person_id, number


def granted(app: Flask, creator: int, *, allowance: str = "living", county: str = HERE,
            on: date = date(2026, 1, 15), card: str | None = None) -> int:
    """An entitlement granted (民政审定) on ``on``, paying from January, as the decision
    records it."""
    person_id, _number = person(app, county=county, card=card)
    with app.app_context():
        db = get_session()
        application = Application(
            service_code="two-subsidies", person_id=person_id, created_by_account_id=creator,
            channel=Channel.COUNTER, status=ApplicationStatus.APPROVED, county_code=county,
            answers={}, submitted_at=datetime(2025, 12, 3, 2, tzinfo=UTC))
        entitlement = Entitlement(
            application=application, person_id=person_id, allowance=allowance,
            first_month=JANUARY, county_code=county, state=EntitlementState.PAYING,
            state_changed_on=on)
        db.add(entitlement)
        db.add(EntitlementEvent(entitlement=entitlement, kind=EntitlementEventKind.GRANTED,
                                effective_month=JANUARY, occurred_on=on))
        db.commit()
        return entitlement.id


def paid(app: Flask, entitlement_id: int, *, month: date, roster: date,
         state: PaymentState = PaymentState.PAID, reason: str | None = None) -> None:
    with app.app_context():
        db = get_session()
        entitlement = db.get(Entitlement, entitlement_id)
        assert entitlement is not None
        db.add(Payment(entitlement_id=entitlement_id, month=month, roster_month=roster,
                       county_code=entitlement.county_code, state=state, failure_reason=reason,
                       amount_fen=LIVING_FEN if entitlement.allowance == "living" else CARE_FEN))
        db.commit()


def change(app: Flask, entitlement_id: int, what: str, *, on: date, reason: str) -> None:
    with app.app_context():
        db = get_session()
        entitlement = db.get(Entitlement, entitlement_id)
        assert entitlement is not None
        if what == "suspend":
            life.suspend(db, entitlement, today=on, reason=reason)
        else:
            life.stop(db, entitlement, event_month=on, today=on, reason=reason)
        db.commit()


def roster(app: Flask, month: date, people: list[tuple[str, AssistanceKind]]) -> None:
    with app.app_context():
        db = get_session()
        imported = AssistanceRoster(kind=AssistanceKind.DIBAO, month=month, area_code=HERE,
                                    file_sha256="0" * 64, row_count=len(people))
        db.add(imported)
        db.flush()
        db.add_all(AssistanceRosterEntry(roster_id=imported.id, kind=kind, month=month,
                                         id_number=number, full_name="名单", county_code=HERE)
                   for number, kind in people)
        db.commit()


def refresh(app: Flask, today: date = TODAY) -> None:
    with app.app_context():
        db = get_session()
        for county in (HERE, THERE):
            refresh_county(db, county, today=today)
        db.commit()


def build_world(app: Flask, frozen_clock: time_machine.Traveller) -> dict[str, int]:
    """Six living allowances and two care allowances in 南关区 (one living in 宽城区), their
    changes and the January and February rosters, and February's 低保 roster."""
    creator = make_account(app, phone="13906610009", role=Role.CIVIL_AFFAIRS, area=HERE)
    living = [granted(app, creator, card="43") for _ in range(6)]
    care = [granted(app, creator, allowance="care", card="41"),
            granted(app, creator, allowance="care", on=date(2026, 2, 5))]
    elsewhere = granted(app, creator, county=THERE)
    change(app, living[4], "suspend", on=date(2026, 2, 10), reason="review_not_answered")
    change(app, living[5], "stop", on=date(2026, 2, 20), reason="died")
    # Stopped at 00:30 on 1 March in Changchun (28 February 16:30 UTC): a March stop.
    frozen_clock.move_to(datetime(2026, 2, 28, 16, 30, tzinfo=UTC))
    assert today_in_china() == MARCH
    change(app, living[3], "stop", on=today_in_china(), reason="subsistence_ended")
    frozen_clock.move_to(datetime(2026, 3, 10, 2, tzinfo=UTC))
    # January's roster: five living allowances paid; the sixth's January waited for February.
    for entitlement in living[1:]:
        paid(app, entitlement, month=JANUARY, roster=JANUARY)
    # February's roster: January owed and February's months (a payment belongs to its roster).
    paid(app, living[0], month=JANUARY, roster=FEBRUARY)
    for entitlement in (*living[:4], care[0]):
        paid(app, entitlement, month=FEBRUARY, roster=FEBRUARY)
    paid(app, living[4], month=FEBRUARY, roster=FEBRUARY, state=PaymentState.FAILED,
         reason="账户已销户")
    paid(app, living[5], month=FEBRUARY, roster=FEBRUARY, state=PaymentState.FAILED,
         reason="户名不符")
    paid(app, care[1], month=FEBRUARY, roster=FEBRUARY, state=PaymentState.PENDING)
    paid(app, elsewhere, month=FEBRUARY, roster=FEBRUARY)
    # February's 低保 roster: two card holders who get nothing and have not applied (one of
    # them invited), one already paid the living allowance with a level 3 card (no care
    # allowance), and one on the 特困 roster too (特困 excludes both).
    first, first_number = person(app, card="41")
    _second, second_number = person(app, card="42")
    _third, third_number = person(app, card="41")
    with app.app_context():
        db = get_session()
        paid_one = db.get(Entitlement, living[0])
        assert paid_one is not None
        paid_number = paid_one.person.id_number
        db.add(OutreachInvitation(person_id=first, month=FEBRUARY, county_code=HERE,
                                  allowances=["living", "care"], reasons=[], token="t" * 43,
                                  sent_by_account_id=creator))
        db.commit()
    roster(app, FEBRUARY, [(first_number, AssistanceKind.DIBAO),
                           (second_number, AssistanceKind.DIBAO),
                           (paid_number, AssistanceKind.DIBAO),
                           (third_number, AssistanceKind.DIBAO),
                           (third_number, AssistanceKind.TEKUN)])
    refresh(app)
    make_account(app, phone=PROVINCE, role=Role.STATISTICS, area="22")
    make_account(app, phone=COUNTY, role=Role.STATISTICS, area=HERE)
    return {"candidates": 2, "invited": 1}


def state_at_end_of(app: Flask, month_end: date) -> dict[tuple[str, str], int]:
    """Counted another way: each entitlement's last event recorded by the month's end."""
    found: dict[tuple[str, str], int] = {}
    with app.app_context():
        db = get_session()
        for entitlement in db.scalars(select(Entitlement).where(
                Entitlement.county_code == HERE)):
            events = [e for e in entitlement.events if e.occurred_on <= month_end
                      and e.kind != EntitlementEventKind.ACCOUNT_CHANGED]
            if not events:
                continue
            last = max(events, key=lambda e: (e.occurred_on, e.id)).kind
            state = "paying" if last in PAYING_KINDS else last.value
            found[entitlement.allowance, state] = found.get((entitlement.allowance, state),
                                                            0) + 1
    return found


def payments_of(app: Flask, roster_month: date) -> dict[str, tuple[int, int]]:
    """Counted another way: the roster's payments, by result: how many, and 分."""
    found: dict[str, tuple[int, int]] = {}
    with app.app_context():
        for payment in get_session().scalars(select(Payment).where(
                Payment.county_code == HERE, Payment.roster_month == roster_month)):
            count, fen = found.get(payment.state.value, (0, 0))
            found[payment.state.value] = (count + 1, fen + payment.amount_fen)
    return found


@pytest.mark.engine
def test_each_allowance_figure_matches_a_count_made_another_way(
        app: Flask, frozen_clock: time_machine.Traveller) -> None:
    expected = build_world(app, frozen_clock)
    with app.app_context():
        db = get_session()
        months = {month: read_figures(db, [HERE], month)[HERE]
                  for month in ("2026-01", "2026-02", "2026-03")}
    for month, month_end in (("2026-01", date(2026, 1, 31)), ("2026-02", date(2026, 2, 28)),
                             ("2026-03", TODAY)):
        by_hand = state_at_end_of(app, month_end)
        assert months[month].recipients == {
            f"{allowance}:{state}": value for (allowance, state), value in by_hand.items()
            if state != "stopped"}, month
    february = months["2026-02"]
    assert february.recipients == {"living:paying": 4, "living:suspended": 1, "care:paying": 2}
    assert months["2026-01"].recipients == {"living:paying": 6, "care:paying": 1}
    # Stopped on 1 March in China (28 February 16:30 UTC): a March stop, not February's.
    assert february.stopped == {"living": 1} and february.stop_reasons == {"died": 1}
    assert months["2026-03"].stop_reasons == {"subsistence_ended": 1}
    assert months["2026-03"].recipients["living:paying"] == 3
    for month, roster_month in (("2026-01", JANUARY), ("2026-02", FEBRUARY)):
        by_hand = payments_of(app, roster_month)
        assert months[month].payments == {state: n for state, (n, _f) in by_hand.items()}
        assert months[month].payments_fen == {state: f for state, (_n, f) in by_hand.items()}
    assert february.payments == {"paid": 6, "failed": 2, "pending": 1}
    assert february.payments_fen["paid"] == 5 * LIVING_FEN + CARE_FEN
    assert february.payment_failures == {"账户已销户": 1, "户名不符": 1}
    assert february.outreach == {"roster": 1, **expected}
    assert months["2026-01"].outreach == {}  # no roster imported for January


def test_the_county_s_own_staff_see_exact_figures_and_the_province_fewer_than_5(
        app: Flask, frozen_clock: time_machine.Traveller) -> None:
    build_world(app, frozen_clock)
    county = signed_in_client(app, COUNTY).get(f"/statistics/{HERE}?month=2026-02", headers=EN)
    assert county.status_code == 200
    living, care = table_rows(county, "recipients")
    assert living[1:] == ["4", "1", "1"] and care[1:] == ["2", "0", "0"]
    assert table_rows(county, "stops") == [["The person died", "1"]]
    assert table_rows(county, "payments") == [["Paid", "6", "CN¥588.00"],
                                              ["Failed", "2", "CN¥198.00"],
                                              ["Sent to the bank, no result yet", "1",
                                               "CN¥93.00"]]
    assert sorted(table_rows(county, "payment-failures")) == [["户名不符", "1"],
                                                               ["账户已销户", "1"]]
    assert table_rows(county, "outreach") == [
        ["May be entitled to an allowance, have not applied", "2"], ["Invited to apply", "1"]]
    text = main_text(county)
    assert "Not counted yet" not in text and "is not built yet" not in text

    province = signed_in_client(app, PROVINCE)
    page = province.get(f"/statistics/{HERE}?month=2026-02", headers=EN)
    living, care = table_rows(page, "recipients")
    assert living[1:] == ["fewer than 5"] * 3 and care[1:] == ["fewer than 5", "0", "0"]
    assert table_rows(page, "payments") == [["Paid", "6", "CN¥588.00"],
                                            ["Failed", "fewer than 5", "not shown"],
                                            ["Sent to the bank, no result yet", "fewer than 5",
                                             "not shown"]]
    assert table_rows(page, "outreach")[0][1] == "fewer than 5"
    january = province.get(f"/statistics/{HERE}?month=2026-01", headers=EN)
    assert table_rows(january, "recipients")[0][1] == "6"  # five or more: shown to all
    assert table_rows(january, "outreach")[0][1] == "no roster imported for this month"
    overview = province.get("/statistics/?month=2026-02", headers=EN)
    rows = {row[0]: row for row in table_rows(overview, "counties")}
    assert rows["南关区"][-1] == "6" and rows["宽城区"][-1] == "fewer than 5"
    assert rows["All counties"][-1] == "7"
    download = province.get(f"/statistics/download/{HERE}/payments.csv?month=2026-02",
                            headers=EN)
    assert "fewer than 5" in download.get_data(as_text=True)


def test_recipients_are_carried_through_months_without_a_change() -> None:
    granted_then_suspended = EntitlementFacts("living", (
        (date(2025, 11, 30), EntitlementState.PAYING),
        (date(2026, 2, 1), EntitlementState.SUSPENDED),
        (date(2026, 2, 27), EntitlementState.PAYING)))
    stopped = EntitlementFacts("care", ((date(2025, 12, 1), EntitlementState.PAYING),
                                        (date(2026, 1, 31), EntitlementState.STOPPED)),
                               stops=((date(2026, 1, 31), None),))
    counts = count_entitlements([granted_then_suspended, stopped], until="2026-03")
    recipients = {(period, key): value for (period, measure, key), value in counts.items()
                  if measure == "recipients"}
    assert recipients == {
        ("2025-11", "living:paying"): 1, ("2025-12", "living:paying"): 1,
        ("2025-12", "care:paying"): 1, ("2026-01", "living:paying"): 1,
        # Suspended and resumed within February: paying at its end.
        ("2026-02", "living:paying"): 1, ("2026-03", "living:paying"): 1}
    assert counts["2026-01", "stopped.reason", "none"] == 1
    assert count_entitlements([], until="2026-03") == {}


def test_a_payment_counts_in_its_roster_s_month_and_failures_by_the_bank_s_words() -> None:
    counts = count_payments([
        PaymentGroup(FEBRUARY, PaymentState.PAID, None, 3, 29_700),
        PaymentGroup(FEBRUARY, PaymentState.FAILED, "  " + "很长" * 50, 2, 19_800),
        PaymentGroup(MARCH, PaymentState.FAILED, None, 1, 9_900)])
    assert counts["2026-02", "payments", "paid"] == 3
    assert counts["2026-02", "payments.fen", "failed"] == 19_800
    assert counts["2026-02", "payments.failure", "很长" * 40] == 2  # cut to the key's 80
    assert counts["2026-03", "payments.failure", "none"] == 1
