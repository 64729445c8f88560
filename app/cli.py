"""Command-line tasks: `flask --app wsgi <command>`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app

from app.cli_staff import staff_cli
from app.database import get_engine, get_session, upgrade_to_head


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
        from app.domain.files.media import load_sample_videos

        session = get_session()
        count = load_sample_videos(session,
                                   static_root=Path(current_app.static_folder or "static"))
        session.commit()
        click.echo(f"Guide videos loaded: {count}.")

    @app.cli.command("seed")
    @click.option("--people", type=int, help="Default: 2,000,000 on PostgreSQL, 2,000 on SQLite.")
    @click.option("--applications", type=int,
                  help="Default: 5,000,000 on PostgreSQL, 5,000 on SQLite.")
    def seed_command(people: int | None, applications: int | None) -> None:
        """Fill the database with province-scale generated data (never in production)."""
        from app.seed import RESIDENT_PASSWORD, STAFF_PASSWORD, seed

        if current_app.config["PRODUCTION"]:
            raise click.ClickException("Generated data is never loaded in production.")
        engine = get_engine(current_app)
        large = engine.dialect.name == "postgresql"
        report = seed(engine, people=people or (2_000_000 if large else 2_000),
                      applications=applications or (5_000_000 if large else 5_000),
                      progress=click.echo)
        click.echo(f"Seeded {report.people:,} people, {report.accounts:,} accounts, "
                   f"{report.applications:,} applications and {report.events:,} status events "
                   f"in {report.seconds:.0f} s.")
        click.echo(f"Caseworkers: 1890000NNNN (one per county, in catalogue order), password "
                   f"{STAFF_PASSWORD}; residents: 186NNNNNNNN (even N), password "
                   f"{RESIDENT_PASSWORD}.")

    @app.cli.command("refresh-statistics")
    @click.option("--county", "counties", multiple=True,
                  help="Only this county (6 digits); repeat for more. Default: every county.")
    @click.option("--month", help="Only this month (YYYY-MM) and the figures of now.")
    def refresh_statistics_command(counties: tuple[str, ...], month: str | None) -> None:
        """Count the statistics again from the applications (run it nightly; safe to repeat)."""
        from app.domain.clock import today_in_china
        from app.domain.statistics.refresh import every_county, refresh_county
        from app.domain.statistics.report import parse_month

        today = today_in_china()
        if month is not None and parse_month(month, today) is None:
            raise click.BadParameter("a month like 2026-03, not after this month",
                                     param_hint="--month")
        unknown = sorted(set(counties) - set(every_county()))
        if unknown:
            raise click.BadParameter(f"not a county of Jilin: {', '.join(unknown)}",
                                     param_hint="--county")
        session = get_session()
        rows = 0
        chosen = list(counties) or every_county()
        for county in chosen:
            rows += refresh_county(session, county, today=today, month=month)
            session.commit()  # one county at a time: a stopped run leaves whole counties
        click.echo(f"Statistics counted again for {len(chosen)} counties: {rows} figures.")

    @app.cli.command("delete-old-drafts")
    def delete_old_drafts_command() -> None:
        """Delete drafts not saved for a year, as the privacy page promises (run it daily)."""
        from app.domain.casework.drafts import delete_old_drafts
        from app.domain.clock import utc_now

        session = get_session()
        count = delete_old_drafts(session, now=utc_now(),
                                  upload_folder=Path(current_app.config["UPLOAD_FOLDER"]))
        session.commit()
        click.echo(f"Drafts deleted: {count}.")

    @app.cli.command("send-card-reminders")
    def send_card_reminders_command() -> None:
        """Remind each card holder 90 days before the card expires (run it daily; safe to
        repeat: each expiry date is reminded once)."""
        from app.domain.clock import today_in_china
        from app.domain.people.cards import send_reminders
        from app.web.messages import notify_card_expiring

        # The messages carry the address of the renewal page.
        with current_app.test_request_context(base_url=current_app.config["PUBLIC_BASE_URL"]):
            count = send_reminders(get_session(), today_in_china(), notify_card_expiring)
        click.echo(f"Card reminders sent: {count}.")

    @app.cli.command("send-review-reminders")
    def send_review_reminders_command() -> None:
        """Remind each recipient who has not answered the yearly review, a week before its
        date (run it daily; each is reminded once)."""
        from app.domain.clock import today_in_china
        from app.web.review_notices import remind

        session = get_session()
        with current_app.test_request_context(base_url=current_app.config["PUBLIC_BASE_URL"]):
            count = remind(session, today_in_china())
        session.commit()
        click.echo(f"Review reminders sent: {count}.")

    @app.cli.command("close-review-rounds")
    def close_review_rounds_command() -> None:
        """After a review round's date, put on hold the payment of everyone who did not answer,
        with a letter saying how to resume (run it daily; safe to repeat)."""
        from app.domain.clock import today_in_china
        from app.web.review_notices import close_rounds

        session = get_session()
        with current_app.test_request_context(base_url=current_app.config["PUBLIC_BASE_URL"]):
            count = close_rounds(session, today_in_china())
        session.commit()
        click.echo(f"Payments put on hold for no answer to the review: {count}.")

    @app.cli.command("load-demo-data")
    def load_demo_data_command() -> None:
        """Create one demo account per role (development only) and print how to sign in."""
        from app.demo import DEMO_ACCOUNTS, load_demo_data

        created = load_demo_data(current_app)
        click.echo("Demo accounts created." if created else "Demo accounts already exist.")
        click.echo("Sign in with these demo accounts (mobile number / password):")
        for demo in DEMO_ACCOUNTS:
            click.echo(f"  {demo.role_label:<14} {demo.phone}  {demo.password}")
