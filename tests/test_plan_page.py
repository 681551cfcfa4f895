"""The lecture plan: the shipped plan of lecture 5, a plan read from a file or a link (and
every bad one refused with a message), the plan bar while presenting, the student link."""

import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from tests.apptest import assert_clean, open_page, texts
from ui import nav, plans, qr, students
from ui.i18n import CATALOGS
from ui.lecture5 import LECTURE_5
from ui.lessons.images.sections import TABS as IMAGE_TABS
from ui.lessons.loss.controls import TABS as LOSS_TABS
from ui.lessons.plan import sections
from ui.lessons.softmax.sections import TABS as SOFTMAX_TABS

TABS = {"softmax": set(SOFTMAX_TABS), "loss": set(LOSS_TABS), "images": set(IMAGE_TABS)}
PAGE_FILES = {str(page.path.relative_to(nav.ROOT)) for page in (*nav.LESSONS, *nav.TEACHING)}


def _own(at):
    return at.session_state.get("plan.mine")


def _upload(at, name: str, body: bytes):
    uploader = next(u for u in at.get("file_uploader") if u.key == sections.UPLOAD_KEY)
    return uploader.set_value((name, body, "application/json")).run()


def _messages(at) -> str:
    return "\n".join(
        item.value for kind in ("error", "warning", "success") for item in at.get(kind)
    )


# ---------------------------------------------------------------- the shipped plan


def test_the_shipped_plan_follows_the_deck_section_by_section():
    entries = LECTURE_5.entries
    assert len(entries) >= 25
    assert [e.section for e in entries] == sorted(e.section for e in entries)
    assert [e.slide for e in entries] == sorted(e.slide for e in entries)
    assert {e.section for e in entries} == {1, 2, 3, 4, 5, 6}
    # The deck's worked examples are views of their own.
    hrefs = [e.href("en") for e in entries]
    assert any("logits=10,0,0" in h for h in hrefs) and any("logits=1,1,1" in h for h in hrefs)
    assert any("tab=curve" in h and "p=0.7" in h for h in hrefs)
    assert any("tab=curve" in h and "p=0.2" in h for h in hrefs)
    assert any(h.startswith("multilabel") for h in hrefs)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_link_parses_and_opens_an_existing_page_and_tab(lang):
    for entry in LECTURE_5.entries:
        url = urlsplit("http://host/" + entry.href(lang, present=True))
        page = url.path.strip("/")
        assert page in plans.PAGES, entry
        assert (nav.ROOT / "pages" / f"{page}.py").is_file()
        query = dict(parse_qsl(url.query, strict_parsing=True))
        assert query["lang"] == lang and query["present"] == "true"
        if "tab" in query:
            assert query["tab"] in TABS[page], entry
        assert entry.title(lang).strip()
        if lang == "zh":
            assert re.search(r"[\u4e00-\u9fff]", entry.title("zh")), entry.title("zh")


def test_the_shipped_plan_survives_its_file_and_its_link():
    assert plans.parse_json(plans.to_json(LECTURE_5)) == LECTURE_5
    link = plans.encode(LECTURE_5)
    assert len(link) <= plans.LINK_LIMIT and re.fullmatch(r"[A-Za-z0-9_-]+", link)
    assert plans.decode(link) == LECTURE_5


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plan_page_lists_the_shipped_plan(lang):
    at = open_page("plan", lang=lang)
    assert_clean(at)
    links = at.get("page_link")
    assert len(links) == len(LECTURE_5.entries)
    shown = texts(at)
    for link, entry in zip(links, LECTURE_5.entries, strict=True):
        assert link.proto.page in {page.url_path for page in nav.LESSONS}
        assert dict(parse_qsl(link.proto.query_string))["lang"] == lang
        assert "/" + qr.readable(entry.href(lang)) in shown  # letters as letters
    assert CATALOGS[lang]["plan.start"] in [button.label for button in at.button]


# ---------------------------------------------------------------- files


def test_a_download_loads_back_as_the_own_plan():
    at = open_page("plan", lang="en")
    download = next(b for b in at.get("download_button") if b.key == "plan.download")
    body = plans.to_json(LECTURE_5)
    # The button holds exactly this file (Streamlit names a file by its content's hash).
    file_id = _calculate_file_id(body, "application/json", "softmax-explorer-plan.json")
    assert file_id in download.proto.url
    _upload(at, "softmax-explorer-plan.json", body)
    assert_clean(at)
    assert _own(at) == LECTURE_5
    assert CATALOGS["en"]["plan.loaded"].format(count=len(LECTURE_5.entries)) in _messages(at)
    assert at.session_state["plan.which"] == "mine"


def _document(**changes) -> bytes:
    document = plans.to_document(LECTURE_5)
    document.update(changes)
    return json.dumps(document).encode()


def _bad_entry(**fields) -> bytes:
    document = plans.to_document(LECTURE_5)
    document["entries"][2].update(fields)
    return json.dumps(document).encode()


BAD_FILES = {
    "not_json": b"\x89PNG\r\n not a plan",
    "foreign": json.dumps({"format": "softmax-explorer.record", "answers": []}).encode(),
    "version": _document(version=99),
    "empty": _document(entries=[]),
    "too_many": _document(entries=[plans.to_document(LECTURE_5)["entries"][0]] * 81),
    "entry": _bad_entry(page="../../etc/passwd"),
    "too_big": b" " * (plans.MAX_BYTES + 1),
}


@pytest.mark.parametrize("code", BAD_FILES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bad_file_is_refused_with_a_message_and_the_own_plan_kept(code, lang):
    at = open_page("plan", lang=lang)
    _upload(at, "softmax-explorer-plan.json", plans.to_json(LECTURE_5))
    _upload(at, "bad.json", BAD_FILES[code])
    assert_clean(at)
    assert _own(at) == LECTURE_5
    start = CATALOGS[lang][f"plan.bad.{code}"].split("{")[0][:12]
    assert start in _messages(at), (code, _messages(at))


@pytest.mark.parametrize(
    "fields",
    [
        {"title": ""},
        {"title": {"zh": "x" * 500}},
        {"params": {"lang": "en"}},
        {"params": {"tab": "x\n<script>"}},
        {"params": {"bad name": "1"}},
        {"slide": -1},
        {"slide": True},
        {"params": ["tab", "why"]},
    ],
)
def test_each_bad_entry_is_named(fields):
    with pytest.raises(plans.PlanError) as raised:
        plans.parse_json(_bad_entry(**fields))
    assert raised.value.code == "entry" and raised.value.number == 3


# ---------------------------------------------------------------- one link


def test_a_plan_link_round_trips_through_the_page():
    mine = plans.Plan(LECTURE_5.titles, LECTURE_5.entries[3:8])
    at = open_page("plan", lang="zh", plan=plans.encode(mine))
    assert_clean(at)
    assert _own(at) == mine
    assert "plan" not in at.query_params  # read once: the plan now lives in the session
    assert CATALOGS["zh"]["plan.link_loaded"].format(count=5) in _messages(at)
    assert len(at.get("page_link")) == 5
    # The page shares the plan it shows as a link to itself with the same plan.
    shared = next(code.value for code in at.code if "plan=" in code.value)
    query = dict(parse_qsl(urlsplit(shared).query))
    assert urlsplit(shared).path.endswith("/plan") and plans.decode(query["plan"]) == mine


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("not*base64!", "link_unreadable"),
        ("AAAA", "link_unreadable"),
        ("x" * (plans.LINK_LIMIT + 1), "link_too_long"),
    ],
)
def test_a_bad_plan_link_is_reported_and_changes_nothing(raw, code):
    at = open_page("plan", lang="en", plan=raw)
    assert_clean(at)
    assert _own(at) is None
    assert CATALOGS["en"][f"plan.bad.{code}"].split("{")[0][:20] in _messages(at)
    assert len(at.get("page_link")) == len(LECTURE_5.entries)  # the shipped plan, still


def test_a_link_that_inflates_past_the_limit_is_refused_before_it_is_read():
    import base64
    import zlib

    bomb = base64.urlsafe_b64encode(zlib.compress(b"[" * 2_000_000, 9)).decode().rstrip("=")
    assert len(bomb) < plans.LINK_LIMIT
    with pytest.raises(plans.PlanError) as raised:
        plans.decode(bomb)
    assert raised.value.code == "too_big"


# ---------------------------------------------------------------- presenting


def test_presenting_steps_through_the_plan_and_sets_each_view():
    at = open_page("plan", lang="en")
    # AppTest reruns the page its own switch_page named (open_page's), not the one the
    # script switched to: stay, as a browser does, where the script went.
    at._page_hash = ""
    at.button(key="plan.start").click().run()
    assert_clean(at)
    assert at.session_state["present"] is True
    assert at.session_state["plan.presenting"][1] == 0
    for index in (1, 2, 3):
        at.button(key="plan.bar.next").click().run()
        assert_clean(at)
        entry = LECTURE_5.entries[index]
        assert at.session_state["plan.presenting"][1] == index
        for name, value in entry.query("en").items():
            if name != "lang":
                assert at.session_state[f"{entry.page}.{name}"] in (value, _label(entry, value))
        where = CATALOGS["en"]["plan.bar.where"].format(
            number=index + 1, count=len(LECTURE_5.entries), title=""
        )
        assert where in texts(at)
    at.button(key="plan.bar.previous").click().run()
    assert at.session_state["plan.presenting"][1] == 2
    at.button(key="plan.bar.stop").click().run()
    assert "plan.presenting" not in at.session_state
    assert not [b for b in at.button if b.key == "plan.bar.next"]


def _label(entry, code):
    """A tab's state holds its label: the catalog's text for that code."""
    en = CATALOGS["en"]
    return next(
        (en[k] for k in (f"{entry.page}.tab_{code}", f"{entry.page}.tab.{code}") if k in en), None
    )


# ---------------------------------------------------------------- a view into one's plan


def test_a_lesson_view_is_added_to_the_own_plan_and_the_student_link_shows_it():
    at = open_page("softmax", lang="en", tab="temperature", logits="3,1,0", T="0.5")
    assert_clean(at)
    at.button(key="students.add_view").click().run()
    mine = _own(at)
    assert mine is not None and len(mine.entries) == 1
    view = mine.entries[0]
    assert view.page == "softmax"
    assert dict(view.params) == {"tab": "temperature", "logits": "3,1,0", "T": "0.5"}
    assert view.title("en") == "1 · Softmax · Temperature"
    assert view.title("zh") == "1 · Softmax 函数 · 温度"
    assert CATALOGS["en"]["plan.added"].format(number=1) in _messages(at)


# ---------------------------------------------------------------- the link for students


def test_the_view_link_keeps_the_settings_and_a_served_prefix():
    params = {"lang": "zh", "tab": "temperature", "logits": "3,1,0"}
    link = qr.view_link("http://10.0.0.5:8501/softmax", "softmax", params)
    assert link == "http://10.0.0.5:8501/softmax?lang=zh&tab=temperature&logits=3,1,0"
    assert qr.view_link("https://h/course/loss", "softmax", {}) == "https://h/course/softmax"
    assert qr.view_link(None, "loss", {"p": "0.5"}) == "/loss?p=0.5"
    assert qr.readable(link) == "10.0.0.5:8501/softmax?lang=zh&tab=temperature&logits=3,1,0"
    assert qr.readable(qr.view_link(None, "softmax", {"names": "猫,狗"})) == "/softmax?names=猫,狗"
    svg = qr.svg(link)
    assert svg.startswith("<svg") and "<path" in svg and "<text" not in svg and "softmax" not in svg


@pytest.mark.parametrize("present", ["false", "true"])
def test_every_lesson_page_offers_the_student_link_of_its_view(present):
    for page in (nav.HOME, *nav.LESSONS, *nav.TEACHING):
        at = open_page(page.key, lang="en", present=present)
        has = any(button.key == students.BUTTON_KEY for button in at.sidebar.button)
        assert has == (page in nav.LESSONS), page.key
    at = open_page("softmax", lang="zh", present=present, tab="temperature", logits="3,1,0")
    assert not at.get("image"), "made only when asked for"
    at.sidebar.button(key=students.BUTTON_KEY).click().run()
    assert_clean(at)
    shown = "\n".join(m.value for m in at.markdown)
    assert "/softmax?lang=zh&tab=temperature&logits=3,1,0" in shown
    assert "present" not in shown
    assert at.get("image")
    names = open_page("softmax", lang="zh", logits="1,2", names="猫,狗")
    names.sidebar.button(key=students.BUTTON_KEY).click().run()
    assert "names=猫,狗" in "\n".join(m.value for m in names.markdown)  # letters as letters
