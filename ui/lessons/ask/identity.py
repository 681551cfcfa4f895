"""A student's id for a round, kept by the browser (identity.js): the same student after a
reload or after the server process they were on died and the page reconnected elsewhere.

The server makes the id (``classround.service.new_student_id``: 128 random bits) and the
browser keeps it per round code; what the browser sends back is checked for the id's form
only, since an id of another student's cannot be guessed (and would only let its holder
change that student's answer). With storage disabled the id lives for the server session.
"""

import re
from pathlib import Path

import streamlit as st

KEY = "ask.round.identity"
_WELL_FORMED = re.compile(r"[A-Za-z0-9_-]{16,64}")
_IDENTITY_CSS = Path(__file__).with_name("identity.css").read_text(encoding="utf-8")
_IDENTITY_JS = Path(__file__).with_name("identity.js").read_text(encoding="utf-8")
_COMPONENT = st.components.v2.component(
    "softmax_explorer.round_identity",
    html='<span class="sx-round-identity"></span>',
    css=_IDENTITY_CSS,
    js=_IDENTITY_JS,
    isolate_styles=False,
)


def keep(room: str, proposed: str, adopt) -> None:
    """Place the component: the browser keeps ``proposed`` for ``room``, or hands back the
    id it kept before, which ``adopt(room, id)`` makes this session's."""

    def received() -> None:
        sent = st.session_state.get(KEY)
        value = sent.get("id") if isinstance(sent, dict) else None
        if isinstance(value, str) and _WELL_FORMED.fullmatch(value):
            adopt(room, value)

    _COMPONENT(
        key=KEY,
        data={"room": room, "proposed": proposed},
        on_id_change=received,
    )
