"""The two subsidies' statistics tables: recipients, stops and why, the month's roster paid and
failed, and who may be entitled and has not applied. StatTables like the others, so the page
and the downloads hide small counts the same way."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import format_currency
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain.benefits.allowances import ALLOWANCES
from app.domain.models import EntitlementState, PaymentState
from app.domain.statistics.report import Figures, shown
from app.web.allowances import reason_words
from app.web.forms.casework import ALLOWANCE_NAMES
from app.web.forms.statistics import month_label
from app.web.statistics_tables import StatTable, count_text

PAYMENT_RESULTS = {PaymentState.PAID: _l("Paid"), PaymentState.FAILED: _l("Failed"),
                   PaymentState.PENDING: _l("Sent to the bank, no result yet")}


def money_text(fen: int, payments: int, small_ok: bool) -> str:
    """An amount in yuan, hidden with its count: the amount would give a small count away."""
    if shown(payments, small_ok) is None:
        return _("not shown")
    return format_currency(Decimal(fen) / 100, "CNY")


def stop_reason_text(code: str) -> str:
    words = reason_words(None if code == "none" else code)
    return words[:1].upper() + words[1:]


def recipients_table(figures: Figures, month: str, small_ok: bool) -> StatTable:
    rows = [[str(ALLOWANCE_NAMES[allowance]),
             count_text(figures.recipients[f"{allowance}:{EntitlementState.PAYING.value}"],
                        small_ok),
             count_text(figures.recipients[f"{allowance}:{EntitlementState.SUSPENDED.value}"],
                        small_ok),
             count_text(figures.stopped[allowance], small_ok)]
            for allowance in ALLOWANCES]
    return StatTable("recipients", _("Two subsidies: allowances paid, suspended and stopped"),
                     [_("Allowance"), _("Being paid at the end of %(month)s",
                                        month=month_label(month)),
                      _("Suspended at the end of %(month)s", month=month_label(month)),
                      _("Stopped in %(month)s", month=month_label(month))], rows)


def stops_table(figures: Figures, small_ok: bool) -> StatTable:
    reasons = sorted(figures.stop_reasons.items(), key=lambda item: (-item[1], item[0]))
    return StatTable("stops", _("Two subsidies: stops by reason"), [_("Reason"), _("Stops")],
                     [[stop_reason_text(code), count_text(value, small_ok)]
                      for code, value in reasons])


def payments_table(figures: Figures, small_ok: bool) -> StatTable:
    rows = [[str(label), count_text(figures.payments[state.value], small_ok),
             money_text(figures.payments_fen[state.value], figures.payments[state.value],
                        small_ok)]
            for state, label in PAYMENT_RESULTS.items()]
    return StatTable("payments", _("Two subsidies: payments on the month's roster"),
                     [_("Result"), _("Payments"), _("Amount")], rows)


def failures_table(figures: Figures, small_ok: bool) -> StatTable:
    reasons = sorted(figures.payment_failures.items(), key=lambda item: (-item[1], item[0]))
    return StatTable("payment-failures", _("Two subsidies: failed payments by the bank's reason"),
                     [_("The bank's reason"), _("Failed payments")],
                     [[_("No reason given") if code == "none" else code,
                       count_text(value, small_ok)] for code, value in reasons])


def outreach_table(figures: Figures, small_ok: bool) -> StatTable:
    """People on the month's 低保 or 特困 roster who may be entitled and have not applied; when no
    roster was imported for the month, it says so instead of a number."""
    if figures.outreach["roster"]:
        counts = [count_text(figures.outreach[key], small_ok)
                  for key in ("candidates", "invited")]
    else:
        counts = [_("no roster imported for this month")] * 2
    return StatTable("outreach", _("People who may be entitled and have not applied"),
                     [_("Measure"), _("People")],
                     [[_("May be entitled to an allowance, have not applied"), counts[0]],
                      [_("Invited to apply"), counts[1]]])


def allowance_tables(figures: Figures, month: str, small_ok: bool) -> list[StatTable]:
    return [recipients_table(figures, month, small_ok), stops_table(figures, small_ok),
            payments_table(figures, small_ok), failures_table(figures, small_ok),
            outreach_table(figures, small_ok)]

