"""Marks strings in the domain for translation without importing Flask.

`N_("...")` returns its argument unchanged; Babel extracts it (see babel.cfg) and the web layer
translates it with gettext when it renders the page.
"""


def N_(message: str) -> str:
    return message
