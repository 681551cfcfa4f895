"""The Ask page's own session state, behind one object (the package convention).

- the teacher's round: its code and secret, held in this browser session only (never in a
  link, never in the browser's storage, never on the projected page unless the teacher
  opens "Teacher key");
- the student's side: the opaque id this session answers with in each round (random, no
  name, no address; the browser keeps it per round, ``identity.py``), the round it joined,
  and what the page last drew of it (question number and phase), so the live check knows
  when to redraw;
- a rate-limit client id for this session, and a message the page keeps showing.
"""

import secrets
from dataclasses import dataclass

import streamlit as st

from classround.service import new_student_id

_TEACHER = "ask.round.teacher"
_STUDENT = "ask.round.student"
_CLIENT = "ask.round.client"
_JOINED = "ask.round.joined"
_DRAWN = "ask.round.drawn"
_FAILED = "ask.round.failed"
_MESSAGE = "ask.round.message"
_REVEALED = "ask.revealed.{}"


@dataclass(frozen=True)
class Teaching:
    code: str
    secret: str


class AskState:
    # ---------------------------------------------------------------- the solo question

    def revealed(self, question_id: str) -> bool:
        return bool(st.session_state.get(_REVEALED.format(question_id), False))

    def set_revealed(self, question_id: str, revealed: bool) -> None:
        st.session_state[_REVEALED.format(question_id)] = revealed

    # ---------------------------------------------------------------- the teacher

    @property
    def teaching(self) -> Teaching | None:
        held = st.session_state.get(_TEACHER)
        if isinstance(held, dict) and isinstance(held.get("code"), str):
            return Teaching(held["code"], str(held.get("secret", "")))
        return None

    def teach(self, code: str, secret: str) -> None:
        st.session_state[_TEACHER] = {"code": code, "secret": secret}
        st.session_state.pop(_JOINED, None)

    def stop_teaching(self) -> None:
        st.session_state.pop(_TEACHER, None)

    # ---------------------------------------------------------------- a student

    def student(self, room: str) -> str:
        """This session's opaque student id in round ``room``, made on first use (or the
        one this browser kept for the round, once it has handed it back: ``adopt``)."""
        ids = st.session_state.setdefault(_STUDENT, {})
        if room not in ids:
            ids[room] = new_student_id()
        return ids[room]

    def adopt(self, room: str, student: str) -> None:
        st.session_state.setdefault(_STUDENT, {})[room] = student

    @property
    def joined(self) -> str | None:
        return st.session_state.get(_JOINED)

    def join(self, code: str) -> None:
        st.session_state[_JOINED] = code
        st.session_state.pop(_FAILED, None)

    def leave(self) -> None:
        st.session_state.pop(_JOINED, None)
        st.session_state.pop(_DRAWN, None)

    @property
    def failed(self) -> tuple[str, str, dict] | None:
        """The refused room code of the link, and the message for it: (raw, key, values)."""
        return st.session_state.get(_FAILED)

    def fail(self, raw: str, key: str, **values) -> None:
        st.session_state[_FAILED] = (raw, key, values)

    @property
    def drawn(self) -> tuple[int, str] | None:
        return st.session_state.get(_DRAWN)

    def set_drawn(self, seq: int, phase: str) -> None:
        st.session_state[_DRAWN] = (seq, phase)

    # ---------------------------------------------------------------- shared

    @property
    def client(self) -> str:
        """This session's name for the rate limit (random: it says nothing about anyone)."""
        if _CLIENT not in st.session_state:
            st.session_state[_CLIENT] = secrets.token_urlsafe(12)
        return st.session_state[_CLIENT]

    def say(self, kind: str, key: str, **values) -> None:
        """A message for the next runs (``kind``: error, warning, success), until replaced."""
        st.session_state[_MESSAGE] = (kind, key, values)

    def take_message(self) -> tuple[str, str, dict] | None:
        return st.session_state.pop(_MESSAGE, None)
