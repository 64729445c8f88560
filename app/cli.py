"""Command-line tasks: `flask --app wsgi <command>`."""

from __future__ import annotations

import click
from flask import Flask, current_app

from app.cli_staff import staff_cli
from app.database import upgrade_to_head


def register(app: Flask) -> None:
    app.cli.add_command(staff_cli)

    @app.cli.command("upgrade-database")
    def upgrade_database_command() -> None:
        """Apply every migration to DATABASE_URL."""
        upgrade_to_head(current_app)
        click.echo("Database is up to date.")

    @app.cli.command("load-guide-videos")
    def load_guide_videos_command() -> None:
        """Publish the shipped, captioned guide videos (safe in production, safe to repeat)."""
        from app.database import get_session
        from app.domain.media import load_sample_videos

        session = get_session()
        count = load_sample_videos(session)
        session.commit()
        click.echo(f"Guide videos loaded: {count}.")

    @app.cli.command("load-demo-data")
    def load_demo_data_command() -> None:
        """Create one demo account per role (development only) and print how to sign in."""
        from app.demo import DEMO_ACCOUNTS, load_demo_data

        created = load_demo_data(current_app)
        click.echo("Demo accounts created." if created else "Demo accounts already exist.")
        click.echo("Sign in with these demo accounts (mobile number / password):")
        for demo in DEMO_ACCOUNTS:
            click.echo(f"  {demo.role_label:<14} {demo.phone}  {demo.password}")
