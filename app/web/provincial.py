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
from flask import Blueprint, Flask, abort, current_app, flash, redirect, session, url_for
from flask_babel import gettext as _
from joserfc.errors import JoseError
from requests import RequestException
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access.audit import AuditAction, record_access
from app.domain.clock import today_in_china
from app.domain.models import Channel, Role
from app.domain.people import real_name
from app.domain.people.identity import InvalidIdNumber, ResidentIdNumber, parse_resident_id
from app.web.access import current_account, public_page, require_account, sign_in, signed_in
from app.web.navigation import account_home_endpoint

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


PURPOSE = "provincial_purpose"  # what the platform's answer is for: "verify" or "sign_in"


def _to_platform(purpose: str) -> Response:
    client = _client()
    session[PURPOSE] = purpose
    result: Response = client.authorize_redirect(url_for("provincial.callback", _external=True))
    return result


@provincial.post("")
@signed_in
def start() -> Response:
    """A signed-in resident asks to be verified: off to the platform's sign-in page."""
    me = require_account()
    if me.role != Role.PUBLIC:
        abort(404)
    return _to_platform("verify")


@provincial.post("/sign-in")
@public_page
def sign_in_start() -> Response:
    """Signing in with the platform, for an account verified through it before."""
    return _to_platform("sign_in")


def _claims() -> tuple[str, str, ResidentIdNumber] | None:
    """The platform's answer: subject, verified name and ID number (None when it gave none)."""
    try:
        token = _client().authorize_access_token()
        claims = token.get("userinfo") or {}
        return (str(claims["sub"]),
                str(claims[current_app.config["PROVINCIAL_OIDC_NAME_CLAIM"]]).strip(),
                parse_resident_id(str(claims[current_app.config["PROVINCIAL_OIDC_ID_NUMBER_CLAIM"]]),
                                  today=today_in_china()))
    except (OAuthError, JoseError, RequestException, KeyError, InvalidIdNumber) as failure:
        current_app.logger.warning("Provincial sign-in failed: %s", type(failure).__name__)
        return None


@provincial.get("/callback")
@public_page
def callback() -> Response:
    purpose = session.pop(PURPOSE, None)
    if purpose not in ("verify", "sign_in"):
        abort(404)
    claims = _claims()
    if claims is None:
        flash(_("The provincial government service platform did not confirm who you are. "
                "Try again, or bring your ID card to your township or street office."))
        return redirect(url_for("account.overview" if purpose == "verify"
                                else "auth.sign_in_page"))
    if purpose == "sign_in":
        return _sign_in(*claims)
    return _verify(*claims)


def _sign_in(subject: str, _full_name: str, id_number: ResidentIdNumber) -> Response:
    account = real_name.account_for_subject(get_session(), subject, id_number)
    if account is None:
        flash(_("No account is verified through the provincial platform for you yet. Sign in "
                "with your mobile number and password, then choose to verify with the "
                "provincial platform on your account page."))
        return redirect(url_for("auth.sign_in_page"))
    sign_in(account)
    return redirect(url_for(account_home_endpoint(account)))


def _verify(subject: str, full_name: str, id_number: ResidentIdNumber) -> Response:
    me = current_account()
    if me is None or me.role != Role.PUBLIC:
        return redirect(url_for("auth.sign_in_page"))
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
