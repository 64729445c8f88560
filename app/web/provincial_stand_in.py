"""A stand-in for the provincial government service platform's sign-in (OpenID Connect), for
development and tests only: registered with DEVELOPMENT_TOOLS (app/web/__init__.py), never in
production. It vouches for one demo resident, as the real platform vouches for a person after
its own real-name check, through the same endpoints a real provider has: discovery,
authorization (a page), token (back channel) and keys.
"""

from __future__ import annotations

import secrets
import time
from typing import Any
from urllib.parse import urlencode

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, URLSafeTimedSerializer
from joserfc import jwt
from joserfc.jwk import RSAKey
from werkzeug.wrappers import Response

from app.web.access import public_page

provincial_stand_in = Blueprint("provincial_stand_in", __name__,
                                url_prefix="/dev/provincial-sign-in")

# The one resident the stand-in vouches for (a valid 身份证号 of 南关区, born 1972-08-09).
DEMO_SUBJECT = "demo-resident-zhou-jianguo"
DEMO_NAME = "周建国"
DEMO_ID_NUMBER = "220102197208090019"
CODE_LIFETIME_SECONDS = 60
_KEY: dict[str, RSAKey] = {}


def _key() -> RSAKey:
    """The stand-in's signing key, made once per process (development only)."""
    if "key" not in _KEY:
        _KEY["key"] = RSAKey.generate_key(2048, parameters={"kid": "stand-in", "use": "sig"})
    return _KEY["key"]


def _issuer() -> str:
    return url_for("provincial_stand_in.discovery", _external=True).removesuffix(
        "/.well-known/openid-configuration")


def _codes() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="stand-in-oidc-code")


def _client_ok(client_id: str | None, client_secret: str | None) -> bool:
    config = current_app.config
    return bool(client_id) and client_id == config.get("PROVINCIAL_OIDC_CLIENT_ID") and \
        secrets.compare_digest(client_secret or "", config.get("PROVINCIAL_OIDC_CLIENT_SECRET")
                               or "")


@provincial_stand_in.get("/.well-known/openid-configuration")
@public_page
def discovery() -> Response:
    issuer = _issuer()
    return jsonify({
        "issuer": issuer,
        "authorization_endpoint": url_for("provincial_stand_in.authorize", _external=True),
        "token_endpoint": url_for("provincial_stand_in.token", _external=True),
        "jwks_uri": url_for("provincial_stand_in.keys", _external=True),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "scopes_supported": ["openid", "profile"],
    })


@provincial_stand_in.get("/keys")
@public_page
def keys() -> Response:
    return jsonify({"keys": [_key().as_dict(private=False)]})


class StandInSignInForm(FlaskForm):
    """Only the button: the stand-in has one resident to vouch for."""


@provincial_stand_in.route("/authorize", methods=["GET", "POST"])
@public_page
def authorize() -> str | Response:
    callback = url_for("provincial.callback", _external=True)
    args = {key: request.values.get(key, "") for key in (
        "response_type", "client_id", "redirect_uri", "scope", "state", "nonce")}
    args["redirect_uri"] = args["redirect_uri"] or callback  # only back to this portal
    if args["response_type"] != "code" or args["redirect_uri"] != callback or \
            args["client_id"] != current_app.config.get("PROVINCIAL_OIDC_CLIENT_ID"):
        abort(400)
    form = StandInSignInForm()
    if form.validate_on_submit():
        code = _codes().dumps({"sub": DEMO_SUBJECT, "nonce": args.get("nonce"),
                               "client_id": args["client_id"],
                               "redirect_uri": args["redirect_uri"]})
        return redirect(args["redirect_uri"] + "?" +
                        urlencode({"code": code, "state": args["state"]}))
    return render_template("dev/provincial_sign_in.html", form=form, name=DEMO_NAME,
                           request_args=args)


def _client_credentials() -> tuple[str | None, str | None]:
    if request.authorization is not None and request.authorization.type == "basic":
        return request.authorization.username, request.authorization.password
    return request.form.get("client_id"), request.form.get("client_secret")


@provincial_stand_in.post("/token")
@public_page
def token() -> tuple[Response, int] | Response:
    client_id, client_secret = _client_credentials()
    if not _client_ok(client_id, client_secret):
        return jsonify({"error": "invalid_client"}), 401
    try:
        grant: dict[str, Any] = _codes().loads(request.form.get("code", ""),
                                               max_age=CODE_LIFETIME_SECONDS)
    except BadSignature:
        return jsonify({"error": "invalid_grant"}), 400
    if request.form.get("grant_type") != "authorization_code" or \
            grant["client_id"] != client_id or \
            grant["redirect_uri"] != request.form.get("redirect_uri"):
        return jsonify({"error": "invalid_grant"}), 400
    now = int(time.time())
    access_token = secrets.token_urlsafe(24)
    claims = {"iss": _issuer(), "sub": grant["sub"], "aud": client_id, "iat": now,
              "exp": now + 300, "nonce": grant["nonce"], "name": DEMO_NAME,
              current_app.config["PROVINCIAL_OIDC_ID_NUMBER_CLAIM"]: DEMO_ID_NUMBER}
    id_token = jwt.encode({"alg": "RS256", "kid": "stand-in"}, claims, _key())
    return jsonify({"access_token": access_token, "token_type": "Bearer", "expires_in": 300,
                    "id_token": id_token, "scope": "openid profile"})
