"""agent requests name the person; the record is made when staff confirm

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 04:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('delegations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requested_full_name', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('requested_id_number', sa.String(length=18), nullable=True))
        batch_op.add_column(sa.Column('requested_county_code', sa.String(length=6), nullable=True))
        batch_op.alter_column('person_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f('ix_delegations_requested_county_code'),
                              ['requested_county_code'], unique=False)


def downgrade() -> None:
    # Requests still waiting have no person record; they cannot be kept without one.
    op.execute("DELETE FROM delegations WHERE person_id IS NULL")
    with op.batch_alter_table('delegations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delegations_requested_county_code'))
        batch_op.alter_column('person_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('requested_county_code')
        batch_op.drop_column('requested_id_number')
        batch_op.drop_column('requested_full_name')
