"""Migrations build the schema the models describe, and come back down, on both databases."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from app.database import alembic_config
from app.domain.models import Base

pytestmark = pytest.mark.engine


def test_upgrade_to_head_matches_the_models_and_downgrades_cleanly(database_url: str) -> None:
    config = alembic_config(database_url)
    command.upgrade(config, "head")
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        assert differences == [], f"models and migrations differ: {differences}"

        command.downgrade(config, "base")
        remaining = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert remaining == set()
    finally:
        command.upgrade(config, "head")  # leave the shared test database usable
        engine.dispose()
