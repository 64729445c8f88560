"""a staff member whose password an administrator chose replaces it at their first sign-in

Revision ID: 0025
Revises: 0021
Create Date: 2026-12-06 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0025'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('accounts') as batch:
        batch.add_column(sa.Column('must_change_password', sa.Boolean(),
                                   server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('accounts') as batch:
        batch.drop_column('must_change_password')
