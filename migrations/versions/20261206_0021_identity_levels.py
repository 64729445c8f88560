"""levels of identity: how an account was verified (mobile only, or real name at the counter or
through the provincial platform), by whom and when, and its provincial sign-in subject

Numbered after issue 21, so that it cannot collide with a migration added on main meanwhile.

Revision ID: 0021
Revises: 0024
Create Date: 2026-12-06 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0021'
down_revision: str | None = '0024'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('accounts') as batch:
        batch.add_column(sa.Column(
            'identity_level',
            sa.Enum('phone', 'real_name', name='identitylevel', native_enum=False, length=32),
            server_default='phone', nullable=False))
        batch.add_column(sa.Column(
            'identity_method',
            sa.Enum('counter', 'provincial', name='identitymethod', native_enum=False,
                    length=32),
            nullable=True))
        batch.add_column(sa.Column('identity_verified_at', sa.DateTime(timezone=True),
                                   nullable=True))
        batch.add_column(sa.Column('identity_verified_by_account_id', sa.Integer(),
                                   nullable=True))
        batch.add_column(sa.Column('provincial_subject', sa.String(length=255), nullable=True))
        batch.create_foreign_key(op.f('fk_accounts_identity_verified_by_account_id_accounts'),
                                 'accounts', ['identity_verified_by_account_id'], ['id'])
        batch.create_unique_constraint(op.f('uq_accounts_provincial_subject'),
                                       ['provincial_subject'])


def downgrade() -> None:
    with op.batch_alter_table('accounts') as batch:
        batch.drop_constraint(op.f('uq_accounts_provincial_subject'), type_='unique')
        batch.drop_constraint(op.f('fk_accounts_identity_verified_by_account_id_accounts'),
                              type_='foreignkey')
        batch.drop_column('provincial_subject')
        batch.drop_column('identity_verified_by_account_id')
        batch.drop_column('identity_verified_at')
        batch.drop_column('identity_method')
        batch.drop_column('identity_level')
