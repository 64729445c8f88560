"""a person's phone may be a landline with its area code ("0431-88888888", 13 characters)
where the phone was optional; texts still go to mobile numbers only (issue 25)

Revision ID: 0032
Revises: 0027
Create Date: 2026-12-06 23:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0032'
down_revision: str | None = '0027'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('people') as batch:
        batch.alter_column('phone', existing_type=sa.String(length=11),
                           type_=sa.String(length=13), existing_nullable=True)


def downgrade() -> None:
    # A landline does not fit 11 characters: it is dropped rather than cut.
    op.execute("UPDATE people SET phone = NULL WHERE length(phone) > 11")
    with op.batch_alter_table('people') as batch:
        batch.alter_column('phone', existing_type=sa.String(length=13),
                           type_=sa.String(length=11), existing_nullable=True)
