"""One engine per app and one SQLAlchemy session per request."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.config import PROJECT_ROOT

_ENGINE_KEY = "portal.engine"
_FACTORY_KEY = "portal.session_factory"
_READ_FACTORY_KEY = "portal.read_session_factory"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def init_database(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions[_ENGINE_KEY] = engine
    app.extensions[_FACTORY_KEY] = sessionmaker(engine, expire_on_commit=False)
    # READ_DATABASE_URL: a replica for reads that may lag a little (the statistics pages).
    read_url = app.config.get("READ_DATABASE_URL")
    app.extensions[_READ_FACTORY_KEY] = sessionmaker(
        make_engine(read_url), expire_on_commit=False) if read_url else None

    @app.teardown_appcontext
    def _close_session(_exc: BaseException | None) -> None:
        read_session: Session | None = g.pop("db_read_session", None)
        if read_session is not None:
            read_session.close()
        session: Session | None = g.pop("db_session", None)
        if session is None:
            return
        try:
            session.close()
        except DBAPIError as error:
            # The database went away after the page was made (a restart, a fail-over): closing
            # rolls back nothing that was committed, so the page stands (a receipt, say) rather
            # than turning into the server's bare 500; the pool drops the dead connection.
            app.logger.warning("Closing the session failed after the page was made: %s", error)
            session.invalidate()


def get_engine(app: Flask) -> Engine:
    return app.extensions[_ENGINE_KEY]


def get_session() -> Session:
    """The session of the current request (or app context), opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions[_FACTORY_KEY]()
    return g.db_session


def get_read_session() -> Session:
    """A session for reads that may come from a replica (READ_DATABASE_URL), when one is
    configured; otherwise the request's own session. Never write through it."""
    factory = current_app.extensions[_READ_FACTORY_KEY]
    if factory is None:
        return get_session()
    if "db_read_session" not in g:
        g.db_read_session = factory()
    return g.db_read_session


def alembic_config(database_url: str) -> AlembicConfig:
    config = AlembicConfig(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    # Escape % for ConfigParser interpolation (URL-encoded passwords contain it).
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_to_head(app: Flask) -> None:
    """Migrates, then adds the holiday-calendar years shipped in app/data that the database
    lacks (administrators enter later years on the calendar page)."""
    from app.domain.calendar.holiday_calendar import seed_shipped_years

    command.upgrade(alembic_config(app.config["DATABASE_URL"]), "head")
    with app.extensions[_FACTORY_KEY]() as session:
        seed_shipped_years(session)
        session.commit()
