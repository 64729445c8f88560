"""the 低保/特困 rosters, invitations to those who may be entitled and have not applied, their
contacts, and the deaths reported on rosters from 公安 or 民政 (issue 23)

Revision ID: 0031
Revises: 0033
Create Date: 2026-12-06 23:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0031'
down_revision: str | None = '0033'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'],
                                   name=op.f(f'fk_{table}_{column}_{target}'))


def upgrade() -> None:
    op.create_table(
        'assistance_rosters',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', _enum('assistancekind', 'dibao', 'tekun'), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('area_code', sa.String(length=12), nullable=False),
        sa.Column('file_sha256', sa.String(length=64), nullable=False),
        sa.Column('row_count', sa.Integer(), nullable=False),
        sa.Column('imported_by_account_id', sa.Integer(), nullable=True),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        _fk('assistance_rosters', 'imported_by_account_id', 'accounts'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assistance_rosters')),
        sa.UniqueConstraint('kind', 'month', 'area_code',
                            name='uq_assistance_rosters_kind_month_area'),
    )
    op.create_table(
        'assistance_roster_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('roster_id', sa.Integer(), nullable=False),
        sa.Column('kind', _enum('assistancekind', 'dibao', 'tekun'), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('id_number', sa.String(length=18), nullable=False),
        sa.Column('full_name', sa.String(length=100), nullable=False),
        sa.Column('county_code', sa.String(length=6), nullable=False),
        _fk('assistance_roster_entries', 'roster_id', 'assistance_rosters'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assistance_roster_entries')),
    )
    op.create_index(op.f('ix_assistance_roster_entries_roster_id'),
                    'assistance_roster_entries', ['roster_id'])
    op.create_index(op.f('ix_assistance_roster_entries_county_code'),
                    'assistance_roster_entries', ['county_code'])
    op.create_index('ix_assistance_roster_entries_month_id_number',
                    'assistance_roster_entries', ['month', 'id_number'])
    op.create_table(
        'outreach_invitations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('county_code', sa.String(length=6), nullable=False),
        sa.Column('allowances', sa.JSON(), nullable=False),
        sa.Column('reasons', sa.JSON(), nullable=False),
        sa.Column('token', sa.String(length=43), nullable=False),
        sa.Column('phone', sa.String(length=11), nullable=True),
        sa.Column('sent_by_account_id', sa.Integer(), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('draft_application_id', sa.Integer(), nullable=True),
        _fk('outreach_invitations', 'person_id', 'people'),
        _fk('outreach_invitations', 'sent_by_account_id', 'accounts'),
        _fk('outreach_invitations', 'draft_application_id', 'applications'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_invitations')),
        sa.UniqueConstraint('person_id', 'month', name='uq_outreach_invitations_person_month'),
        sa.UniqueConstraint('token', name=op.f('uq_outreach_invitations_token')),
    )
    op.create_index(op.f('ix_outreach_invitations_person_id'), 'outreach_invitations',
                    ['person_id'])
    op.create_index(op.f('ix_outreach_invitations_county_code'), 'outreach_invitations',
                    ['county_code'])
    op.create_table(
        'outreach_contacts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('invitation_id', sa.Integer(), nullable=False),
        sa.Column('outcome', _enum('outreachoutcome', 'will_apply', 'applied', 'declined',
                                   'not_reached', 'not_eligible'), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('recorded_by_account_id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        _fk('outreach_contacts', 'invitation_id', 'outreach_invitations'),
        _fk('outreach_contacts', 'recorded_by_account_id', 'accounts'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_contacts')),
    )
    op.create_index(op.f('ix_outreach_contacts_invitation_id'), 'outreach_contacts',
                    ['invitation_id'])
    op.create_table(
        'death_records',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('id_number', sa.String(length=18), nullable=False),
        sa.Column('full_name', sa.String(length=100), nullable=False),
        sa.Column('died_on', sa.Date(), nullable=False),
        sa.Column('source', _enum('deathsource', 'public_security', 'civil_affairs'),
                  nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('file_sha256', sa.String(length=64), nullable=False),
        sa.Column('imported_by_account_id', sa.Integer(), nullable=True),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        _fk('death_records', 'person_id', 'people'),
        _fk('death_records', 'imported_by_account_id', 'accounts'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_death_records')),
        sa.UniqueConstraint('id_number', name=op.f('uq_death_records_id_number')),
    )
    op.create_index(op.f('ix_death_records_person_id'), 'death_records', ['person_id'])


def downgrade() -> None:
    op.drop_table('death_records')
    op.drop_table('outreach_contacts')
    op.drop_table('outreach_invitations')
    op.drop_table('assistance_roster_entries')
    op.drop_table('assistance_rosters')
