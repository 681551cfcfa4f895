"""Translation: ``t("softmax.title")`` gives the text in the session's language.

The language lives in ``st.session_state["lang"]``, the key of the sidebar widget that
``ui.shell`` binds to the ``?lang=`` URL parameter.
"""

import streamlit as st

from ui.strings import MODULES

LANGUAGES = ("zh", "en")
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


def _merge(attribute: str) -> dict[str, str]:
    catalog: dict[str, str] = {}
    for module in MODULES:
        catalog.update(getattr(module, attribute))
    return catalog


CATALOGS = {"en": _merge("EN"), "zh": _merge("ZH")}


def language_from_locale(locale: str | None) -> str:
    """Chinese for any ``zh*`` browser locale or none at all (the course is Chinese)."""
    if locale is None or locale.lower().startswith("zh"):
        return "zh"
    return "en"


def current_language() -> str:
    lang = st.session_state.get("lang")
    return lang if lang in LANGUAGES else language_from_locale(st.context.locale)


def t(key: str, **values) -> str:
    """The text for ``key`` in the current language, with ``{name}`` fields filled in."""
    text = CATALOGS[current_language()][key]
    return text.format(**values) if values else text
