"""Typed SQLAlchemy models of the portal's domain.

People and accounts are kept apart: a Person (申请人) is whom an application is for, an Account is
who signs in. A resident's account points at their own Person; agents (代办人) act for other people
through Delegations; staff accounts carry a role and an area (a division code).
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.domain.clock import utc_now


class Base(DeclarativeBase):
    # Named constraints keep migrations reproducible on SQLite and PostgreSQL alike.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def _enum(kind: type[enum.Enum]) -> Enum:
    # Stored as plain strings: adding a member never needs an ALTER TYPE on PostgreSQL.
    return Enum(
        kind,
        native_enum=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Role(enum.StrEnum):
    PUBLIC = "public"  # a resident or an agent (代办人): what they may do depends on delegations
    COUNTER = "counter"  # 窗口 counter staff
    CASEWORKER = "caseworker"  # 审核
    APPROVER = "approver"  # 审批 at the county disability federation (县级残联)
    # 民政审定: the county civil-affairs department decides the two subsidies (国发〔2015〕52号).
    CIVIL_AFFAIRS = "civil_affairs"
    # County or province managers who read the statistics (统计): counts only, never a case.
    STATISTICS = "statistics"
    ADMIN = "admin"


STAFF_ROLES = frozenset({Role.COUNTER, Role.CASEWORKER, Role.APPROVER, Role.CIVIL_AFFAIRS,
                         Role.STATISTICS, Role.ADMIN})


class Channel(enum.StrEnum):
    """How an action reached the portal; channels.channel_of(actor) decides it."""

    ONLINE = "online"  # the applicant or an agent, on their own device
    COUNTER = "counter"  # counter staff (窗口), with the person in front of them
    OFFICE = "office"  # caseworkers, approvers and administrators, from the back office
    SYSTEM = "system"  # the portal itself


class ApplicationStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"  # 受理
    RETURNED = "returned"  # 不予受理
    IN_REVIEW = "in_review"  # 审核
    MORE_INFORMATION = "more_information"  # 补正
    ASSESSING = "assessing"  # 评定/评估 before the decision (assessment, home visit, plan)
    PUBLIC_NOTICE = "public_notice"  # 公示 before 民政审定, where the county publishes one
    READY_FOR_DECISION = "ready_for_decision"  # reviewed; waits for the approver (审批/审定)
    WAITING_FOR_QUOTA = "waiting_for_quota"  # approved in substance; waits for next year's places
    # A part of one application (残疾人服务"一件事") that needs the card its card part asks for:
    # it goes on by itself when the card is issued (app.domain.casework.one_application).
    WAITING_FOR_CARD = "waiting_for_card"
    APPROVED = "approved"
    REFUSED = "refused"
    IN_PROGRESS = "in_progress"  # the service's own stages after approval
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class DelegationStatus(enum.StrEnum):
    INVITED = "invited"  # the resident invited an agent; waits for the agent
    REQUESTED = "requested"  # an agent asked to act; waits for staff to see the proof
    ACTIVE = "active"
    DECLINED = "declined"
    ENDED = "ended"


class IdentityLevel(enum.StrEnum):
    """How sure the portal is who holds an account (实名认证 levels, as national 政务 platforms
    use them)."""

    PHONE = "phone"  # the mobile number is confirmed by a code; the name and ID were typed
    REAL_NAME = "real_name"  # the ID card seen at a counter, or the provincial platform's sign-in


class IdentityMethod(enum.StrEnum):
    COUNTER = "counter"  # staff saw the ID card and recorded it
    PROVINCIAL = "provincial"  # the provincial platform's sign-in (OpenID Connect) vouched


class Relationship(enum.StrEnum):
    FAMILY = "family"
    GUARDIAN = "guardian"  # 监护人
    SUPPORTER = "supporter"  # 赡养/扶养义务人
    OTHER = "other"


class Person(Base):
    """Whom an application is for."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(100))
    id_number: Mapped[str] = mapped_column(String(18), unique=True)  # normalised 居民身份证号
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(8))
    # 20 characters, then B1, B2 … on a reissued card (补办).
    disability_card_number: Mapped[str | None] = mapped_column(String(24))
    # A mobile number (11 digits), or a landline "0431-88888888" where only a phone was asked
    # for (identity.parse_phone): texts go to a mobile only (identity.mobile_only).
    phone: Mapped[str | None] = mapped_column(String(13))
    county_code: Mapped[str | None] = mapped_column(String(6), index=True)  # where they live
    township_code: Mapped[str | None] = mapped_column(String(12))
    # 户籍: the county of household registration, which decides; None: the county they live in.
    hukou_county_code: Mapped[str | None] = mapped_column(String(6))
    address_line: Mapped[str | None] = mapped_column(String(200))
    preferred_language: Mapped[str | None] = mapped_column(String(16))
    contact_channel: Mapped[str | None] = mapped_column(String(16))
    communication_needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The card's life (issue 22, app/domain/people/cards.py): issued by the assessment service,
    # valid ten years (《残疾人证管理办法》第十九条); the expiry reminder sent for this expiry date;
    # 注销 and its ground (第二十四条), which bars a new application for a year.
    card_issued_on: Mapped[date | None] = mapped_column(Date)
    card_expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    card_reminded_for: Mapped[date | None] = mapped_column(Date)
    card_cancelled_on: Mapped[date | None] = mapped_column(Date)
    card_cancellation_ground: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )

    applications: Mapped[list[Application]] = relationship(back_populates="person")
    delegations: Mapped[list[Delegation]] = relationship(back_populates="person")


class Account(Base):
    """Someone who signs in: a resident, an agent or a member of staff."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(11), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(_enum(Role), default=Role.PUBLIC)
    # staff only: a division code; indexed, as colleagues and audit areas are looked up by it
    area_code: Mapped[str | None] = mapped_column(String(12), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), unique=True)
    locale: Mapped[str | None] = mapped_column(String(16))
    display_settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    phone_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    is_active: Mapped[bool] = mapped_column(default=True)
    # An administrator chose the password: its owner chooses their own before anything else.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Raised by "sign out everywhere": sessions carrying an older number are refused.
    session_generation: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Real-name verification: only a REAL_NAME account is joined to an existing record and sees
    # what counter staff filed (policies); how, when and by whom it was verified.
    identity_level: Mapped[IdentityLevel] = mapped_column(
        _enum(IdentityLevel), default=IdentityLevel.PHONE, server_default=IdentityLevel.PHONE.value)
    identity_method: Mapped[IdentityMethod | None] = mapped_column(_enum(IdentityMethod))
    identity_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    identity_verified_by_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id"))
    # The provincial platform's subject ("sub") for this account, once signed in through it.
    provincial_subject: Mapped[str | None] = mapped_column(String(255), unique=True)

    person: Mapped[Person | None] = relationship()

    @property
    def is_real_name(self) -> bool:
        return self.identity_level == IdentityLevel.REAL_NAME

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES


class Delegation(Base):
    """An agent's (代办人) standing to act for a person, by consent or after staff checked proof."""

    __tablename__ = "delegations"
    __table_args__ = (Index("ix_delegations_agent_status", "agent_account_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # None while an agent's request waits for staff (see requested_*).
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    agent_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    invited_phone: Mapped[str | None] = mapped_column(String(11))
    relationship_kind: Mapped[Relationship] = mapped_column(_enum(Relationship))
    status: Mapped[DelegationStatus] = mapped_column(_enum(DelegationStatus))
    requested_note: Mapped[str | None] = mapped_column(Text)  # the agent's reason, for staff
    # Whom an agent asked to act for. The person record is found or made only when staff
    # confirm the request after seeing proof, so a request neither creates, reserves nor
    # reveals a record.
    requested_full_name: Mapped[str | None] = mapped_column(String(100))
    requested_id_number: Mapped[str | None] = mapped_column(String(18))
    requested_county_code: Mapped[str | None] = mapped_column(String(6), index=True)
    confirmed_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    ended_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    person: Mapped[Person | None] = relationship(back_populates="delegations")
    agent: Mapped[Account | None] = relationship(foreign_keys=[agent_account_id])

    @property
    def person_name(self) -> str:
        return self.person.full_name if self.person else self.requested_full_name or ""

    @property
    def person_id_number(self) -> str:
        return self.person.id_number if self.person else self.requested_id_number or ""

    @property
    def county_code(self) -> str | None:
        return self.person.county_code if self.person else self.requested_county_code

    @property
    def township_code(self) -> str | None:
        return self.person.township_code if self.person else None


class Application(Base):
    """One application for one service (服务事项), from draft to completion."""

    __tablename__ = "applications"
    __table_args__ = (
        # The staff queues: an area's applications, soonest deadline first, keyset on (due, id).
        # Ordered by the index itself, so the first page costs the same at any table size;
        # the status filter is applied while walking it.
        Index("ix_applications_queue", "county_code", "due_on", "id"),
        Index("ix_applications_township_queue", "township_code", "due_on", "id"),
        Index("ix_applications_person_status", "person_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(16), unique=True)  # given on submission
    service_code: Mapped[str] = mapped_column(String(40))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    status: Mapped[ApplicationStatus] = mapped_column(
        _enum(ApplicationStatus), default=ApplicationStatus.DRAFT
    )
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The deciding county: the applicant's 户籍 county (its staff queues hold the application).
    county_code: Mapped[str | None] = mapped_column(String(6))
    # Where it was lodged (any township in Jilin: 通办); its county, when not the deciding one.
    township_code: Mapped[str | None] = mapped_column(String(12))
    lodged_county_code: Mapped[str | None] = mapped_column(String(6))
    # 通办: the 户籍 county decides within 10 working days of receiving it.
    decide_by: Mapped[date | None] = mapped_column(Date)
    public_notice_ends_on: Mapped[date | None] = mapped_column(Date)  # 公示: its last day
    quota_year: Mapped[int | None] = mapped_column(Integer)  # 家庭无障碍改造: the year's place used
    assigned_to_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    stage: Mapped[str | None] = mapped_column(String(40))  # the service's own stage, once approved
    due_on: Mapped[date | None] = mapped_column(Date)
    # Who made the application, recorded when it is sent (app.domain.casework.made_by.MadeBy reads
    # and writes it): shown on the receipt, the casework page and the timeline.
    made_by: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )
    # Optimistic locking: a second member of staff saving a stale copy is told, not lost.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    person: Mapped[Person | None] = relationship(back_populates="applications")
    created_by: Mapped[Account] = relationship(foreign_keys=[created_by_account_id])
    events: Mapped[list[StatusEvent]] = relationship(
        back_populates="application", order_by="StatusEvent.occurred_at"
    )
    documents: Mapped[list[Document]] = relationship(back_populates="application")


class StatusEvent(Base):
    """One change of an application's status: who, when, through which channel, and why."""

    __tablename__ = "status_events"
    __table_args__ = (Index("ix_status_events_application", "application_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"))
    from_status: Mapped[ApplicationStatus | None] = mapped_column(_enum(ApplicationStatus))
    to_status: Mapped[ApplicationStatus] = mapped_column(_enum(ApplicationStatus))
    actor_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    reason: Mapped[str | None] = mapped_column(Text)  # as the member of staff wrote it
    # Standard reasons picked from app.services.standard_reasons, shown translated.
    reason_codes: Mapped[list[str] | None] = mapped_column(JSON)
    # Staff's opinion on the file (初审意见 at acceptance, 审核意见 when passing for decision):
    # read by the decider, never shown to the applicant.
    opinion: Mapped[str | None] = mapped_column(Text)
    # Two subsidies: each allowance's decision, with its amount and first month
    # (app.domain.benefits.allowances.AllowanceDecision.as_stored), on the approval.
    allowances: Mapped[list[dict] | None] = mapped_column(JSON)
    stage: Mapped[str | None] = mapped_column(String(40))
    # The date of an appointment or visit the stage arranges
    # (app.domain.casework.stages.needs_date).
    scheduled_for: Mapped[date | None] = mapped_column(Date)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    application: Mapped[Application] = relationship(back_populates="events")
    actor: Mapped[Account | None] = relationship()


class Document(Base):
    """An uploaded file, stored outside static/ under a random name."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    requirement_code: Mapped[str] = mapped_column(String(40))
    original_filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    application: Mapped[Application] = relationship(back_populates="documents")


class PaperDocument(Base):
    """A document the applicant will bring to the counter instead of uploading it (纸质材料),
    and, once staff have seen the paper, who saw it and when."""

    __tablename__ = "paper_documents"
    __table_args__ = (UniqueConstraint("application_id", "requirement_code",
                                       name="uq_paper_documents_application_requirement"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    requirement_code: Mapped[str] = mapped_column(String(40))
    promised_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    promised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    seen_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    application: Mapped[Application] = relationship()
    seen_by: Mapped[Account | None] = relationship(foreign_keys=[seen_by_account_id])


class AuditEvent(Base):
    """Who viewed or changed whose personal data (PIPL: disability and ID data are sensitive)."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_person", "person_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class CodePurpose(enum.StrEnum):
    SIGN_UP = "sign_up"
    PASSWORD_RESET = "password_reset"
    STATUS_LOOKUP = "status_lookup"


class VerificationCode(Base):
    """A 6-digit code sent by SMS. Only its hash is stored."""

    __tablename__ = "verification_codes"
    __table_args__ = (Index("ix_verification_codes_phone", "phone", "purpose", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(11))
    purpose: Mapped[CodePurpose] = mapped_column(_enum(CodePurpose))
    code_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    extensions: Mapped[int] = mapped_column(Integer, default=0)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class OutboxMessage(Base):
    """A message to send, written in the same transaction as the change it reports."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_pending", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))  # sms, in_app
    recipient: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)



class Letter(Base):
    """A letter to post to an applicant who asked to be told by letter or by phone (issue 25):
    what a text message would have said, in their language, in large print when they asked.
    Staff print it from their queue and mark it sent."""

    __tablename__ = "letters"
    __table_args__ = (Index("ix_letters_due", "printed_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    locale: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    large_print: Mapped[bool] = mapped_column(default=False)
    phone_too: Mapped[bool] = mapped_column(default=False)  # they asked for a phone call
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    printed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    printed_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))

    application: Mapped[Application] = relationship()
    printed_by: Mapped[Account | None] = relationship()


class StaffNote(Base):
    """A note on an application that only staff see."""

    __tablename__ = "staff_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    author_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    author: Mapped[Account] = relationship()


class InAppMessage(Base):
    """A message in the applicant's (or agent's) inbox on the portal: always sent, whatever else."""

    __tablename__ = "in_app_messages"
    __table_args__ = (Index("ix_in_app_messages_account", "account_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class GuideVideo(Base):
    """A short guide video (服务指南视频) for one service and topic, such as "how to apply".

    Its files are shipped with the portal (source "static": paths under static/) or uploaded by an
    administrator (source "upload": random names under UPLOAD_FOLDER/media/). It is shown to the
    public only once published, and app.domain.files.media allows that only with captions and a
    transcript in every language. The sign-language version (国家通用手语) is optional.
    """

    __tablename__ = "guide_videos"
    __table_args__ = (Index("ix_guide_videos_service", "service_code", "published"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_code: Mapped[str] = mapped_column(String(40))
    topic: Mapped[str] = mapped_column(String(32))  # how_to_apply, documents_needed
    source: Mapped[str] = mapped_column(String(16), default="upload")  # static, upload
    titles: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # locale -> title
    video_name: Mapped[str] = mapped_column(String(200))
    video_type: Mapped[str] = mapped_column(String(32))  # video/mp4, video/webm
    video_size: Mapped[int] = mapped_column(Integer)
    video_sha256: Mapped[str] = mapped_column(String(64))
    duration_ms: Mapped[int | None] = mapped_column(Integer)  # when the file tells us
    sign_video_name: Mapped[str | None] = mapped_column(String(200))
    sign_video_type: Mapped[str | None] = mapped_column(String(32))
    sign_video_size: Mapped[int | None] = mapped_column(Integer)
    sign_video_sha256: Mapped[str | None] = mapped_column(String(64))
    captions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # locale -> WebVTT file
    transcripts: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # locale -> text
    published: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now,
                                                 onupdate=utc_now)


class DeadlineRule(Base):
    """A county's own number of working days for one status, instead of the provincial default.

    Administrators set them (app.domain.calendar.deadlines); they apply to deadlines set from then
    on.
    """

    __tablename__ = "deadline_rules"
    __table_args__ = (UniqueConstraint("county_code", "status",
                                       name="uq_deadline_rules_county_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String(6))
    status: Mapped[ApplicationStatus] = mapped_column(_enum(ApplicationStatus))
    working_days: Mapped[int] = mapped_column(Integer)
    updated_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now,
                                                 onupdate=utc_now)


class CountyProcessRule(Base):
    """How a county runs the two subsidies' 公示 (public notice) before 民政审定.

    No row: the provincial default (app.domain.rules.county_rules). Administrators set them.
    """

    __tablename__ = "county_process_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String(6), unique=True)
    public_notice: Mapped[bool] = mapped_column(default=True)
    public_notice_days: Mapped[int] = mapped_column(Integer, default=7)
    updated_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now,
                                                 onupdate=utc_now)


class HomeModificationQuota(Base):
    """A county's places for 家庭无障碍改造 in one year (no row: the county set no limit)."""

    __tablename__ = "home_modification_quotas"
    __table_args__ = (UniqueConstraint("county_code", "year",
                                       name="uq_home_modification_quotas_county_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String(6))
    year: Mapped[int] = mapped_column(Integer)
    places: Mapped[int] = mapped_column(Integer)
    updated_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now,
                                                 onupdate=utc_now)


class CounterLookup(Base):
    """An ID number counter staff searched for and did not find, kept here for the registration
    page: the browser holds only the random token (the Flask session is a readable cookie)."""

    __tablename__ = "counter_lookups"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(43), unique=True)
    staff_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    id_number: Mapped[str] = mapped_column(String(18))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now,
                                                 index=True)


class SignInSession(Base):
    """One signed-in browser. The signed cookie alone cannot be revoked, so it also carries a random
    token whose hash is kept here; signing out deletes the row and a copied cookie stops working."""

    __tablename__ = "sign_in_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now,
                                                 index=True)


class CalendarYear(Base):
    """A year of the national work calendar, entered from the State Council's notice
    (国务院办公厅关于××××年部分节假日安排的通知). A year without a row is counted by weekends
    alone, and the deadlines that fall in it are provisional (app.domain.calendar.work_calendar)."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    notice: Mapped[str] = mapped_column(String(200))  # the notice's title, number or date
    # None: seeded from the notices shipped with the app (app/data/cn-work-calendar.csv).
    entered_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now,
                                                 onupdate=utc_now)

    days: Mapped[list[CalendarDay]] = relationship(
        back_populates="calendar_year", order_by="CalendarDay.day", cascade="all, delete-orphan")


class CalendarDay(Base):
    """A public holiday, or a make-up working day (调休) on a weekend."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("calendar_years.year"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "holiday" or "workday"
    name: Mapped[str | None] = mapped_column(String(40))  # 春节, 国庆节…

    calendar_year: Mapped[CalendarYear] = relationship(back_populates="days")


class StatisticsCount(Base):
    """One figure of the statistics (统计), kept by `flask refresh-statistics`: the pages read
    only these rows, never the applications themselves (app.domain.statistics.refresh).

    period: a month in China's time zone ("2026-03"), or "now" for the state at the refresh.
    measure and key: what is counted (app.domain.statistics.counting names them).
    """

    __tablename__ = "statistics_counts"
    __table_args__ = (UniqueConstraint("county_code", "period", "measure", "key",
                                       name="uq_statistics_counts_county_period_measure_key"),
                      Index("ix_statistics_counts_period", "period", "measure"))

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String(6))
    period: Mapped[str] = mapped_column(String(7))
    measure: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(80))
    # Big: a county's payments in 分 for a month can pass 2^31 (21 million yuan).
    value: Mapped[int] = mapped_column(BigInteger)
    refreshed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class EntitlementState(enum.StrEnum):
    PAYING = "paying"  # 正常发放
    SUSPENDED = "suspended"  # 暂停发放
    STOPPED = "stopped"  # 停发


class Entitlement(Base):
    """One granted allowance of the two subsidies, paid every month (issue 22): made when civil
    affairs approve (民政审定), one per granted allowance, paid from the month of application
    (国发〔2015〕52号) by the deciding county into the account the application gave."""

    __tablename__ = "entitlements"
    # One per granted allowance and county: a move within Jilin stops it in the old county and
    # starts one in the new county the month after
    # (app.domain.benefits.entitlements.move_to_county).
    __table_args__ = (UniqueConstraint("application_id", "allowance", "first_month",
                                       name="uq_entitlements_application_allowance_month"),
                      Index("ix_entitlements_county_state", "county_code", "state"))

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    allowance: Mapped[str] = mapped_column(String(16))  # benefits.allowances: living or care
    first_month: Mapped[date] = mapped_column(Date)  # the first day of the first month paid
    county_code: Mapped[str] = mapped_column(String(6))  # the county paying it
    bank_name: Mapped[str | None] = mapped_column(String(100))
    account_holder: Mapped[str | None] = mapped_column(String(100))
    account_number: Mapped[str | None] = mapped_column(String(19))
    state: Mapped[EntitlementState] = mapped_column(_enum(EntitlementState),
                                                   default=EntitlementState.PAYING)
    state_reason: Mapped[str | None] = mapped_column(Text)
    state_changed_on: Mapped[date] = mapped_column(Date)
    # The last month paid (its first day) once stopped: the effect of an event starts the month
    # after it (自情况发生的次月起). None while it goes on.
    last_month: Mapped[date | None] = mapped_column(Date)
    # The entitlement in the county the person moved from, when this one continues it.
    continues_id: Mapped[int | None] = mapped_column(ForeignKey("entitlements.id"))
    # When the account was last corrected: failed months are paid again in the next run after it.
    account_changed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    person: Mapped[Person] = relationship()
    application: Mapped[Application] = relationship()
    events: Mapped[list[EntitlementEvent]] = relationship(
        back_populates="entitlement", order_by="EntitlementEvent.id")


class EntitlementEventKind(enum.StrEnum):
    GRANTED = "granted"  # 民政审定: paying from the month of application
    SUSPENDED = "suspended"  # 暂停发放, e.g. a review not answered by the round's date
    RESUMED = "resumed"  # 恢复发放: owed months are paid in the next run (应补尽补)
    STOPPED = "stopped"  # 停发 from the month after the event
    MOVED = "moved"  # 户籍 moved within Jilin: stopped here, continued in the new county
    ACCOUNT_CHANGED = "account_changed"  # a new bank account; failed months paid again


class EntitlementEvent(Base):
    """What happened to an entitlement, in order (issue 22): the person's allowance page and
    the letters read it. ``reason`` is a code the web layer words
    (app.domain.benefits.entitlements)."""

    __tablename__ = "entitlement_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    entitlement_id: Mapped[int] = mapped_column(ForeignKey("entitlements.id"), index=True)
    kind: Mapped[EntitlementEventKind] = mapped_column(_enum(EntitlementEventKind))
    reason: Mapped[str | None] = mapped_column(String(40))
    # The month the change takes effect in (its first day), where it has one.
    effective_month: Mapped[date | None] = mapped_column(Date)
    occurred_on: Mapped[date] = mapped_column(Date)
    actor_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    entitlement: Mapped[Entitlement] = relationship(back_populates="events")


class AllowanceAmount(Base):
    """A monthly amount of one allowance of the two subsidies from a month on (issue 22): the
    province's standard (county_code 220000) or a county's top-up (县级提标), with the document
    it comes from. app.domain.benefits.amounts adds them up for a month."""

    __tablename__ = "allowance_amounts"
    __table_args__ = (UniqueConstraint("county_code", "allowance", "from_month",
                                       name="uq_allowance_amounts_county_allowance_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String(6))
    allowance: Mapped[str] = mapped_column(String(16))
    from_month: Mapped[date] = mapped_column(Date)  # the first day of the first month
    monthly_fen: Mapped[int] = mapped_column(Integer)  # 分: exact, on both engines
    source: Mapped[str] = mapped_column(Text)  # the document, e.g. 吉民发〔2025〕26号
    updated_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now,
                                                 onupdate=utc_now)


class PaymentState(enum.StrEnum):
    PENDING = "pending"  # on the month's roster (发放名册), sent to the bank
    PAID = "paid"
    FAILED = "failed"  # the bank's return file gave the reason


class Payment(Base):
    """One month of one entitlement, put on a county's monthly roster (发放名册) by its payment
    run and settled by the bank's return file (issue 22). Unique per entitlement and month: a
    month run or imported twice pays nobody twice."""

    __tablename__ = "payments"
    __table_args__ = (UniqueConstraint("entitlement_id", "month",
                                       name="uq_payments_entitlement_month"),
                      Index("ix_payments_county_roster", "county_code", "roster_month"))

    id: Mapped[int] = mapped_column(primary_key=True)
    entitlement_id: Mapped[int] = mapped_column(ForeignKey("entitlements.id"))
    month: Mapped[date] = mapped_column(Date)  # the month paid for (its first day)
    roster_month: Mapped[date] = mapped_column(Date)  # the run that put it on a roster
    county_code: Mapped[str] = mapped_column(String(6))
    amount_fen: Mapped[int] = mapped_column(Integer)
    state: Mapped[PaymentState] = mapped_column(_enum(PaymentState),
                                                default=PaymentState.PENDING)
    paid_on: Mapped[date | None] = mapped_column(Date)
    failure_reason: Mapped[str | None] = mapped_column(Text)  # the bank's words
    # The day a return file settled it: a failure is paid again after an account corrected later.
    settled_on: Mapped[date | None] = mapped_column(Date)
    # How many rosters it has been on.
    attempts: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    entitlement: Mapped[Entitlement] = relationship()


# Reported changes, decisions about an entitlement, objections and 追回 (issue 22, changes).


class ChangeKind(enum.StrEnum):
    """What a person reports (主动申报); the values are entitlements.REASONS codes."""

    MOVED_WITHIN_JILIN = "moved_within_jilin"
    MOVED_OUT_OF_JILIN = "moved_out_of_jilin"
    SUBSISTENCE_ENDED = "subsistence_ended"
    CARE_LEVEL_CHANGED = "care_level_changed"
    ENTERED_INSTITUTION = "entered_institution"
    DIED = "died"
    NEW_ACCOUNT = "account_corrected"


class ChangeReportState(enum.StrEnum):
    DRAFT = "draft"  # being filled in, one page at a time (saved at each page)
    RECEIVED = "received"  # sent: waits for county civil affairs
    APPLIED = "applied"  # staff checked it and applied its effect
    NOT_APPLIED = "not_applied"  # staff found it changes no payment, with reasons


class ChangeReport(Base):
    """A change reported by the person, their agent or counter staff: a case for the civil
    affairs of the county paying the person's allowances
    (app.domain.benefits.entitlement_changes)."""

    __tablename__ = "change_reports"
    __table_args__ = (Index("ix_change_reports_queue", "county_code", "state", "due_on", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(16), unique=True)  # given when sent
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    county_code: Mapped[str] = mapped_column(String(6))  # the county paying: its queue
    kind: Mapped[ChangeKind | None] = mapped_column(_enum(ChangeKind))
    event_date: Mapped[date | None] = mapped_column(Date)  # when it happened
    new_county_code: Mapped[str | None] = mapped_column(String(6))  # moved within Jilin
    bank_name: Mapped[str | None] = mapped_column(String(100))  # a new account
    account_holder: Mapped[str | None] = mapped_column(String(100))
    account_number: Mapped[str | None] = mapped_column(String(19))
    note: Mapped[str | None] = mapped_column(Text)  # in the reporter's words
    # Who reported it: the person, an agent or family member (their relationship), counter staff.
    reported_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    reporter_relationship: Mapped[str | None] = mapped_column(String(16))
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    state: Mapped[ChangeReportState] = mapped_column(_enum(ChangeReportState),
                                                    default=ChangeReportState.DRAFT)
    sent_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    person: Mapped[Person] = relationship()
    reported_by: Mapped[Account] = relationship(foreign_keys=[reported_by_account_id])
    documents: Mapped[list[ChangeReportDocument]] = relationship(
        back_populates="report", order_by="ChangeReportDocument.id")


class ChangeReportDocument(Base):
    """A document sent with a change report (a death certificate, the new 户口簿 page…),
    checked and stored by app.domain.files.documents like an application's."""

    __tablename__ = "change_report_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("change_reports.id"), index=True)
    original_filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    report: Mapped[ChangeReport] = relationship(back_populates="documents")


class EntitlementDecisionKind(enum.StrEnum):
    STOPPED = "stopped"  # 停发 from the month after the event
    SUSPENDED = "suspended"  # 暂停发放
    RESUMED = "resumed"  # 恢复发放, with the months held back paid (补发)
    MOVED = "moved"  # paid by the new county from the month after the move
    ACCOUNT_CHANGED = "account_changed"  # paid into the new account; failed months again
    RECOVERY = "recovery"  # 追回: months paid after the last month owed are asked back
    OBJECTION_DISMISSED = "objection_dismissed"  # 异议 re-checked: the decision stands


class EntitlementDecision(Base):
    """A decision of county civil affairs about an entitlement, with its reasons: the person's
    letter (with review rights) is made from it, in their language."""

    __tablename__ = "entitlement_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    entitlement_id: Mapped[int] = mapped_column(ForeignKey("entitlements.id"), index=True)
    kind: Mapped[EntitlementDecisionKind] = mapped_column(_enum(EntitlementDecisionKind))
    reason: Mapped[str | None] = mapped_column(String(40))  # an entitlements.REASONS code
    note: Mapped[str | None] = mapped_column(Text)  # the reasons in the decider's words
    event_date: Mapped[date | None] = mapped_column(Date)  # when what it answers happened
    effective_month: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date] = mapped_column(Date)
    decided_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    change_report_id: Mapped[int | None] = mapped_column(ForeignKey("change_reports.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    entitlement: Mapped[Entitlement] = relationship()
    change_report: Mapped[ChangeReport | None] = relationship()


class OverpaymentRecovery(Base):
    """追回: what was paid for months after the last month owed, asked back (应退则退)."""

    __tablename__ = "overpayment_recoveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    entitlement_id: Mapped[int] = mapped_column(ForeignKey("entitlements.id"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("entitlement_decisions.id"))
    amount_fen: Mapped[int] = mapped_column(Integer)
    months: Mapped[list[str]] = mapped_column(JSON, default=list)  # "2026-05", …
    asked_on: Mapped[date] = mapped_column(Date)
    settled_on: Mapped[date | None] = mapped_column(Date)
    settled_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    settled_note: Mapped[str | None] = mapped_column(Text)  # how: repaid, waived by decision…

    entitlement: Mapped[Entitlement] = relationship()
    decision: Mapped[EntitlementDecision] = relationship()


class ObjectionState(enum.StrEnum):
    OPEN = "open"  # waits for the county's re-check (10 working days)
    UPHELD = "upheld"  # the decision was wrong: payment resumes, stopped months paid back
    DISMISSED = "dismissed"  # the decision stands


class Objection(Base):
    """异议 to a decision about an entitlement, re-checked by the county within 10 working days."""

    __tablename__ = "objections"
    __table_args__ = (Index("ix_objections_queue", "county_code", "state", "due_on", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("entitlement_decisions.id"), index=True)
    county_code: Mapped[str] = mapped_column(String(6))
    grounds: Mapped[str] = mapped_column(Text)  # in the objector's words
    lodged_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    lodged_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    state: Mapped[ObjectionState] = mapped_column(_enum(ObjectionState),
                                                 default=ObjectionState.OPEN)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    answer: Mapped[str | None] = mapped_column(Text)  # the county's reasons
    # The decision answering it (resumed, or dismissed): its letter goes out either way.
    answer_decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("entitlement_decisions.id"))

    decision: Mapped[EntitlementDecision] = relationship(foreign_keys=[decision_id])
    answer_decision: Mapped[EntitlementDecision | None] = relationship(
        foreign_keys=[answer_decision_id])

# 定期复核 (issue 22, "My allowances" and review rounds) -----------------------------------------


class ReviewRound(Base):
    """A county's yearly review (定期复核) of the two subsidies: every recipient of the county,
    or their agent, confirms their circumstances by the due date (国发〔2015〕52号)."""

    __tablename__ = "review_rounds"
    __table_args__ = (UniqueConstraint("county_code", "year",
                                       name="uq_review_rounds_county_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String(6))
    year: Mapped[int] = mapped_column(Integer)
    opened_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)  # the last day to answer
    opened_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    # Set by `flask close-review-rounds` once every non-answer is suspended.
    closed_on: Mapped[date | None] = mapped_column(Date)
    # The seed of the checks' sample (抽查): the same seed draws the same answers again.
    sample_seed: Mapped[str | None] = mapped_column(String(40))
    sample_drawn_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    cases: Mapped[list[ReviewCase]] = relationship(back_populates="round",
                                                   order_by="ReviewCase.id")


class ReviewCase(Base):
    """One recipient in a review round: the messages sent, the answer, a suspension for no
    answer, and a check when drawn for one. Each message is sent once (its date is kept)."""

    __tablename__ = "review_cases"
    __table_args__ = (UniqueConstraint("round_id", "person_id",
                                       name="uq_review_cases_round_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("review_rounds.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    told_opened_on: Mapped[date | None] = mapped_column(Date)
    reminded_on: Mapped[date | None] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date)
    answered_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    channel: Mapped[str | None] = mapped_column(String(16))  # online, counter
    # The questions (app.domain.benefits.reviews.QUESTIONS): True when the circumstance still holds;
    # None where the question was not asked (低保 only for the living allowance).
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    changes_note: Mapped[str | None] = mapped_column(Text)  # what changed, in their words
    suspended_on: Mapped[date | None] = mapped_column(Date)  # no answer by the due date
    drawn_for_check: Mapped[bool] = mapped_column(default=False, server_default=false())
    check_outcome: Mapped[str | None] = mapped_column(String(16))  # confirmed, differs
    check_note: Mapped[str | None] = mapped_column(Text)
    checked_on: Mapped[date | None] = mapped_column(Date)
    checked_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))

    round: Mapped[ReviewRound] = relationship(back_populates="cases")
    person: Mapped[Person] = relationship()
# --- One application for several services (残疾人服务"一件事", issue 23) ----------------------

class ApplicationBundle(Base):
    """One application (一表申请) sent for several services at once: each part is an
    application of its own service, with its own process, decider and letter."""

    __tablename__ = "application_bundles"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    created_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    parts: Mapped[list[BundlePart]] = relationship(back_populates="bundle",
                                                   order_by="BundlePart.position")


class BundlePart(Base):
    """One part of an application bundle: the card, an allowance or assistive devices."""

    __tablename__ = "bundle_parts"

    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("application_bundles.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), unique=True)
    part: Mapped[str] = mapped_column(String(16))  # app.domain.casework.one_application.PARTS
    position: Mapped[int] = mapped_column(Integer)

    bundle: Mapped[ApplicationBundle] = relationship(back_populates="parts")
    application: Mapped[Application] = relationship()


# --- Issue 23: shared data, the 低保/特困 and death rosters, nobody missed ---------------------


class AssistanceKind(enum.StrEnum):
    """The rosters civil affairs keep (民政): each month's list of people supported."""

    DIBAO = "dibao"  # 最低生活保障 (低保)
    TEKUN = "tekun"  # 特困人员救助供养 (特困)


class AssistanceRoster(Base):
    """One month's 低保 or 特困 roster of an area, imported by civil affairs (all or nothing).
    A second file for the same kind, month and area replaces the first; the same file again
    changes nothing (app.domain.benefits.rosters)."""

    __tablename__ = "assistance_rosters"
    __table_args__ = (UniqueConstraint("kind", "month", "area_code",
                                       name="uq_assistance_rosters_kind_month_area"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[AssistanceKind] = mapped_column(_enum(AssistanceKind))
    month: Mapped[date] = mapped_column(Date)  # its first day
    area_code: Mapped[str] = mapped_column(String(12))  # the importer's area: a county or more
    file_sha256: Mapped[str] = mapped_column(String(64))
    row_count: Mapped[int] = mapped_column(Integer)
    imported_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class AssistanceRosterEntry(Base):
    """One person on a month's roster: matched with people on record by ID number."""

    __tablename__ = "assistance_roster_entries"
    __table_args__ = (Index("ix_assistance_roster_entries_month_id_number", "month",
                            "id_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roster_id: Mapped[int] = mapped_column(ForeignKey("assistance_rosters.id"), index=True)
    kind: Mapped[AssistanceKind] = mapped_column(_enum(AssistanceKind))
    month: Mapped[date] = mapped_column(Date)
    id_number: Mapped[str] = mapped_column(String(18))
    full_name: Mapped[str] = mapped_column(String(100))
    county_code: Mapped[str] = mapped_column(String(6), index=True)  # 户籍 county on the roster


class OutreachOutcome(enum.StrEnum):
    """What came of contacting someone who may be entitled and has not applied."""

    WILL_APPLY = "will_apply"
    APPLIED = "applied"
    DECLINED = "declined"
    NOT_REACHED = "not_reached"
    NOT_ELIGIBLE = "not_eligible"  # staff found a reason the roster does not show


class OutreachInvitation(Base):
    """An invitation to apply sent to someone the monthly comparison found (issue 23): a text
    message with a start link (its token) and a two-subsidies draft filled from what the portal
    holds. Counter staff see it when the person comes in. One per person and roster month."""

    __tablename__ = "outreach_invitations"
    __table_args__ = (UniqueConstraint("person_id", "month",
                                       name="uq_outreach_invitations_person_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    month: Mapped[date] = mapped_column(Date)  # the roster month that found them
    county_code: Mapped[str] = mapped_column(String(6), index=True)
    allowances: Mapped[list[str]] = mapped_column(JSON)  # living, care
    reasons: Mapped[list[str]] = mapped_column(JSON)  # eligibility_rules.Reason values
    token: Mapped[str] = mapped_column(String(43), unique=True)
    phone: Mapped[str | None] = mapped_column(String(11))  # None: no number, told in person
    sent_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    draft_application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))

    person: Mapped[Person] = relationship()
    contacts: Mapped[list[OutreachContact]] = relationship(
        back_populates="invitation", order_by="OutreachContact.id")


class OutreachContact(Base):
    """The outcome of one contact about an invitation (a call, a visit, the counter)."""

    __tablename__ = "outreach_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("outreach_invitations.id"),
                                               index=True)
    outcome: Mapped[OutreachOutcome] = mapped_column(_enum(OutreachOutcome))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    invitation: Mapped[OutreachInvitation] = relationship(back_populates="contacts")
    recorded_by: Mapped[Account] = relationship()


class DeathSource(enum.StrEnum):
    PUBLIC_SECURITY = "public_security"  # 公安 (户籍注销)
    CIVIL_AFFAIRS = "civil_affairs"  # 民政 (殡葬)


class DeathRecord(Base):
    """A death on a roster from 公安 or 民政, matched with a person on record (issue 23). One per
    ID number: a death already recorded is not recorded again."""

    __tablename__ = "death_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    died_on: Mapped[date] = mapped_column(Date)
    source: Mapped[DeathSource] = mapped_column(_enum(DeathSource))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    file_sha256: Mapped[str] = mapped_column(String(64))
    imported_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
