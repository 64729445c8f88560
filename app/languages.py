"""The languages of the portal, defined once. To add one, see README.md, "Adding a language".

Everything that lists languages reads this: the configuration (LOCALES), language negotiation
and the switcher in the header, the contact-language question, guide video captions and
transcripts, the translation tests and the accessibility audit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # the Babel catalogue's locale: translations/<code>/LC_MESSAGES/messages.po
    html_lang: str  # BCP 47 tag for <html lang> and lang attributes
    native_name: str  # the language named in itself, for the switcher and choices
    english_name: str  # for reports read by the team

    @property
    def primary_subtag(self) -> str:
        """What Accept-Language is matched on: zh-CN, zh-Hans and zh-TW all mean zh."""
        return self.html_lang.split("-")[0].lower()


# The first is the default: 简体中文, the portal's language of record.
LANGUAGES = (
    Language("zh_Hans_CN", "zh-CN", "简体中文", "Simplified Chinese"),
    Language("ko", "ko", "한국어", "Korean"),
    Language("en", "en", "English", "English"),
)
DEFAULT_LANGUAGE = LANGUAGES[0]
# Place names and official terms are Chinese whatever the page's language: marked with this.
CHINESE = LANGUAGES[0]
BY_CODE = {language.code: language for language in LANGUAGES}
LOCALES = tuple(language.code for language in LANGUAGES)
HTML_LANG = {language.code: language.html_lang for language in LANGUAGES}
