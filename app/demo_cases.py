"""Demo cases (issue 25): a small county's worth of applications in 南关区 (220102), in every
state of every service, so each demo role has work at once.

Each case is driven through the real status machine (app.domain.casework.workflow), as staff would
move it, with the portal's clock set to the day of each step: the timeline, the deadlines (some
overdue), the opinions, the documents seen on paper and the applicant's messages are those the
portal itself writes. Never loaded in production (app.demo refuses).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from app.domain import clock
from app.domain.benefits.allowances import AllowanceDecision, claimed
from app.domain.casework import status_machine, workflow
from app.domain.casework.answers import COMMUNICATION_NEEDS, CONTACT
from app.domain.casework.made_by import FilledBy, MadeBy
from app.domain.casework.reference import new_reference
from app.domain.files import paper_documents
from app.domain.models import (
    Account,
    Application,
    ApplicationStatus,
    Channel,
    HomeModificationQuota,
    Person,
    Role,
    StatusEvent,
)
from app.domain.people.identity import check_character
from app.domain.rules.service_rules import ServiceCode
from app.seed import answers_for
from app.services import get_service

COUNTY = "220102"  # 南关区
TWO_SUBSIDIES, DISABILITY_ASSESSMENT, HOME_MODIFICATION, ASSISTIVE_DEVICES = ServiceCode
TOWNSHIP = "220102001"  # 南岭街道: the demo counter's township
OTHER_TOWNSHIP = "220102002"  # 自强街道: the county's caseworkers see it, the counter does not

# The whole life of each service, step by step: (what, argument). "wait" lets days pass;
# "notice_over" lets a 公示 counted in working days run to its end.
FULL_LIFE: dict[str, tuple[tuple[str, str], ...]] = {
    TWO_SUBSIDIES: (
        ("papers", ""), ("accept", ""), ("start_review", ""), ("start_public_notice", ""),
        ("wait", "8"), ("pass_for_decision", ""), ("approve", ""), ("start_stages", ""),
        ("stage", "first_payment"), ("complete", "")),
    DISABILITY_ASSESSMENT: (
        ("papers", ""), ("accept", ""), ("start_assessment", ""), ("stage", "appointment"),
        ("wait", "8"), ("stage", "assessment_result"), ("finish_assessment", ""),
        ("start_public_notice", ""), ("notice_over", ""), ("pass_for_decision", ""),
        ("approve", ""), ("start_stages", ""), ("stage", "card_issued"), ("complete", "")),
    HOME_MODIFICATION: (
        ("papers", ""), ("accept", ""), ("start_review", ""), ("start_assessment", ""),
        ("stage", "home_visit"), ("wait", "6"), ("stage", "plan_agreed"),
        ("finish_assessment", ""), ("pass_for_decision", ""), ("approve", ""),
        ("start_stages", ""), ("stage", "works"), ("stage", "acceptance"), ("complete", "")),
    ASSISTIVE_DEVICES: (
        ("papers", ""), ("accept", ""), ("start_review", ""), ("start_assessment", ""),
        ("stage", "assessment"), ("wait", "6"), ("finish_assessment", ""),
        ("pass_for_decision", ""), ("approve", ""), ("start_stages", ""), ("stage", "fitting"),
        ("wait", "6"), ("stage", "follow_up"), ("complete", "")),
}

# What staff write, in Chinese as they would.
REASONS = {
    "approve": "经审定，符合条件，予以批准。",
    "refuse": "经审核，家庭人均收入高于当地低保标准，不符合条件。",
    "return": "未提供户口簿，请补齐材料后重新申请。",
    "request_information": "请补充最近三个月的低保证明。",
    "withdraw": "申请人来电要求撤回。",
}
OPINIONS = {"accept": "材料齐全，符合受理条件，同意受理。",
            "pass_for_decision": "经审核，申请人符合条件，建议批准。"}
# Amounts are the county's to set; these are examples for the demo only.
DEMO_AMOUNTS = {"living": Decimal("120.00"), "care": Decimal("100.00")}


@dataclass(frozen=True)
class DemoCase:
    name: str
    service_code: str
    steps_done: int  # how many steps of the service's whole life were taken
    days_ago: int  # when it was sent
    township: str = TOWNSHIP
    then: str | None = None  # a last step off the main path: refuse, return, withdraw ...
    person: str | None = None  # the same name: the same person (a second application)
    by_post: str | None = None  # told by "letter" (in large print) or "phone", not by text


CASES = (
    # 残疾人两项补贴: the counter accepts, the caseworker reviews, 公示, civil affairs decides.
    DemoCase("刘桂兰", TWO_SUBSIDIES, 0, 2),
    DemoCase("孙国强", TWO_SUBSIDIES, 0, 20),  # not accepted in time: overdue
    DemoCase("周玉珍", TWO_SUBSIDIES, 2, 9, township=OTHER_TOWNSHIP),
    DemoCase("吴建国", TWO_SUBSIDIES, 3, 12),
    DemoCase("郑秀英", TWO_SUBSIDIES, 3, 10, then="request_information", by_post="letter"),
    DemoCase("冯志海", TWO_SUBSIDIES, 4, 5),  # on 公示 now
    DemoCase("陈春梅", TWO_SUBSIDIES, 6, 16),  # ready for civil affairs
    DemoCase("韩凤云", TWO_SUBSIDIES, 6, 30, township=OTHER_TOWNSHIP),  # ready, overdue
    DemoCase("杨雪松", TWO_SUBSIDIES, 10, 120),  # receives both allowances
    DemoCase("杨雪松", TWO_SUBSIDIES, 6, 18, person="杨雪松"),  # and applies again
    DemoCase("马丽华", TWO_SUBSIDIES, 6, 25, then="refuse"),
    DemoCase("高红", TWO_SUBSIDIES, 7, 40),  # approved, payment not yet recorded
    DemoCase("何明", TWO_SUBSIDIES, 0, 8, then="return"),
    DemoCase("罗平", TWO_SUBSIDIES, 2, 9, then="withdraw"),
    # 残疾评定: 评定 at a designated hospital before the review; the approver decides.
    DemoCase("朱杰", DISABILITY_ASSESSMENT, 0, 3),
    DemoCase("林涛", DISABILITY_ASSESSMENT, 4, 6),  # the appointment is still to come
    DemoCase("郭艳", DISABILITY_ASSESSMENT, 10, 34),  # ready for the approver
    DemoCase("梁超", DISABILITY_ASSESSMENT, 11, 40),  # approved: the card to issue
    DemoCase("宋霞", DISABILITY_ASSESSMENT, 10, 38, then="refuse"),
    DemoCase("谢磊", DISABILITY_ASSESSMENT, 14, 60),
    # 家庭无障碍改造: home visit and plan before the decision, works and 验收 after it.
    DemoCase("唐娜", HOME_MODIFICATION, 0, 4, township=OTHER_TOWNSHIP),
    DemoCase("董勇", HOME_MODIFICATION, 5, 9, by_post="phone"),  # the home visit is booked
    DemoCase("袁敏", HOME_MODIFICATION, 9, 26),  # ready for the approver
    DemoCase("邓静", HOME_MODIFICATION, 12, 70),  # the works under way
    DemoCase("蒋丽娟", HOME_MODIFICATION, 10, 35),  # approved: the works to start
    DemoCase("许洋", HOME_MODIFICATION, 14, 150),
    # 辅助器具适配: 评估 gives the prescription, then 适配 and 回访.
    DemoCase("傅军", ASSISTIVE_DEVICES, 0, 1),
    DemoCase("沈英", ASSISTIVE_DEVICES, 3, 7),  # in review
    DemoCase("曾华", ASSISTIVE_DEVICES, 8, 22),  # ready for the approver
    DemoCase("苏建华", ASSISTIVE_DEVICES, 9, 30),  # approved: the fitting to book
    DemoCase("彭芳", ASSISTIVE_DEVICES, 8, 20, then="refuse"),
    DemoCase("吕伟", ASSISTIVE_DEVICES, 11, 40),  # the fitting is booked
    DemoCase("金秀兰", ASSISTIVE_DEVICES, 14, 90),
)
# The demo resident's own: one the county asked more about, one that is paid.
RESIDENT_CASES = (
    DemoCase("张丽", TWO_SUBSIDIES, 3, 11, then="request_information"),
    DemoCase("张丽", ASSISTIVE_DEVICES, 14, 100),
)


@contextmanager
def _portal_day(day: date) -> Iterator[None]:
    """The portal's clock at 10:00 in China on ``day``, so each step is dated as it happened."""
    moment = datetime.combine(day, time(2, 0), tzinfo=UTC)
    real = clock.utc_now
    clock.utc_now = lambda: moment
    try:
        yield
    finally:
        clock.utc_now = real


def _id_number(index: int, born: date, female: bool) -> str:
    sequence = f"{(index * 2 + (0 if female else 1)) % 1000:03d}"
    first17 = f"{COUNTY}{born:%Y%m%d}{sequence}"
    return first17 + check_character(first17)


def _person(session: Session, name: str, index: int, township: str) -> Person:
    born = date(1950 + index % 40, 1 + index % 12, 1 + index % 27)
    female = index % 2 == 0
    person = Person(full_name=name, id_number=_id_number(index, born, female), birth_date=born,
                    sex="female" if female else "male", phone=f"1390431{index:04d}",
                    county_code=COUNTY, township_code=township, preferred_language="zh_Hans_CN",
                    contact_channel="sms", communication_needs=[])
    session.add(person)
    session.flush()
    return person


Notify = Callable[[Session, Application, StatusEvent], None]


class _Driver:
    """Moves one application through its steps, a day or two apart, as the staff would."""

    def __init__(self, session: Session, staff: dict[str, Account], notify: Notify) -> None:
        self.session = session
        self.staff = staff
        self.notify = notify

    def send(self, case: DemoCase, person: Person, creator: Account, day: date) -> Application:
        online = creator.role == Role.PUBLIC
        answers = answers_for(case.service_code, person, person.phone or "")
        if case.by_post is not None:  # the letters staff print (app/domain/messages/letters.py)
            answers[CONTACT] = {**answers[CONTACT], "channel": case.by_post}
            answers[COMMUNICATION_NEEDS] = {
                "needs": ["large_print"] if case.by_post == "letter" else ["none"]}
            person.contact_channel = case.by_post
        with _portal_day(day):
            now = clock.utc_now()
            application = Application(
                service_code=case.service_code, person=person, created_by=creator,
                channel=Channel.ONLINE if online else Channel.COUNTER,
                status=ApplicationStatus.SUBMITTED, reference=new_reference(), answers=answers,
                county_code=COUNTY, township_code=person.township_code,
                lodged_county_code=COUNTY, submitted_at=now,
                made_by=MadeBy(FilledBy.APPLICANT if online else FilledBy.COUNTER).record())
            self.session.add(application)
            self.session.add(StatusEvent(application=application,
                                         from_status=ApplicationStatus.DRAFT,
                                         to_status=ApplicationStatus.SUBMITTED, actor=creator,
                                         channel=application.channel, occurred_at=now))
            self.session.flush()
            application.due_on = status_machine.due_date(
                self.session, application, ApplicationStatus.SUBMITTED, day)
        return application

    def papers(self, application: Application) -> None:
        """Every document the application needs, brought to the counter and seen there."""
        service = get_service(application.service_code)
        if service is None:
            return
        counter = self.staff["counter"]
        for requirement in service.documents_of_sent(
                channel=application.channel, made_by=application.made_by,
                answers=application.answers):
            if requirement.required:
                paper = paper_documents.promise(self.session, application, requirement.code,
                                                by=counter)
                paper_documents.mark_seen(self.session, paper, by=counter)

    def _actor(self, name: str, application: Application) -> Account:
        if name in ("accept", "return", "withdraw"):
            return self.staff["counter"] if application.township_code == TOWNSHIP \
                else self.staff["caseworker"]
        if name in ("approve", "refuse", "wait_for_quota"):
            return self.staff["civil_affairs"] if application.service_code == TWO_SUBSIDIES \
                else self.staff["approver"]
        return self.staff["caseworker"]

    def transition(self, application: Application, name: str, day: date) -> None:
        with _portal_day(day):
            allowances = None
            if name == "approve" and claimed(application.answers):
                first = application.submitted_at
                first_month = clock.date_in_china(first).replace(day=1) if first else day
                allowances = [AllowanceDecision(a, True, DEMO_AMOUNTS[a], first_month)
                              for a in claimed(application.answers)]
            workflow.perform_transition(
                self.session, application, name, actor=self._actor(name, application),
                channel=Channel.COUNTER if name == "accept" else Channel.OFFICE,
                notify=self.notify, reason=REASONS.get(name), opinion=OPINIONS.get(name),
                allowances=allowances, today=day)
            self.session.flush()

    def stage(self, application: Application, code: str, day: date) -> None:
        from app.domain.casework.stages import needs_date

        with _portal_day(day):
            workflow.perform_stage(
                self.session, application, code, actor=self.staff["caseworker"],
                channel=Channel.OFFICE, notify=self.notify,
                scheduled_for=day + timedelta(days=5)
                if needs_date(application.service_code, code) else None, today=day)
            self.session.flush()

    def run(self, case: DemoCase, application: Application, sent_on: date) -> None:
        day = sent_on
        steps = FULL_LIFE[case.service_code][:case.steps_done]
        for what, argument in steps:
            day += timedelta(days=1)
            if what == "papers":
                with _portal_day(sent_on):
                    self.papers(application)
            elif what == "wait":
                day += timedelta(days=int(argument))
            elif what == "notice_over":  # working days, holidays included: its own last day
                day = max(day, application.public_notice_ends_on or day)
            elif what == "stage":
                self.stage(application, argument, day)
            else:
                self.transition(application, what, day)
        if case.then is not None:
            self.transition(application, case.then, day + timedelta(days=1))


# Reviewed and planned when the year's places are used up: it waits for next year's.
QUOTA_CASE = DemoCase("白玉霞", HOME_MODIFICATION, 9, 24, then="wait_for_quota")


def _places_used_up(session: Session, by: Account, today: date) -> None:
    """南关区's home-modification places for this year (and last, for early January): exactly
    the places already used."""
    from app.domain.rules.county_rules import places_used

    for year in (today.year - 1, today.year):
        session.add(HomeModificationQuota(county_code=COUNTY, year=year,
                                          places=places_used(session, COUNTY, year),
                                          updated_by_account_id=by.id))
    session.flush()


def load_demo_cases(session: Session, *, staff: dict[str, Account], resident: Account,
                    resident_person: Person, notify: Notify, today: date) -> int:
    """Creates the demo cases; returns how many. ``staff``: counter, caseworker, approver and
    civil_affairs accounts of 南关区."""
    driver = _Driver(session, staff, notify)
    people: dict[str, Person] = {resident_person.full_name: resident_person}
    made = 0
    for index, case in enumerate((*CASES, *RESIDENT_CASES, QUOTA_CASE), start=1):
        if case is QUOTA_CASE:  # the year's places are used by those approved so far
            _places_used_up(session, staff["approver"], today)
        person = people.get(case.person or case.name)
        if person is None:
            person = _person(session, case.name, index, case.township)
            people[case.name] = person
        creator = resident if person is resident_person else staff["counter"] \
            if case.township == TOWNSHIP else staff["caseworker"]
        sent_on = today - timedelta(days=case.days_ago)
        application = driver.send(case, person, creator, sent_on)
        driver.run(case, application, sent_on)
        made += 1
    return made
