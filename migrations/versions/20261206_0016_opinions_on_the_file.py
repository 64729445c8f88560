"""opinions on the file (issue 25): the township's 初审意见 at acceptance and the county's
审核意见 when passing for decision, kept with the status change that made them; and each of the
two allowances decided on its own, with its amount and first month, on the approval; and the
letters due to applicants who asked to be told by letter or phone

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'letters',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('locale', sa.String(length=16), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('large_print', sa.Boolean(), nullable=False),
        sa.Column('phone_too', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('printed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('printed_by_account_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id']),
        sa.ForeignKeyConstraint(['printed_by_account_id'], ['accounts.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_letters_application_id', 'letters', ['application_id'])
    op.create_index('ix_letters_due', 'letters', ['printed_at', 'id'])
    with op.batch_alter_table('status_events') as batch:
        batch.add_column(sa.Column('opinion', sa.Text(), nullable=True))
        batch.add_column(sa.Column('allowances', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('status_events') as batch:
        batch.drop_column('allowances')
        batch.drop_column('opinion')
    op.drop_index('ix_letters_due', table_name='letters')
    op.drop_index('ix_letters_application_id', table_name='letters')
    op.drop_table('letters')
