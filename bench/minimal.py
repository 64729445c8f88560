"""The yardstick: one Flask route, served with the portal's gunicorn settings in the same run.
Every figure is also reported as a ratio to it, so results compare across machines."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "ok"
