"""The web layer: blueprints per audience, thin views over app.domain."""

from __future__ import annotations

from flask import Flask
from flask_wtf import CSRFProtect

from app.web import (
    access,
    components,
    deadline_dates,
    errors,
    i18n,
    labels,
    navigation,
    outbox,
    preferences,
    rate_limits,
    security,
    static_files,
)

csrf = CSRFProtect()


def init_web(app: Flask) -> None:
    from app.web.account import account
    from app.web.admin import admin
    from app.web.allowances import allowances
    from app.web.amounts import amounts
    from app.web.apply import apply
    from app.web.auth import auth
    from app.web.casework import casework
    from app.web.change_cases import change_cases
    from app.web.changes import reports
    from app.web.converters import RecordIdConverter
    from app.web.counter import counter
    from app.web.deadlines import county_deadlines
    from app.web.development import development
    from app.web.letters import letter_pages
    from app.web.media import media
    from app.web.outreach import outreach_pages
    from app.web.paper_documents import paper
    from app.web.payments import payments
    from app.web.person_file import person_file_pages
    from app.web.provincial import init_provincial_sign_in, provincial
    from app.web.provincial_stand_in import provincial_stand_in
    from app.web.public import public
    from app.web.reviews import review_rounds
    from app.web.settings import settings
    from app.web.statistics import statistics
    from app.web.track import track
    from app.web.work_calendar import work_calendar

    app.url_map.converters["int"] = RecordIdConverter  # before any route is added
    csrf.init_app(app)
    i18n.init_i18n(app)
    preferences.init_preferences(app)
    components.init_components(app)
    deadline_dates.init_deadline_dates(app)
    navigation.init_navigation(app)
    labels.init_labels(app)
    access.init_access(app)
    rate_limits.init_rate_limits(app)
    security.init_security_headers(app)
    static_files.init_static_files(app)
    for blueprint in (public, settings, auth, account, apply, track, counter, casework,
                      admin, county_deadlines, work_calendar, media, paper, letter_pages,
                      statistics, provincial, payments, amounts, reports, change_cases,
                      allowances, review_rounds, outreach_pages, person_file_pages):
        app.register_blueprint(blueprint)
    if app.config["DEVELOPMENT_TOOLS"]:
        app.register_blueprint(development)
        app.register_blueprint(provincial_stand_in)
        # The stand-in's token endpoint is a back channel between servers, without a form.
        csrf.exempt("app.web.provincial_stand_in.token")
    init_provincial_sign_in(app)
    outbox.init_outbox(app)
    errors.init_error_pages(app)
