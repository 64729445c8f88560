"""the card's life: issue and expiry dates, the expiry reminder, 注销 and its ground (issue 22)

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-06 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0027'
down_revision: str | None = '0026'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('people') as batch:
        batch.add_column(sa.Column('card_issued_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('card_expires_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('card_reminded_for', sa.Date(), nullable=True))
        batch.add_column(sa.Column('card_cancelled_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('card_cancellation_ground', sa.String(length=32),
                                   nullable=True))
        batch.create_index('ix_people_card_expires_on', ['card_expires_on'])


def downgrade() -> None:
    with op.batch_alter_table('people') as batch:
        batch.drop_index('ix_people_card_expires_on')
        for column in ('card_cancellation_ground', 'card_cancelled_on', 'card_reminded_for',
                       'card_expires_on', 'card_issued_on'):
            batch.drop_column(column)
