"""opinions on the file (issue 25): the township's 初审意见 at acceptance and the county's
审核意见 when passing for decision, kept with the status change that made them; and each of the
two allowances decided on its own, with its amount and first month, on the approval

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('status_events') as batch:
        batch.add_column(sa.Column('opinion', sa.Text(), nullable=True))
        batch.add_column(sa.Column('allowances', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('status_events') as batch:
        batch.drop_column('allowances')
        batch.drop_column('opinion')
