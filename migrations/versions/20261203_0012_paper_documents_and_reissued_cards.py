"""paper documents brought to the counter later; who made an application (agent, relative at
the counter); reissued disability card numbers (B1, B2 …)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'paper_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('requirement_code', sa.String(length=40), nullable=False),
        sa.Column('promised_by_account_id', sa.Integer(), nullable=False),
        sa.Column('promised_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('seen_by_account_id', sa.Integer(), nullable=True),
        sa.Column('seen_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                                name=op.f('fk_paper_documents_application_id_applications')),
        sa.ForeignKeyConstraint(['promised_by_account_id'], ['accounts.id'],
                                name=op.f('fk_paper_documents_promised_by_account_id_accounts')),
        sa.ForeignKeyConstraint(['seen_by_account_id'], ['accounts.id'],
                                name=op.f('fk_paper_documents_seen_by_account_id_accounts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_paper_documents')),
        sa.UniqueConstraint('application_id', 'requirement_code',
                            name='uq_paper_documents_application_requirement'),
    )
    op.create_index(op.f('ix_paper_documents_application_id'), 'paper_documents',
                    ['application_id'], unique=False)
    with op.batch_alter_table('people') as batch:
        batch.alter_column('disability_card_number', existing_type=sa.String(length=20),
                           type_=sa.String(length=24), existing_nullable=True)
    with op.batch_alter_table('applications') as batch:
        batch.add_column(sa.Column('made_by', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('applications') as batch:
        batch.drop_column('made_by')
    with op.batch_alter_table('people') as batch:
        batch.alter_column('disability_card_number', existing_type=sa.String(length=24),
                           type_=sa.String(length=20), existing_nullable=True)
    op.drop_index(op.f('ix_paper_documents_application_id'), table_name='paper_documents')
    op.drop_table('paper_documents')
