"""counter lookups: ID numbers searched for, kept on the server

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'counter_lookups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=43), nullable=False),
        sa.Column('staff_account_id', sa.Integer(), nullable=False),
        sa.Column('id_number', sa.String(length=18), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['staff_account_id'], ['accounts.id'],
                                name=op.f('fk_counter_lookups_staff_account_id_accounts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_counter_lookups')),
        sa.UniqueConstraint('token', name=op.f('uq_counter_lookups_token')),
    )
    with op.batch_alter_table('counter_lookups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_counter_lookups_created_at'), ['created_at'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('counter_lookups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_counter_lookups_created_at'))
    op.drop_table('counter_lookups')
