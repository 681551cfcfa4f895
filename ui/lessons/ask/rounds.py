"""The Ask page's way to the class round (``classround``): one service per process, the
questions that can be asked in a round, their texts in the reader's language."""

import ipaddress
import os
from urllib.parse import urlsplit

import streamlit as st

import classround
from classround import Question as RoundQuestion
from classround.store import ENV_DATA_DIR, ENV_STORE
from ui.i18n import plain, t
from ui.questions import QUESTIONS, Question, by_id

LETTERS = "ABCDEF"

# The lessons' choice questions: a round counts chosen options, never typed numbers.
ROUND_QUESTIONS = tuple(question for question in QUESTIONS if not question.is_number)


def service() -> classround.RoundService:
    """The process's service, on the store the environment names (one per setting, so a
    test that points ``SOFTMAX_DATA_DIR`` elsewhere gets a store there)."""
    return _service(os.environ.get(ENV_STORE, ""), os.environ.get(ENV_DATA_DIR, ""))


@st.cache_resource(show_spinner=False)
def _service(url: str, data_dir: str) -> classround.RoundService:
    del url, data_dir  # the cache's key: open_store reads them from the environment
    return classround.RoundService(classround.open_store())


def network() -> str:
    """The browser's network address for the rate limit (never stored with an answer).
    Behind ``make serve-class``'s nginx, Streamlit sees loopback and nginx appends the
    address it saw to ``X-Forwarded-For``: its last entry (earlier ones a browser can
    write)."""
    address = st.context.ip_address or ""
    try:
        loopback = ipaddress.ip_address(address).is_loopback
    except ValueError:
        loopback = not address
    if loopback:
        forwarded = (st.context.headers.get("X-Forwarded-For") or "").split(",")
        return forwarded[-1].strip()[:64]
    return address[:64]


def join_link(code: str) -> str:
    """``<this server>/ask?room=CODE``, from the address this browser opened."""
    url = urlsplit(st.context.url or "")
    base = f"{url.scheme}://{url.netloc}" if url.scheme and url.netloc else ""
    path = url.path.rstrip("/")
    # Served under a prefix (server.baseUrlPath)? Keep everything before the page's name.
    prefix = path.rsplit("/", 1)[0] if path.count("/") > 1 else ""
    return f"{base}{prefix}/ask?room={code}"


def to_round(question: Question) -> RoundQuestion:
    return RoundQuestion.lesson(question.id, question.options, question.correct)


def lesson_question(question: RoundQuestion) -> Question | None:
    """The lesson's question behind a round's question (None for a teacher's own)."""
    return None if question.is_custom else by_id(question.id)


def question_markdown(question: RoundQuestion) -> str:
    """The question as Markdown: a lesson's from the catalog, a teacher's escaped (plain)."""
    if question.is_custom:
        return plain(question.text)
    return t(f"study.q.{question.id}")


def option_markdown(question: RoundQuestion, option: str) -> str:
    """``A. …``: the option's letter and text, a teacher's text escaped (plain)."""
    letter = LETTERS[question.options.index(option)]
    if question.is_custom:
        return f"{letter}. {plain(question.option_texts[question.options.index(option)])}"
    return f"{letter}. {t(f'study.q.{question.id}.{option}')}"


def option_text(question: RoundQuestion, option: str) -> str:
    """The option's text, unescaped, for a chart's data or a download (never Markdown)."""
    letter = LETTERS[question.options.index(option)]
    if question.is_custom:
        return f"{letter}. {question.option_texts[question.options.index(option)]}"
    return f"{letter}. {t(f'study.q.{question.id}.{option}')}"


def describe(question: RoundQuestion, option: str | None) -> str:
    """Texts for the downloads, in the teacher's language (``classround.export``)."""
    if option is None:
        return t(f"study.q.{question.id}")
    return t(f"study.q.{question.id}.{option}")
