"""Every error message, written once, specific and translatable (as in the ONS runner)."""

from flask_babel import lazy_gettext as _l

CHOOSE_TEXT_SIZE = _l("Choose a text size")
CHOOSE_CONTRAST = _l("Choose standard or high contrast")
CHOOSE_SPACING = _l("Choose standard or wider spacing")
CHOOSE_MOTION = _l("Choose whether to reduce movement")
