"""The display settings form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired

from app.forms import error_messages as messages


class DisplaySettingsForm(FlaskForm):
    size = RadioField(
        _l("Text size"),
        choices=[("100", _l("Standard")), ("150", _l("Large (150%)")),
                 ("200", _l("Largest (200%)"))],
        validators=[InputRequired(messages.CHOOSE_TEXT_SIZE)],
    )
    contrast = RadioField(
        _l("Contrast"),
        choices=[("standard", _l("Standard colours")),
                 ("high", _l("High contrast: white text on black"))],
        validators=[InputRequired(messages.CHOOSE_CONTRAST)],
    )
    spacing = RadioField(
        _l("Line and paragraph spacing"),
        choices=[("standard", _l("Standard spacing")), ("wide", _l("Wider spacing"))],
        validators=[InputRequired(messages.CHOOSE_SPACING)],
    )
    motion = RadioField(
        _l("Movement on pages"),
        choices=[("standard", _l("Standard")), ("reduce", _l("Reduce movement and animation"))],
        validators=[InputRequired(messages.CHOOSE_MOTION)],
    )
