"""back-office channel, and standard reasons on status events

Caseworkers', approvers' and administrators' actions were recorded as "counter"; status events
get reason_codes, the standard (translated) reasons staff picked.

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-03 06:30:00

Channel is stored as a plain string (no database enum), so only the recorded rows change.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACK_OFFICE_ACTORS = ("SELECT id FROM accounts "
                      "WHERE role IN ('caseworker', 'approver', 'admin')")


def upgrade() -> None:
    with op.batch_alter_table('status_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason_codes', sa.JSON(), nullable=True))
    for table in ('status_events', 'audit_events'):
        op.execute(f"UPDATE {table} SET channel = 'office' WHERE channel = 'counter' "
                   f"AND actor_account_id IN ({BACK_OFFICE_ACTORS})")


def downgrade() -> None:
    for table in ('status_events', 'audit_events'):
        op.execute(f"UPDATE {table} SET channel = 'counter' WHERE channel = 'office'")
    with op.batch_alter_table('status_events', schema=None) as batch_op:
        batch_op.drop_column('reason_codes')
