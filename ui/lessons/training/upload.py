"""A person's own data file: the uploader, the file kept across a visit to another page, and
the guard that says a file over the size limit was not loaded (upload_guard.js, .css)."""

from pathlib import Path

import streamlit as st

from ui.i18n import plain, t
from ui.lessons.training.state import UPLOAD, UPLOAD_GUARD, TrainingState

_GUARD_HTML = '<span class="sx-upload-guard"></span>'
_GUARD_CSS = Path(__file__).with_name("upload_guard.css").read_text(encoding="utf-8")
_GUARD_JS = Path(__file__).with_name("upload_guard.js").read_text(encoding="utf-8")
_GUARD = st.components.v2.component(
    "softmax_explorer.upload_guard",
    html=_GUARD_HTML,
    css=_GUARD_CSS,
    js=_GUARD_JS,
    isolate_styles=False,
)


def file_upload() -> bytes | None:
    """The uploader, and the file's bytes: the one just loaded, or else the last one kept
    (Streamlit's uploader is empty again after a visit to another page, and the student's
    data and its run must not go with it)."""
    state = TrainingState()
    file = st.file_uploader(
        t("training.upload"),
        type=["csv", "txt"],
        key=UPLOAD,
        help=t("training.csv_help"),
        on_change=_file_changed,
    )
    upload = file.getvalue() if file is not None else None
    _size_guard(file.file_id if file is not None else None)
    if file is not None:
        state.keep_file(file.name, upload)
    elif (kept := state.kept_file()) is not None:
        name, upload = kept
        st.caption(t("training.csv.kept_file", name=plain(name)))
        st.button(
            t("training.csv.forget_file"), icon=":material/delete:", on_click=state.forget_file
        )
    return upload


def _file_changed() -> None:
    """The person emptied the uploader (×): their file is gone on purpose."""
    state = TrainingState()
    if state.uploader_emptied():
        state.forget_file()


def upload_limit() -> int:
    """The largest upload in bytes (``server.maxUploadSize`` megabytes, as Streamlit counts)."""
    return int(st.get_option("server.maxUploadSize")) * 1024 * 1024


def _refused() -> None:
    """The guard's trigger: a file over the limit was chosen while another was loaded."""
    sent = TrainingState().guard_refused()
    if not isinstance(sent, dict):
        return
    name, size = sent.get("name"), sent.get("size")
    if not isinstance(name, str) or isinstance(size, bool) or not isinstance(size, int | float):
        return  # not what the guard sends: ignored
    TrainingState().refuse(name[:200], float(size))


def _size_guard(file_id: str | None) -> None:
    """Say, in the page's language, that a file over the size limit was not loaded (the
    browser keeps it from the server: upload_guard.js); the message goes as soon as
    another file is loaded, or the uploader is emptied."""
    state = TrainingState()
    state.note_loaded_file(file_id)
    limit = upload_limit()
    _GUARD(key=UPLOAD_GUARD, data={"target": UPLOAD, "limit": limit}, on_refused_change=_refused)
    refused = state.refused(file_id)
    if refused is not None:
        st.error(
            t(
                "training.csv.too_large",
                name=plain(refused["name"]),
                size=_megabytes(refused["size"]),
                limit=_megabytes(limit),
            ),
            icon=":material/error:",
        )


def _megabytes(size: float) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
