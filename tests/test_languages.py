"""The languages are defined once (app/languages.py); what each one needs is checked here, so
adding a language to that list fails loudly until everything it needs exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import DEFAULT_LOCALE, LOCALES
from app.forms import error_messages as messages
from app.languages import BY_CODE, DEFAULT_LANGUAGE, LANGUAGES
from app.services.shared_steps import ContactForm
from app.web.forms.media import CaptionsForm, NewVideoForm, TranscriptsForm

ROOT = Path(__file__).resolve().parent.parent


def test_the_configuration_reads_the_one_list() -> None:
    assert tuple(language.code for language in LANGUAGES) == LOCALES
    assert DEFAULT_LOCALE == DEFAULT_LANGUAGE.code == "zh_Hans_CN"


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_each_language_has_a_catalogue_and_its_guide_video_fields_and_messages(
        language) -> None:
    code = language.code
    assert (ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").is_file()
    assert hasattr(NewVideoForm, f"title_{code}")
    assert hasattr(CaptionsForm, f"captions_{code}")
    assert hasattr(TranscriptsForm, f"transcript_{code}")
    assert code in messages.ENTER_TITLE and code in messages.PUBLISHED_NEEDS_TRANSCRIPT
    assert {("captions", code), ("transcript", code)} <= messages.MISSING_BEFORE_PUBLISHING.keys()


def test_the_contact_language_question_offers_every_language_named_in_itself() -> None:
    choices = ContactForm.language.kwargs["choices"]
    assert [(code, name, extra["lang"]) for code, name, extra in choices] == [
        (language.code, language.native_name, language.html_lang) for language in LANGUAGES]


@pytest.mark.parametrize("header, chosen", [("ko-KR,ko;q=0.9", "ko"), ("zh-TW", "zh_Hans_CN"),
                                            ("en-GB", "en"), ("fr-FR", "zh_Hans_CN")])
def test_the_browser_language_is_matched_on_its_primary_subtag(
        client, header: str, chosen: str) -> None:
    page = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{BY_CODE[chosen].html_lang}"' in page
