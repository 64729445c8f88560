"""Real-name verification through the provincial government service platform's sign-in
(OpenID Connect, Authlib). The verified name and ID number come from the provider's claims,
never from what was typed. Configured by PROVINCIAL_OIDC_* (README); in development and tests
the stand-in provider (provincial_stand_in) plays the platform.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, Flask, abort, current_app, flash, redirect, url_for
from flask_babel import gettext as _
from joserfc.errors import JoseError
from requests import RequestException
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain import real_name
from app.domain.audit import AuditAction, record_access
from app.domain.clock import today_in_china
from app.domain.identity import InvalidIdNumber, parse_resident_id
from app.domain.models import Channel, Role
from app.web.access import require_account, signed_in

provincial = Blueprint("provincial", __name__, url_prefix="/account/verify/provincial")
OAUTH = "provincial_oauth"  # app.extensions key: one Authlib registry per app


def provincial_sign_in_configured(app: Flask) -> bool:
    return bool(app.config.get("PROVINCIAL_OIDC_ISSUER"))


def init_provincial_sign_in(app: Flask) -> None:
    if not provincial_sign_in_configured(app):
        return
    oauth = OAuth(app)
    app.extensions[OAUTH] = oauth
    oauth.register(
        "provincial",
        client_id=app.config["PROVINCIAL_OIDC_CLIENT_ID"],
        client_secret=app.config["PROVINCIAL_OIDC_CLIENT_SECRET"],
        server_metadata_url=app.config["PROVINCIAL_OIDC_ISSUER"].rstrip("/")
        + "/.well-known/openid-configuration",
        client_kwargs={"scope": app.config["PROVINCIAL_OIDC_SCOPE"], "timeout": 10},
    )


def _client() -> Any:
    if not provincial_sign_in_configured(current_app):
        abort(404)
    return current_app.extensions[OAUTH].create_client("provincial")


@provincial.post("")
@signed_in
def start() -> Response:
    """The resident asks to be verified: off to the platform's sign-in page."""
    me = require_account()
    if me.role != Role.PUBLIC:
        abort(404)
    result: Response = _client().authorize_redirect(url_for("provincial.callback",
                                                            _external=True))
    return result


@provincial.get("/callback")
@signed_in
def callback() -> Response:
    me = require_account()
    if me.role != Role.PUBLIC:
        abort(404)
    try:
        token = _client().authorize_access_token()
        claims = token.get("userinfo") or {}
        subject = str(claims["sub"])
        full_name = str(claims[current_app.config["PROVINCIAL_OIDC_NAME_CLAIM"]]).strip()
        id_number = parse_resident_id(
            str(claims[current_app.config["PROVINCIAL_OIDC_ID_NUMBER_CLAIM"]]),
            today=today_in_china())
    except (OAuthError, JoseError, RequestException, KeyError, InvalidIdNumber) as failure:
        current_app.logger.warning("Provincial sign-in failed: %s", type(failure).__name__)
        flash(_("The provincial government service platform did not confirm who you are. "
                "Try again, or bring your ID card to your township or street office."))
        return redirect(url_for("account.overview"))
    db = get_session()
    try:
        person, released = real_name.verify_with_provider(
            db, me, subject=subject, full_name=full_name, id_number=id_number,
            now=datetime.now(UTC))
    except real_name.ProviderRefused:
        db.rollback()
        flash(_("Another verified account holds your record. Bring your ID card to your "
                "township or street office and staff will sort it out."))
        return redirect(url_for("account.overview"))
    for account in released:
        record_access(db, actor=me, action=AuditAction.PERSON_ACCOUNT_UNLINKED,
                      channel=Channel.ONLINE, person=person,
                      detail={"account_id": account.id, "by": "provincial_sign_in"})
    record_access(db, actor=me, action=AuditAction.PERSON_IDENTITY_VERIFIED,
                  channel=Channel.ONLINE, person=person,
                  detail={"account_id": me.id, "method": "provincial"})
    db.commit()
    flash(_("Your real name is verified through the provincial government service platform."))
    return redirect(url_for("account.overview"))
