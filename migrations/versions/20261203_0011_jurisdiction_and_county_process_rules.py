"""jurisdiction by 户籍 and county process rules: 公示 and home-modification quotas

Revision ID: 0011
Revises: 0013
Create Date: 2026-12-03 06:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('people') as batch:
        batch.add_column(sa.Column('hukou_county_code', sa.String(length=6), nullable=True))
    with op.batch_alter_table('applications') as batch:
        batch.add_column(sa.Column('lodged_county_code', sa.String(length=6), nullable=True))
        batch.add_column(sa.Column('decide_by', sa.Date(), nullable=True))
        batch.add_column(sa.Column('public_notice_ends_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('quota_year', sa.Integer(), nullable=True))
    op.create_table(
        'county_process_rules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('county_code', sa.String(length=6), nullable=False),
        sa.Column('public_notice', sa.Boolean(), nullable=False),
        sa.Column('public_notice_days', sa.Integer(), nullable=False),
        sa.Column('updated_by_account_id', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['updated_by_account_id'], ['accounts.id'],
                                name=op.f('fk_county_process_rules_updated_by_account_id_accounts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_county_process_rules')),
        sa.UniqueConstraint('county_code', name=op.f('uq_county_process_rules_county_code')),
    )
    op.create_table(
        'home_modification_quotas',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('county_code', sa.String(length=6), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('places', sa.Integer(), nullable=False),
        sa.Column('updated_by_account_id', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['updated_by_account_id'], ['accounts.id'],
                                name=op.f('fk_home_modification_quotas_updated_by_account_id_accounts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_home_modification_quotas')),
        sa.UniqueConstraint('county_code', 'year', name='uq_home_modification_quotas_county_year'),
    )


def downgrade() -> None:
    op.drop_table('home_modification_quotas')
    op.drop_table('county_process_rules')
    with op.batch_alter_table('applications') as batch:
        batch.drop_column('quota_year')
        batch.drop_column('public_notice_ends_on')
        batch.drop_column('decide_by')
        batch.drop_column('lodged_county_code')
    with op.batch_alter_table('people') as batch:
        batch.drop_column('hukou_county_code')
