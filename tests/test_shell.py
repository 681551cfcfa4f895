"""The app shell: every page runs in both languages and in projection mode; the catalogs match."""

import re

import pytest

from tests.apptest import assert_clean, open_page, texts
from ui import nav
from ui.i18n import CATALOGS, language_from_locale
from ui.strings import MODULES

PAGES = ["home", *(lesson.key for lesson in nav.LESSONS), *(page.key for page in nav.TEACHING)]


@pytest.mark.parametrize("key", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("present", ["false", "true"])
def test_every_page_runs_clean(key, lang, present):
    at = open_page(key, lang=lang, present=present)
    assert_clean(at)
    assert at.session_state["lang"] == lang
    assert at.session_state["present"] is (present == "true")
    assert at.title, "every page has a title"


def test_catalogs_have_the_same_keys_and_no_empty_value():
    assert CATALOGS["en"].keys() == CATALOGS["zh"].keys()
    for lang, catalog in CATALOGS.items():
        empty = [key for key, text in catalog.items() if not text.strip()]
        assert not empty, (lang, empty)


def test_each_module_translates_what_it_defines():
    for module in MODULES:
        assert module.EN.keys() == module.ZH.keys(), module.__name__


def test_placeholders_match_between_languages():
    for key, english in CATALOGS["en"].items():
        fields = set(re.findall(r"{(\w+)", english))
        assert fields == set(re.findall(r"{(\w+)", CATALOGS["zh"][key])), key


def test_chinese_catalog_is_chinese():
    # Catches an English string pasted into the Chinese catalog by mistake.
    # Formulas and names ("argmax z = argmax ŷ", "Softmax") may stay the same.
    han = re.compile(r"[\u4e00-\u9fff]")
    untranslated = [
        key
        for key, text in CATALOGS["zh"].items()
        if text == CATALOGS["en"][key]
        and not han.search(text)
        and len(set(re.findall(r"[A-Za-z]{3,}", text))) >= 3
    ]
    assert not untranslated


@pytest.mark.parametrize(
    ("locale", "lang"),
    [
        ("zh-CN", "zh"),
        ("zh-TW", "zh"),
        ("zh", "zh"),
        ("en-US", "en"),
        ("fr-FR", "en"),
        (None, "zh"),
    ],
)
def test_default_language_follows_the_browser(locale, lang):
    assert language_from_locale(locale) == lang


def test_home_shows_the_lessons_in_both_languages():
    english = texts(open_page("home", lang="en"))
    chinese = texts(open_page("home", lang="zh"))
    assert "Softmax Explorer" in english and "Projection mode" in english
    assert "Softmax 探索器" in chinese and "投影模式" in chinese
    for lesson in nav.LESSONS:
        assert CATALOGS["en"][f"home.lesson.{lesson.key}"] in english
        assert CATALOGS["zh"][f"home.lesson.{lesson.key}"] in chinese


def test_a_bad_language_in_the_link_is_reported_and_ignored():
    at = open_page("home", lang="klingon")
    assert_clean(at)
    assert at.session_state["lang"] in ("zh", "en")
    assert any("klingon" in warning.value for warning in at.warning)


def test_a_bad_present_value_is_reported():
    at = open_page("home", lang="en", present="maybe")
    assert_clean(at)
    assert any("maybe" in warning.value for warning in at.warning)


def test_switching_language_changes_the_page_and_the_link():
    at = open_page("home", lang="en")
    at.sidebar.radio(key="lang").set_value("zh").run()
    assert "Softmax 探索器" in texts(at)
    assert at.query_params["lang"] == ["zh"] or at.query_params["lang"] == "zh"


def test_url_paths_differ_from_the_names_streamlit_infers():
    # See ui/nav.py: an inferred name would let a fresh server run a lesson file alone.
    for lesson in (nav.HOME, *nav.LESSONS, *nav.TEACHING):
        inferred = re.sub(r"^\d+_", "", lesson.path.stem)
        assert lesson.url_path != inferred
        trampoline = nav.ROOT / "pages" / f"{lesson.url_path}.py"
        assert lesson is nav.HOME or trampoline.exists(), trampoline
