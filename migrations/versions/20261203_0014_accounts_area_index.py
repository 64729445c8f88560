"""index accounts by area: the staff of an area (colleagues to assign, audit areas) were found by
reading every account, 149 ms at a million accounts

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-03 11:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0014'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_accounts_area_code', 'accounts', ['area_code'])


def downgrade() -> None:
    op.drop_index('ix_accounts_area_code', table_name='accounts')
