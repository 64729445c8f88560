"""Alembic environment: URL from DATABASE_URL (or the caller), schema from the models."""

from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

from app.config import load_config
from app.domain.models import Base

config = context.config
if config.cmd_opts is not None and config.config_file_name is not None:
    fileConfig(config.config_file_name)  # only from the command line: tests keep their logging

url = config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL")
if not url:
    url = load_config()["DATABASE_URL"]
config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))

target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        # Batch mode lets ALTER work on SQLite, where tables are rebuilt instead.
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
