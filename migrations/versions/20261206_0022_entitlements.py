"""entitlements, allowance amounts and payments: each granted allowance of the two subsidies,
paid monthly at the amount in force, on a county's monthly roster (issue 22)

Revision ID: 0022
Revises: 0025
Create Date: 2026-12-06 21:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0022'
down_revision: str | None = '0025'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'entitlements',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('allowance', sa.String(length=16), nullable=False),
        sa.Column('first_month', sa.Date(), nullable=False),
        sa.Column('county_code', sa.String(length=6), nullable=False),
        sa.Column('bank_name', sa.String(length=100), nullable=True),
        sa.Column('account_holder', sa.String(length=100), nullable=True),
        sa.Column('account_number', sa.String(length=19), nullable=True),
        sa.Column('state', sa.Enum('paying', 'suspended', 'stopped', name='entitlementstate',
                                   native_enum=False, length=32), nullable=False),
        sa.Column('state_reason', sa.Text(), nullable=True),
        sa.Column('state_changed_on', sa.Date(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                                name=op.f('fk_entitlements_application_id_applications')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'],
                                name=op.f('fk_entitlements_person_id_people')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_entitlements')),
        sa.UniqueConstraint('application_id', 'allowance',
                            name='uq_entitlements_application_allowance'),
    )
    op.create_index('ix_entitlements_county_state', 'entitlements', ['county_code', 'state'])
    op.create_index(op.f('ix_entitlements_person_id'), 'entitlements', ['person_id'])
    op.create_table(
        'allowance_amounts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('county_code', sa.String(length=6), nullable=False),
        sa.Column('allowance', sa.String(length=16), nullable=False),
        sa.Column('from_month', sa.Date(), nullable=False),
        sa.Column('monthly_fen', sa.Integer(), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('updated_by_account_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['updated_by_account_id'], ['accounts.id'],
                                name=op.f('fk_allowance_amounts_updated_by_account_id_accounts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_allowance_amounts')),
        sa.UniqueConstraint('county_code', 'allowance', 'from_month',
                            name='uq_allowance_amounts_county_allowance_month'),
    )
    op.create_table(
        'payments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entitlement_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('roster_month', sa.Date(), nullable=False),
        sa.Column('county_code', sa.String(length=6), nullable=False),
        sa.Column('amount_fen', sa.Integer(), nullable=False),
        sa.Column('state', sa.Enum('pending', 'paid', 'failed', name='paymentstate',
                                   native_enum=False, length=32), nullable=False),
        sa.Column('paid_on', sa.Date(), nullable=True),
        sa.Column('failure_reason', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['entitlement_id'], ['entitlements.id'],
                                name=op.f('fk_payments_entitlement_id_entitlements')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_payments')),
        sa.UniqueConstraint('entitlement_id', 'month', name='uq_payments_entitlement_month'),
    )
    op.create_index('ix_payments_county_roster', 'payments', ['county_code', 'roster_month'])


def downgrade() -> None:
    op.drop_index('ix_payments_county_roster', table_name='payments')
    op.drop_table('payments')
    op.drop_table('allowance_amounts')
    op.drop_index(op.f('ix_entitlements_person_id'), table_name='entitlements')
    op.drop_index('ix_entitlements_county_state', table_name='entitlements')
    op.drop_table('entitlements')
