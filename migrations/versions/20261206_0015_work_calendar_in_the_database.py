"""the national work calendar in the database: administrators enter each year's State Council
notice (holidays and make-up working days) instead of waiting for a code release

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 20:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'calendar_years',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('notice', sa.String(length=200), nullable=False),
        sa.Column('entered_by_account_id', sa.Integer(), nullable=True),
        sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['entered_by_account_id'], ['accounts.id'],
                                name=op.f('fk_calendar_years_entered_by_account_id_accounts')),
        sa.PrimaryKeyConstraint('year', name=op.f('pk_calendar_years')),
    )
    op.create_table(
        'calendar_days',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(['year'], ['calendar_years.year'],
                                name=op.f('fk_calendar_days_year_calendar_years')),
        sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_days')),
    )
    op.create_index(op.f('ix_calendar_days_year'), 'calendar_days', ['year'])


def downgrade() -> None:
    op.drop_index(op.f('ix_calendar_days_year'), table_name='calendar_days')
    op.drop_table('calendar_days')
    op.drop_table('calendar_years')
