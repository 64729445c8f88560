"""statistics: a figure may be a sum of payments in 分, which passes 2^31 for a large county
(issue 24, the two subsidies' payments)

Revision ID: 0034
Revises: 0031
Create Date: 2026-12-07 03:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0034'
down_revision: str | None = '0031'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('statistics_counts') as batch:
        batch.alter_column('value', existing_type=sa.Integer(), type_=sa.BigInteger(),
                           existing_nullable=False)


def downgrade() -> None:
    # The sums in 分 would not fit: they are counted again by the next refresh.
    op.execute("DELETE FROM statistics_counts WHERE measure = 'payments.fen'")
    with op.batch_alter_table('statistics_counts') as batch:
        batch.alter_column('value', existing_type=sa.BigInteger(), type_=sa.Integer(),
                           existing_nullable=False)
