"""A light Streamlit client: what a browser tab says to the server, without the browser.

It speaks Streamlit's own protocol over ``/_stcore/stream`` (the websocket with the
``streamlit`` subprotocol): it sends the same ``BackMsg.rerun_script`` messages a browser
sends (query string, page, widget states; auto-reruns for a ``st.fragment(run_every=...)``)
and reads the ``ForwardMsg`` stream the server writes (every delta of every run). The
server does the same work per session as for a browser: the same script runs, the same
deltas are serialized and sent. It does not ask for message caching (a browser sends the
hashes it has cached and gets references back), so it receives slightly more than a
browser: a conservative load. ``bench/bench_load.py`` checks its figures against real
Chromium contexts.
"""

import asyncio
import json
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

RUN_TIMEOUT = 30  # seconds
TICK_TIMEOUT = 5


@dataclass
class Run:
    """One script (or fragment) run as the client saw it."""

    sent: float
    finished: float | None = None
    deltas: int = 0
    exception: bool = False
    frames: int = 0  # animation frames received for the live canvas (ui/lessons/training/player.py)


@dataclass
class Session:
    """One student's tab: a websocket to the server and what it has received."""

    base_url: str
    page: str = ""
    query: str = ""
    cookie: str = ""
    locale: str = "en-US"
    session_id: str = ""
    page_script_hash: str = ""  # the page's, from the server: a browser sends it back
    widgets: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (id, kind)
    fragments: dict[str, str] = field(default_factory=dict)  # widget key → its fragment
    states: dict[str, WidgetState] = field(default_factory=dict)  # id → last state sent
    runs: list[Run] = field(default_factory=list)
    fragment_runs: list[Run] = field(default_factory=list)
    auto_reruns: dict[str, float] = field(default_factory=dict)  # fragment id → interval
    received_bytes: int = 0
    errors: list[str] = field(default_factory=list)
    _socket: object = None
    _reader: asyncio.Task | None = None
    _idle: asyncio.Event = field(default_factory=asyncio.Event)
    _fragment_idle: asyncio.Event = field(default_factory=asyncio.Event)

    async def connect(self) -> None:
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        headers = {"Origin": f"{parts.scheme}://{parts.netloc}"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        self._socket = await websockets.connect(
            f"{scheme}://{parts.netloc}/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=60,
            ping_interval=None,
        )
        self._reader = asyncio.create_task(self._read())
        self._fragment_idle.set()

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            self._reader.cancel()

    def _client_state(self, fragment_id: str = "", auto: bool = False) -> BackMsg:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        # Sent back, as a browser does: a rerun the script asks for (``st.rerun``) from a
        # fragment's run is of the page that request named.
        state.page_script_hash = self.page_script_hash
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        state.context_info.locale = self.locale
        state.context_info.timezone = "UTC"
        state.context_info.url = f"{self.base_url}/{self.page}?{self.query}"
        for widget_state in self.states.values():
            state.widget_states.widgets.append(widget_state)
        return message

    async def rerun(self, **values) -> Run:
        """Send a rerun with these widget values (by key); return when the run finished."""
        triggers = []
        for key, value in values.items():
            widget_id, kind = self.widgets[key]
            widget_state = WidgetState(id=widget_id)
            if kind == "button":
                widget_state.trigger_value = True
                triggers.append(widget_id)
            elif kind in ("select_slider", "multiselect", "button_group") or (
                kind == "slider" and isinstance(value, str)
            ):  # a select slider is a slider whose value is its displayed label
                widget_state.string_array_value.data[:] = [str(value)]  # the displayed label
            elif isinstance(value, str):
                widget_state.string_value = value
            elif isinstance(value, bool):
                widget_state.bool_value = value
            elif isinstance(value, int):
                widget_state.int_value = value
            else:
                widget_state.double_value = float(value)
            self.states[widget_id] = widget_state
        # A widget drawn inside a fragment reruns only that fragment, as in the browser.
        scopes = {self.fragments.get(key, "") for key in values}
        if len(scopes) == 1 and "" not in scopes:
            run = await self._send_fragment_and_wait(scopes.pop())
        else:
            run = await self._send_and_wait(self._client_state())
        for widget_id in triggers:  # a button's trigger lasts one run, as in the browser
            self.states.pop(widget_id, None)
        return run

    async def _send_and_wait(self, message: BackMsg) -> Run:
        run = Run(sent=time.perf_counter())
        self.runs.append(run)
        self._idle.clear()
        await self._socket.send(message.SerializeToString())
        await self._wait(self._idle)
        return run

    async def _send_fragment_and_wait(self, fragment_id: str, *, auto: bool = False) -> Run:
        run = Run(sent=time.perf_counter())
        self.fragment_runs.append(run)
        self._fragment_idle.clear()
        await self._socket.send(self._client_state(fragment_id, auto=auto).SerializeToString())
        # A tick that lands while the page reruns in full (a fragment may ask for that) is
        # merged into that run by the server and gets no answer of its own; the browser's
        # timer just fires again, and so does this client after a few seconds.
        if auto:
            await self._wait(self._fragment_idle, TICK_TIMEOUT, counts_as_error=False)
        else:
            await self._wait(self._fragment_idle)
        return run

    async def _wait(
        self, event: asyncio.Event, timeout: float = RUN_TIMEOUT, *, counts_as_error: bool = True
    ) -> None:
        """Wait for a run to finish; one that never does is counted as an error, not a hang."""
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            if counts_as_error:
                self.errors.append(f"no script_finished within {timeout:g} s")
            event.set()

    async def tick(self, fragment_id: str) -> Run | None:
        """One auto-rerun of a ticking fragment, as the browser's timer for it sends it."""
        if fragment_id not in self.auto_reruns:
            return None
        return await self._send_fragment_and_wait(fragment_id, auto=True)

    async def _read(self) -> None:
        try:
            async for data in self._socket:
                self.received_bytes += len(data)
                message = ForwardMsg()
                message.ParseFromString(data)
                self._handle(message)
        except websockets.ConnectionClosed as error:
            self.errors.append(f"closed: {error}")
        finally:
            self._idle.set()
            self._fragment_idle.set()

    def _current(self) -> Run | None:
        if not self._fragment_idle.is_set() and self.fragment_runs:
            return self.fragment_runs[-1]
        return self.runs[-1] if self.runs else None

    def _handle(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        run = self._current()
        if kind == "new_session":
            self.session_id = message.new_session.initialize.session_id
        elif kind == "navigation":  # st.navigation names the page it ran
            self.page_script_hash = message.navigation.page_script_hash
        elif kind == "delta":
            if run is not None:
                run.deltas += 1
            element = message.delta.new_element
            element_kind = element.WhichOneof("type")
            if element_kind == "exception":
                if run is not None:
                    run.exception = True
                self.errors.append(element.exception.message)
            elif element_kind == "bidi_component" and run is not None:
                data = json.loads(element.bidi_component.json or "{}")
                run.frames += len(data.get("batch", {}).get("epochs", []))
            elif element_kind is not None:
                self._remember_widget(
                    element_kind, getattr(element, element_kind), message.delta.fragment_id
                )
        elif kind == "auto_rerun":
            self.auto_reruns[message.auto_rerun.fragment_id] = message.auto_rerun.interval
        elif kind == "stop_auto_rerun":
            stopped = message.stop_auto_rerun.fragment_ids or list(self.auto_reruns)
            for fragment_id in stopped:
                self.auto_reruns.pop(fragment_id, None)
        elif kind == "script_finished":
            if run is not None:
                run.finished = time.perf_counter()
            if not self._fragment_idle.is_set():
                self._fragment_idle.set()
            else:
                self._idle.set()

    def _remember_widget(self, kind: str, proto, fragment_id: str = "") -> None:
        widget_id = getattr(proto, "id", "")
        if not widget_id.startswith("$$ID-"):
            return
        # Widget ids end with the user's key: "$$ID-<hash>-<key>".
        key = widget_id.split("-", 2)[2] if widget_id.count("-") >= 2 else widget_id
        self.widgets[key] = (widget_id, kind)
        self.fragments[key] = fragment_id


async def open_session(base_url: str, page: str = "", query: str = "", cookie: str = "") -> Session:
    """Connect and run the page once, as a browser opening the link does."""
    session = Session(base_url=base_url, page=page, query=query, cookie=cookie)
    await session.connect()
    await session._send_and_wait(session._client_state())
    return session
