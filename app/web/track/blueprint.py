"""The one blueprint for following an application; its views live in the modules beside it."""

from flask import Blueprint

track = Blueprint("track", __name__)
