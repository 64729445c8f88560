"""statistics counts: the summary the statistics pages read, kept by `flask refresh-statistics`

Revision ID: 0024
Revises: 0016
Create Date: 2026-12-06 20:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0024'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'statistics_counts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('county_code', sa.String(length=6), nullable=False),
        sa.Column('period', sa.String(length=7), nullable=False),
        sa.Column('measure', sa.String(length=40), nullable=False),
        sa.Column('key', sa.String(length=80), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.Column('refreshed_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_statistics_counts')),
        sa.UniqueConstraint('county_code', 'period', 'measure', 'key',
                            name='uq_statistics_counts_county_period_measure_key'),
    )
    op.create_index('ix_statistics_counts_period', 'statistics_counts', ['period', 'measure'])


def downgrade() -> None:
    op.drop_index('ix_statistics_counts_period', table_name='statistics_counts')
    op.drop_table('statistics_counts')
