"""Translation: ``t("softmax.title")`` gives the text in the session's language.

The language lives in ``st.session_state["lang"]``, the key of the sidebar widget that
``ui.shell`` binds to the ``?lang=`` URL parameter.
"""

import re

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


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:])")
_AUTOLINK = re.compile(r"(?i)(://|www\\?\.)")
_WORD_JOINER = "\u2060"


def plain(text) -> str:
    """A person's text (a class name, a file name) inside Markdown prose, shown as itself:
    every character Markdown, LaTeX (``$``) or an icon or colour code (``:``) would read is
    backslash-escaped, an address is kept from becoming a link (a word joiner after ``:`` of
    ``://`` and in ``www.``), and line breaks become spaces."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).splitlines()))
    return _AUTOLINK.sub(lambda match: match[0][0] + _WORD_JOINER + match[0][1:], escaped)


def literal(text) -> str:
    """What a person typed, uploaded or put in a link, quoted in a message as inline code:
    Markdown, links, HTML, LaTeX and icon codes are not read inside a code span, and the
    fence is longer than any run of backticks in the text, so the text cannot end it early."""
    text = " ".join(str(text).splitlines())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def t(key: str, **values) -> str:
    """The text for ``key`` in the current language, with ``{name}`` fields filled in."""
    text = CATALOGS[current_language()][key]
    return text.format(**values) if values else text
