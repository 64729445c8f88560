"""reported changes (主动申报) with their documents, decisions about an entitlement, 追回 of
overpayments and objections (异议) (issue 22)

Revision ID: 0029
Revises: 0032
Create Date: 2026-12-06 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0029'
down_revision: str | None = '0032'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANGE_KINDS = ('moved_within_jilin', 'moved_out_of_jilin', 'subsistence_ended',
                'care_level_changed', 'entered_institution', 'died', 'account_corrected')
REPORT_STATES = ('draft', 'received', 'applied', 'not_applied')
CHANNELS = ('online', 'counter', 'office', 'system')
DECISION_KINDS = ('stopped', 'suspended', 'resumed', 'moved', 'account_changed', 'recovery',
                  'objection_dismissed')
OBJECTION_STATES = ('open', 'upheld', 'dismissed')


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'],
                                   name=op.f(f'fk_{table}_{column}_{target}'))


def upgrade() -> None:
    op.create_table(
        'change_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reference', sa.String(length=16), nullable=True),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('county_code', sa.String(length=6), nullable=False),
        sa.Column('kind', _enum(CHANGE_KINDS, 'changekind'), nullable=True),
        sa.Column('event_date', sa.Date(), nullable=True),
        sa.Column('new_county_code', sa.String(length=6), nullable=True),
        sa.Column('bank_name', sa.String(length=100), nullable=True),
        sa.Column('account_holder', sa.String(length=100), nullable=True),
        sa.Column('account_number', sa.String(length=19), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('reported_by_account_id', sa.Integer(), nullable=False),
        sa.Column('reporter_relationship', sa.String(length=16), nullable=True),
        sa.Column('channel', _enum(CHANNELS, 'channel'), nullable=False),
        sa.Column('state', _enum(REPORT_STATES, 'changereportstate'), nullable=False),
        sa.Column('sent_on', sa.Date(), nullable=True),
        sa.Column('due_on', sa.Date(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('decided_by_account_id', sa.Integer(), nullable=True),
        sa.Column('decision_reason', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        _fk('change_reports', 'person_id', 'people'),
        _fk('change_reports', 'reported_by_account_id', 'accounts'),
        _fk('change_reports', 'decided_by_account_id', 'accounts'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_change_reports')),
        sa.UniqueConstraint('reference', name=op.f('uq_change_reports_reference')),
    )
    op.create_index(op.f('ix_change_reports_person_id'), 'change_reports', ['person_id'])
    op.create_index('ix_change_reports_queue', 'change_reports',
                    ['county_code', 'state', 'due_on', 'id'])
    op.create_table(
        'change_report_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('original_filename', sa.String(length=255), nullable=False),
        sa.Column('stored_name', sa.String(length=64), nullable=False),
        sa.Column('content_type', sa.String(length=64), nullable=False),
        sa.Column('size_bytes', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('uploaded_by_account_id', sa.Integer(), nullable=False),
        sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
        _fk('change_report_documents', 'report_id', 'change_reports'),
        _fk('change_report_documents', 'uploaded_by_account_id', 'accounts'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_change_report_documents')),
        sa.UniqueConstraint('stored_name', name=op.f('uq_change_report_documents_stored_name')),
    )
    op.create_index(op.f('ix_change_report_documents_report_id'), 'change_report_documents',
                    ['report_id'])
    op.create_table(
        'entitlement_decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entitlement_id', sa.Integer(), nullable=False),
        sa.Column('kind', _enum(DECISION_KINDS, 'entitlementdecisionkind'), nullable=False),
        sa.Column('reason', sa.String(length=40), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('event_date', sa.Date(), nullable=True),
        sa.Column('effective_month', sa.Date(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=False),
        sa.Column('decided_by_account_id', sa.Integer(), nullable=True),
        sa.Column('change_report_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        _fk('entitlement_decisions', 'entitlement_id', 'entitlements'),
        _fk('entitlement_decisions', 'decided_by_account_id', 'accounts'),
        _fk('entitlement_decisions', 'change_report_id', 'change_reports'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_entitlement_decisions')),
    )
    op.create_index(op.f('ix_entitlement_decisions_entitlement_id'), 'entitlement_decisions',
                    ['entitlement_id'])
    op.create_table(
        'overpayment_recoveries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entitlement_id', sa.Integer(), nullable=False),
        sa.Column('decision_id', sa.Integer(), nullable=False),
        sa.Column('amount_fen', sa.Integer(), nullable=False),
        sa.Column('months', sa.JSON(), nullable=False),
        sa.Column('asked_on', sa.Date(), nullable=False),
        sa.Column('settled_on', sa.Date(), nullable=True),
        sa.Column('settled_by_account_id', sa.Integer(), nullable=True),
        sa.Column('settled_note', sa.Text(), nullable=True),
        _fk('overpayment_recoveries', 'entitlement_id', 'entitlements'),
        _fk('overpayment_recoveries', 'decision_id', 'entitlement_decisions'),
        _fk('overpayment_recoveries', 'settled_by_account_id', 'accounts'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_overpayment_recoveries')),
    )
    op.create_index(op.f('ix_overpayment_recoveries_entitlement_id'), 'overpayment_recoveries',
                    ['entitlement_id'])
    op.create_table(
        'objections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('decision_id', sa.Integer(), nullable=False),
        sa.Column('county_code', sa.String(length=6), nullable=False),
        sa.Column('grounds', sa.Text(), nullable=False),
        sa.Column('lodged_by_account_id', sa.Integer(), nullable=False),
        sa.Column('channel', _enum(CHANNELS, 'channel'), nullable=False),
        sa.Column('lodged_on', sa.Date(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('state', _enum(OBJECTION_STATES, 'objectionstate'), nullable=False),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('decided_by_account_id', sa.Integer(), nullable=True),
        sa.Column('answer', sa.Text(), nullable=True),
        sa.Column('answer_decision_id', sa.Integer(), nullable=True),
        _fk('objections', 'decision_id', 'entitlement_decisions'),
        _fk('objections', 'lodged_by_account_id', 'accounts'),
        _fk('objections', 'decided_by_account_id', 'accounts'),
        _fk('objections', 'answer_decision_id', 'entitlement_decisions'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_objections')),
    )
    op.create_index(op.f('ix_objections_decision_id'), 'objections', ['decision_id'])
    op.create_index('ix_objections_queue', 'objections', ['county_code', 'state', 'due_on', 'id'])


def downgrade() -> None:
    op.drop_index('ix_objections_queue', table_name='objections')
    op.drop_index(op.f('ix_objections_decision_id'), table_name='objections')
    op.drop_table('objections')
    op.drop_index(op.f('ix_overpayment_recoveries_entitlement_id'),
                  table_name='overpayment_recoveries')
    op.drop_table('overpayment_recoveries')
    op.drop_index(op.f('ix_entitlement_decisions_entitlement_id'),
                  table_name='entitlement_decisions')
    op.drop_table('entitlement_decisions')
    op.drop_index(op.f('ix_change_report_documents_report_id'),
                  table_name='change_report_documents')
    op.drop_table('change_report_documents')
    op.drop_index('ix_change_reports_queue', table_name='change_reports')
    op.drop_index(op.f('ix_change_reports_person_id'), table_name='change_reports')
    op.drop_table('change_reports')
