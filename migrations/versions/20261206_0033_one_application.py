"""one application for several services (残疾人服务"一件事", issue 23): the bundle and its parts

Revision ID: 0033
Revises: 0030
Create Date: 2026-12-06 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0033'
down_revision: str | None = '0030'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNELS = ('online', 'counter', 'office', 'system')


def upgrade() -> None:
    op.create_table(
        'application_bundles',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('created_by_account_id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.Enum(*CHANNELS, name='channel', native_enum=False, length=32),
                  nullable=False),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['created_by_account_id'], ['accounts.id'],
                                name=op.f('fk_application_bundles_created_by_account_id_accounts')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'],
                                name=op.f('fk_application_bundles_person_id_people')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_application_bundles')),
    )
    op.create_index(op.f('ix_application_bundles_person_id'), 'application_bundles',
                    ['person_id'])
    op.create_table(
        'bundle_parts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('bundle_id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('part', sa.String(length=16), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                                name=op.f('fk_bundle_parts_application_id_applications')),
        sa.ForeignKeyConstraint(['bundle_id'], ['application_bundles.id'],
                                name=op.f('fk_bundle_parts_bundle_id_application_bundles')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bundle_parts')),
        sa.UniqueConstraint('application_id', name=op.f('uq_bundle_parts_application_id')),
    )
    op.create_index(op.f('ix_bundle_parts_bundle_id'), 'bundle_parts', ['bundle_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_bundle_parts_bundle_id'), table_name='bundle_parts')
    op.drop_table('bundle_parts')
    op.drop_index(op.f('ix_application_bundles_person_id'), table_name='application_bundles')
    op.drop_table('application_bundles')
