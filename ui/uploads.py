"""Uploads bounded per session: how many files a session keeps, and how fast it may send.

Streamlit keeps every file a browser sends in the process's memory until the session ends,
whether or not a widget ever uses it, and hands out upload slots to anyone who asks: one
modified client sent 2 MB to each of 250 slots within 3 s and the process grew by half a
gigabyte (issue #17). Here, once per process:

- a session keeps its ``MAX_FILES`` newest files; an older one is dropped when a newer
  arrives (a page's uploader uses only its latest file, and the lessons keep what they read
  from it themselves, so nobody loses anything they see), which bounds a session's uploads
  to ``MAX_FILES × server.maxUploadSize``;
- a session may send at most ``PER_MINUTE`` files a minute; more is refused with HTTP 429
  before the file is stored. A person choosing files by hand never gets near it.

nginx (deploy/nginx.conf.template) limits the rate per session before the request reaches
Python, so a flood does not even cost the parsing.
"""

import threading
import time
from collections import defaultdict, deque

import streamlit as st
from starlette.exceptions import HTTPException
from streamlit import runtime
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

MAX_FILES = 4
PER_MINUTE = 30
_WINDOW = 60.0

_lock = threading.Lock()
_sent: dict[str, deque] = defaultdict(deque)  # session id → when its recent files arrived
_add_file = MemoryUploadedFileManager.add_file


def json_uploader(label: str, *, key: str, on_change, help: str):
    """A file uploader for a JSON file this app wrote (a record, a lecture plan)."""
    return st.file_uploader(
        label,
        # The MIME type besides the extension: the server then leaves the check to the
        # browser, and a crafted file of another kind gets this page's message, not an error.
        type=["json", "application/json"],
        key=key,
        on_change=on_change,
        help=help,
    )


def _admit(session_id: str, now: float) -> bool:
    """Count one more file for ``session_id`` if its rate allows it."""
    with _lock:
        for other in [s for s, times in _sent.items() if times and now - times[-1] > _WINDOW]:
            del _sent[other]  # sessions quiet for a minute are forgotten
        times = _sent[session_id]
        while times and now - times[0] > _WINDOW:
            times.popleft()
        if len(times) >= PER_MINUTE:
            return False
        times.append(now)
        return True


def _from_the_network(manager: MemoryUploadedFileManager) -> bool:
    """Whether ``manager`` takes files from browsers: it is the running server's own store.
    AppTest keeps a store of its own and adds every test's files to it under one session
    id, whether or not a server was started earlier in the same process."""
    return runtime.exists() and runtime.get_instance().uploaded_file_mgr is manager


def _bounded_add_file(self: MemoryUploadedFileManager, session_id: str, file) -> None:
    if _from_the_network(self) and not _admit(session_id, time.monotonic()):
        raise HTTPException(status_code=429, detail="Too many uploads from this session")
    _add_file(self, session_id, file)
    kept = _session_file_ids(self, session_id)
    for file_id in kept[: max(0, len(kept) - MAX_FILES)]:
        self.remove_file(session_id, file_id)


def _session_file_ids(self: MemoryUploadedFileManager, session_id: str) -> list[str]:
    """The ids of ``session_id``'s stored files, oldest first."""
    with self._lock:
        return list(self.file_storage.get(session_id, {}))


# Streamlit 1.67's in-memory store (tests/test_security.py fails if it changes shape).
MemoryUploadedFileManager.add_file = _bounded_add_file
