"""定期复核: review rounds of the two subsidies and each recipient's case in them (issue 22)

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-06 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0030'
down_revision: str | None = '0029'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'review_rounds',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('county_code', sa.String(length=6), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('opened_on', sa.Date(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('opened_by_account_id', sa.Integer(), nullable=True),
        sa.Column('closed_on', sa.Date(), nullable=True),
        sa.Column('sample_seed', sa.String(length=40), nullable=True),
        sa.Column('sample_drawn_on', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['opened_by_account_id'], ['accounts.id'],
                                name=op.f('fk_review_rounds_opened_by_account_id_accounts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_review_rounds')),
        sa.UniqueConstraint('county_code', 'year', name='uq_review_rounds_county_year'),
    )
    op.create_table(
        'review_cases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('told_opened_on', sa.Date(), nullable=True),
        sa.Column('reminded_on', sa.Date(), nullable=True),
        sa.Column('answered_on', sa.Date(), nullable=True),
        sa.Column('answered_by_account_id', sa.Integer(), nullable=True),
        sa.Column('channel', sa.String(length=16), nullable=True),
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('changes_note', sa.Text(), nullable=True),
        sa.Column('suspended_on', sa.Date(), nullable=True),
        sa.Column('drawn_for_check', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('check_outcome', sa.String(length=16), nullable=True),
        sa.Column('check_note', sa.Text(), nullable=True),
        sa.Column('checked_on', sa.Date(), nullable=True),
        sa.Column('checked_by_account_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['round_id'], ['review_rounds.id'],
                                name=op.f('fk_review_cases_round_id_review_rounds')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'],
                                name=op.f('fk_review_cases_person_id_people')),
        sa.ForeignKeyConstraint(['answered_by_account_id'], ['accounts.id'],
                                name=op.f('fk_review_cases_answered_by_account_id_accounts')),
        sa.ForeignKeyConstraint(['checked_by_account_id'], ['accounts.id'],
                                name=op.f('fk_review_cases_checked_by_account_id_accounts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_review_cases')),
        sa.UniqueConstraint('round_id', 'person_id', name='uq_review_cases_round_person'),
    )
    op.create_index(op.f('ix_review_cases_round_id'), 'review_cases', ['round_id'])
    op.create_index(op.f('ix_review_cases_person_id'), 'review_cases', ['person_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_review_cases_person_id'), table_name='review_cases')
    op.drop_index(op.f('ix_review_cases_round_id'), table_name='review_cases')
    op.drop_table('review_cases')
    op.drop_table('review_rounds')
