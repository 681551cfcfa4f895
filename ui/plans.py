"""A lecture plan: the views of a lecture in order, each a page of the app with its link
settings and its slide's title in both languages. Read from a file or a link, written back.

No Streamlit here (``ui.lessons.plan`` and ``ui.presenting`` draw it): what is read may be
crafted (an uploaded file, a shared link), so it is size-capped, parsed as JSON (never
unpickled or evaluated), and only known pages and plain, bounded settings are kept. A page's
settings are checked by the page itself when the link opens it (``ui.urlstate``): here they
are only names and short texts. It lives in ``ui/`` beside ``ui.record`` (the student's
record as a file), not in ``core/`` (numerics) or a package of its own: it needs the app's
map of pages (``ui.nav``) and nothing else of the UI.
"""

import base64
import binascii
import json
import re
import zlib
from dataclasses import dataclass, replace
from urllib.parse import quote, urlencode

from ui import nav

FORMAT = "softmax-explorer.plan"
VERSION = 1
LANGUAGES = ("zh", "en")
MAX_BYTES = 64_000  # a plan of every slide of a long deck is well under 20 KB
MAX_ENTRIES = 80
MAX_TITLE = 120  # characters
MAX_VALUE = 300  # characters of one setting (logits, class names)
MAX_PARAMS = 16
LINK_LIMIT = 6_000  # characters of a plan in a link (browsers and proxies take 8 KB)
# The shell's own: the plan adds the language and projection mode when it opens a view.
RESERVED = ("lang", "present")
PAGES = {page.url_path: page for page in (*nav.LESSONS, nav.ASK)}
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,31}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LINK_TEXT = re.compile(r"[A-Za-z0-9_-]+")


class PlanError(ValueError):
    """A text that is not a plan. ``code`` names the reason (a catalog key's last part:
    ``too_big``, ``not_json``, ``foreign``, ``version``, ``empty``, ``too_many``, ``entry``,
    ``link_too_long``, ``link_unreadable``); for ``entry``, ``number`` (from 1) and
    ``field`` say where."""

    def __init__(self, code: str, number: int = 0, field: str = ""):
        super().__init__(code, number, field)
        self.code = code
        self.number = number
        self.field = field


@dataclass(frozen=True)
class Entry:
    """One view: ``page`` is a page's URL path, ``params`` its link settings (a value is one
    text, or one per language: class names, say), ``titles`` its title per language."""

    page: str
    params: tuple[tuple[str, str | tuple[tuple[str, str], ...]], ...]
    titles: tuple[tuple[str, str], ...]
    slide: int | None = None
    section: int | None = None

    def title(self, lang: str) -> str:
        return dict(self.titles).get(lang) or self.titles[0][1]

    def query(self, lang: str, present: bool = False) -> dict[str, str]:
        """The link's query parameters in ``lang`` (and projection mode when ``present``)."""
        query = {"lang": lang}
        for name, value in self.params:
            query[name] = value if isinstance(value, str) else dict(value).get(lang, value[0][1])
        if present:
            query["present"] = "true"
        return query

    def href(self, lang: str, present: bool = False) -> str:
        """The view's address relative to the app: ``softmax?lang=zh&tab=why``."""
        return f"{self.page}?{urlencode(self.query(lang, present), quote_via=quote, safe=',')}"

    def retitled(self, lang: str, title: str) -> "Entry":
        titles = dict(self.titles)
        titles[lang] = checked_title(title)
        return replace(self, titles=tuple(titles.items()))


@dataclass(frozen=True)
class Plan:
    titles: tuple[tuple[str, str], ...]
    entries: tuple[Entry, ...]

    def title(self, lang: str) -> str:
        return dict(self.titles).get(lang) or self.titles[0][1]


def entry(page: str, params: dict, titles: dict, slide=None, section=None) -> Entry:
    """An entry from plain values, checked as a file's would be (``PlanError`` if not)."""
    document = {"page": page, "params": params, "title": titles, "slide": slide}
    return _entry({**document, "section": section}, 1)


# ---------------------------------------------------------------- a plan as JSON


def to_document(plan: Plan) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": dict(plan.titles),
        "entries": [_entry_document(item) for item in plan.entries],
    }


def _entry_document(item: Entry) -> dict:
    document = {
        "page": item.page,
        "params": {
            name: value if isinstance(value, str) else dict(value) for name, value in item.params
        },
        "title": dict(item.titles),
    }
    for name in ("slide", "section"):
        if getattr(item, name) is not None:
            document[name] = getattr(item, name)
    return document


def to_json(plan: Plan) -> bytes:
    return json.dumps(to_document(plan), ensure_ascii=False, indent=1).encode("utf-8")


def _refuse_constant(name: str):
    raise ValueError(name)  # NaN, Infinity: not JSON


def parse_json(data: bytes) -> Plan:
    """A plan from a file's bytes; ``PlanError`` for anything else."""
    if len(data) > MAX_BYTES:
        raise PlanError("too_big")
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise PlanError("not_json") from error
    return from_document(document)


def from_document(document) -> Plan:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise PlanError("foreign")
    if document.get("version") != VERSION:
        raise PlanError("version")
    entries = document.get("entries")
    if not isinstance(entries, list) or not entries:
        raise PlanError("empty")
    if len(entries) > MAX_ENTRIES:
        raise PlanError("too_many")
    titles = _titles(document.get("title"), 0)
    return Plan(titles, tuple(_entry(item, number) for number, item in enumerate(entries, 1)))


def _entry(item, number: int) -> Entry:
    if not isinstance(item, dict):
        raise PlanError("entry", number, "")
    page = item.get("page")
    if page not in PAGES:
        raise PlanError("entry", number, "page")
    params = item.get("params", {})
    if not isinstance(params, dict) or len(params) > MAX_PARAMS:
        raise PlanError("entry", number, "params")
    checked = tuple(
        (_name(name, number), _value(value, number, name)) for name, value in params.items()
    )
    return Entry(
        page,
        checked,
        _titles(item.get("title"), number),
        _whole(item.get("slide"), number, "slide"),
        _whole(item.get("section"), number, "section"),
    )


def _name(name, number: int) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name) or name in RESERVED:
        raise PlanError("entry", number, "params")
    return name


def _value(value, number: int, name: str):
    field = f"params.{name}"
    if isinstance(value, dict):
        if not value or not set(value) <= set(LANGUAGES):
            raise PlanError("entry", number, field)
        return tuple(
            (lang, _text(value[lang], number, field, MAX_VALUE))
            for lang in LANGUAGES
            if lang in value
        )
    return _text(value, number, field, MAX_VALUE)


def _titles(value, number: int) -> tuple[tuple[str, str], ...]:
    if isinstance(value, str):
        value = {lang: value for lang in LANGUAGES}
    if not isinstance(value, dict) or not value or not set(value) <= set(LANGUAGES):
        raise PlanError("entry", number, "title")
    return tuple(
        (lang, _title(value[lang], number, "title")) for lang in LANGUAGES if lang in value
    )


def checked_title(text) -> str:
    """A title a person typed: 1 to ``MAX_TITLE`` characters; ``PlanError`` if not."""
    return _title(text, 0, "title")


def _title(value, number: int, field: str) -> str:
    text = _text(value, number, field, MAX_TITLE).strip()
    if not text:
        raise PlanError("entry", number, field)
    return text


def _text(value, number: int, field: str, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit or _CONTROL.search(value):
        raise PlanError("entry", number, field)
    return value


def _whole(value, number: int, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 999:
        raise PlanError("entry", number, field)
    return value


# ---------------------------------------------------------------- a plan as one link


def encode(plan: Plan) -> str:
    """The plan as one URL-safe text (compact JSON, deflated, base64url without padding);
    ``PlanError("link_too_long")`` past ``LINK_LIMIT``."""
    compact = json.dumps(to_document(plan), ensure_ascii=False, separators=(",", ":"))
    text = base64.urlsafe_b64encode(zlib.compress(compact.encode("utf-8"), 9)).decode("ascii")
    text = text.rstrip("=")
    if len(text) > LINK_LIMIT:
        raise PlanError("link_too_long")
    return text


def decode(text) -> Plan:
    """A plan from a link's text; ``PlanError`` for anything else. The inflated size is
    bounded before it is read (a small text may inflate to gigabytes)."""
    if not isinstance(text, str) or len(text) > LINK_LIMIT:
        raise PlanError("link_too_long")
    if not _LINK_TEXT.fullmatch(text):
        raise PlanError("link_unreadable")
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        data = inflater.decompress(packed, MAX_BYTES + 1)
    except (binascii.Error, ValueError, zlib.error) as error:
        raise PlanError("link_unreadable") from error
    if len(data) > MAX_BYTES or inflater.unconsumed_tail:
        raise PlanError("too_big")
    if not inflater.eof:
        raise PlanError("link_unreadable")
    return parse_json(data)
