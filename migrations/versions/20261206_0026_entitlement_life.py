"""the life of an entitlement: its last month once stopped, the entitlement it continues after
a move, account corrections, the payments' settling day and attempts, and its events (issue 22)

Revision ID: 0026
Revises: 0022
Create Date: 2026-12-06 23:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0026'
down_revision: str | None = '0022'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENT_KINDS = ('granted', 'suspended', 'resumed', 'stopped', 'moved', 'account_changed')


def upgrade() -> None:
    with op.batch_alter_table('entitlements') as batch:
        batch.add_column(sa.Column('last_month', sa.Date(), nullable=True))
        batch.add_column(sa.Column('continues_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('account_changed_on', sa.Date(), nullable=True))
        batch.create_foreign_key(op.f('fk_entitlements_continues_id_entitlements'),
                                 'entitlements', ['continues_id'], ['id'])
        batch.drop_constraint('uq_entitlements_application_allowance', type_='unique')
        batch.create_unique_constraint('uq_entitlements_application_allowance_month',
                                       ['application_id', 'allowance', 'first_month'])
    with op.batch_alter_table('payments') as batch:
        batch.add_column(sa.Column('settled_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('attempts', sa.Integer(), nullable=False,
                                   server_default='1'))
    op.create_table(
        'entitlement_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entitlement_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum(*EVENT_KINDS, name='entitlementeventkind', native_enum=False,
                                  length=32), nullable=False),
        sa.Column('reason', sa.String(length=40), nullable=True),
        sa.Column('effective_month', sa.Date(), nullable=True),
        sa.Column('occurred_on', sa.Date(), nullable=False),
        sa.Column('actor_account_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['entitlement_id'], ['entitlements.id'],
                                name=op.f('fk_entitlement_events_entitlement_id_entitlements')),
        sa.ForeignKeyConstraint(['actor_account_id'], ['accounts.id'],
                                name=op.f('fk_entitlement_events_actor_account_id_accounts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_entitlement_events')),
    )
    op.create_index(op.f('ix_entitlement_events_entitlement_id'), 'entitlement_events',
                    ['entitlement_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_entitlement_events_entitlement_id'), table_name='entitlement_events')
    op.drop_table('entitlement_events')
    with op.batch_alter_table('payments') as batch:
        batch.drop_column('attempts')
        batch.drop_column('settled_on')
    with op.batch_alter_table('entitlements') as batch:
        batch.drop_constraint('uq_entitlements_application_allowance_month', type_='unique')
        batch.create_unique_constraint('uq_entitlements_application_allowance',
                                       ['application_id', 'allowance'])
        batch.drop_constraint(op.f('fk_entitlements_continues_id_entitlements'),
                              type_='foreignkey')
        batch.drop_column('account_changed_on')
        batch.drop_column('continues_id')
        batch.drop_column('last_month')
