"""The Ask page: one question large for the room, or a class round that everyone answers.

- No round: today's view (pick a question, reveal it on Enter), and below it "start a class
  round" with that question or one of the teacher's own, "join a class round" by code, and
  "I am this round's teacher" to take a round back.
- The teacher's round (this session holds its secret): the question, the QR code and room
  code, the live count, the chart and the reveal on Enter, the next question, the end, the
  downloads.
- ``/ask?room=CODE`` (a student): the current question in the reader's language, the answer
  (changeable until the reveal), then the result; the page follows the projector by itself.

The round lives in ``classround``'s store, shared by every server process.
"""

import streamlit as st

from classround import normalise_code
from ui.i18n import t
from ui.lessons.ask import sections, student, teacher
from ui.lessons.ask.state import AskState


def render() -> None:
    state = AskState()
    st.title(t("ask.title"))
    sections.start_requested(state)  # the lecture plan's "Start the class round"
    sections.show_message(state)
    raw = st.query_params.get(sections.ROOM)
    teaching = state.teaching
    if teaching is not None and (raw is None or normalise_code(raw) == teaching.code):
        teacher.teacher_round(state, teaching)
        return
    if raw is not None:
        code = sections.link_room(state, raw)
        if code is not None:
            student.student_round(state, code)
            return
    question = sections.solo(state)
    sections.start_round(state, question)
    sections.join_form(state)
    sections.resume_form(state)
