"""The training lesson's widgets: the data, how gradient descent runs, and which map shows.

Every setting a link should reproduce is a ``ui.urlstate`` widget named by its URL parameter
(``K``, ``n``, ``spread``, ``seed``, ``split``, ``lr``, ``batch``, ``l2``, ``loss``,
``speed``), held in session state as ``training.<name>``.
"""

import hashlib
from dataclasses import dataclass

import streamlit as st

from core import LOSSES
from ui import live, process, urlstate
from ui.gd import GradientDescent
from ui.i18n import CATALOGS, current_language, t
from ui.lessons.training.upload import file_upload
from ui.shell import is_present

LEARNING_RATES = (
    0.001,
    0.002,
    0.005,
    0.01,
    0.02,
    0.05,
    0.1,
    0.2,
    0.5,
    1.0,
    2.0,
    5.0,
    10.0,
    20.0,
    50.0,
    100.0,
)
L2_STRENGTHS = (0.0, 0.0001, 0.001, 0.01, 0.1, 1.0)
BATCHES = ("full", "128", "32", "8")
# Epochs a second (``?speed=``): below ``process.FPS`` a frame is one epoch and frames come
# slower, slow enough to talk over; above it each frame trains several epochs.
SPEEDS = (1, 2, 5, 10, 30, 60, 150, 300, 600)
DEFAULT_SPEED = 60  # one epoch a display frame, alone on the server (ui/process.py)
MAX_ROWS = 10_000
SOURCES = ("blobs", "file", "text")


@dataclass(frozen=True)
class DataSettings:
    K: int
    n: int
    spread: float
    seed: int
    split: float
    upload: bytes | None  # the raw file or pasted text, when the source is not blobs
    max_rows: int = MAX_ROWS
    source: str = "blobs"


@dataclass(frozen=True)
class TrainingSettings:
    descent: GradientDescent  # its learning rate is the URL's ``lr``, its batch size ``batch``
    loss: str
    speed: int = DEFAULT_SPEED  # epochs a second

    @property
    def epochs_per_frame(self) -> int:
        """Epochs one frame (and one Step) trains."""
        return max(1, round(self.speed / process.FPS))

    @property
    def frame_rate(self) -> float | None:
        """Frames a second the speed asks for, when it is slower than the usual pace."""
        return float(self.speed) if self.speed < process.FPS else None


def _labels(prefix: str, **fixed: str):
    """A ``format_func`` showing ``t(prefix + code)`` in the language of this run.

    The catalog is taken now: AppTest calls a choice widget's ``format_func`` outside the
    script run, where ``t`` cannot see the session's language.
    """
    catalog = CATALOGS[current_language()]
    return lambda code: fixed.get(code) or catalog[f"{prefix}{code}"]


SETTINGS = "training.settings"  # the "settings on the page" toggle's key
# What a person or a link chose (kept apart from the toggle's own state, which Streamlit
# drops while the person is on another page); until then the mode decides.
_SETTINGS_CHOSEN = "training.settings_chosen"


def settings_on_page() -> bool:
    """The toggle between the settings on the page (open panels above the live view) and
    the settings out of the way (two closed panels beside Play), ``?settings=shown|hidden``.
    Until a person or a link chooses, it follows the mode: shown, hidden in projection mode,
    where the live view must fit one screen."""
    mode_default = not is_present()
    linked = urlstate.link_value("settings", _SETTINGS_TEXT.__getitem__, "shown / hidden")
    if linked is not None:
        st.session_state[_SETTINGS_CHOSEN] = linked
    chosen = st.session_state.get(_SETTINGS_CHOSEN)
    wanted = chosen if isinstance(chosen, bool) else mode_default
    held = st.session_state.get(SETTINGS)
    if held is not None and not isinstance(held, bool):  # a modified browser's value
        urlstate.report_bad_value("settings", held, "true / false")
    if held is not wanted:
        st.session_state[SETTINGS] = wanted
    shown = st.toggle(
        t("training.settings_on_page"),
        key=SETTINGS,
        help=t("training.settings_on_page_help"),
        on_change=_choose_settings,
    )
    urlstate.finish("settings", shown, mode_default, lambda on: "shown" if on else "hidden")
    return shown


def _choose_settings() -> None:
    st.session_state[_SETTINGS_CHOSEN] = st.session_state.get(SETTINGS) is True


_SETTINGS_TEXT = {"shown": True, "hidden": False}


def settings_boxes(on_page: bool, above, beside) -> tuple:
    """Where the data and the gradient-descent settings go: open panels in ``above``, or
    the two tabs of one closed panel (a popover) in ``beside``, which keeps the Play row
    one line long at 1280 pixels wide in either language."""
    if on_page:
        return (
            above.expander(t("training.data_header"), expanded=True, icon=DATA_ICON),
            above.expander(t("training.settings_header"), expanded=True, icon=DESCENT_ICON),
        )
    panel = beside.popover(t("training.settings_panel"), icon=":material/settings:")
    return tuple(panel.tabs([t("training.data_header"), t("training.settings_header")]))


DATA_ICON, DESCENT_ICON = ":material/scatter_plot:", ":material/tune:"


def data_settings(box, on_page: bool = True) -> DataSettings:
    """The data widgets (in ``box``: an open panel on the page, or a closed one); returns
    their values."""
    with box:
        source = urlstate.choice(
            st.segmented_control,
            t("training.source"),
            SOURCES,
            key="training.source",
            default="blobs",
            format_func=_labels("training.source."),
        )
        # Five across on the page; in a closed panel (a popover, narrower) three and two.
        columns = st.columns(5) if on_page else [*st.columns(3), *st.columns(3)]
        with columns[0]:
            K = urlstate.slider(
                t("training.K"), 2, 10, 3, 1, key="K", integer=True, disabled=source != "blobs"
            )
        with columns[1]:
            n = urlstate.slider(
                t("training.n"), 5, 1000, 100, 5, key="n", integer=True, disabled=source != "blobs"
            )
        with columns[2]:
            spread = urlstate.slider(
                t("training.spread"), 0.1, 3.0, 1.0, 0.1, key="spread", disabled=source != "blobs"
            )
        with columns[3]:
            seed = urlstate.integer_input(
                t("training.seed"), 0, 999_999, 0, key="seed", help=t("training.seed_help")
            )
        with columns[4]:
            split = urlstate.slider(
                t("training.split"), 0.0, 0.5, 0.2, 0.05, key="split", help=t("training.split_help")
            )
        upload = None
        if source == "file":
            upload = file_upload()
        elif source == "text":
            text = st.text_area(
                t("training.paste"),
                key="training.paste",
                persist_state="session",  # a student's pasted data outlives a page switch
                placeholder="x1,x2,label\n0.5,1.2,0\n-1.0,0.3,1",
                help=t("training.csv_help"),
            )
            upload = text.encode("utf-8") if text.strip() else None
        if source != "blobs" and upload is None:
            st.info(t("training.csv_waiting"), icon=":material/upload_file:")
    return DataSettings(
        int(K), int(n), float(spread), int(seed), float(split), upload, source=source
    )


def training_settings(box, on_page: bool = True) -> TrainingSettings:
    """The gradient-descent widgets (in ``box``, as in ``data_settings``); changing them
    mid-run goes on from where the run is."""
    with box:
        if on_page:
            columns = [*st.columns([3, 3, 2]), *st.columns([3, 3, 2])]
        else:  # in a closed panel: the batch sizes' row across, the rest two by two
            rate, speed = st.columns(2)
            batch_row = st.container()
            columns = [rate, batch_row, *st.columns(2), speed]
        with columns[0]:
            lr = urlstate.number_choice_slider(
                t("training.lr"), LEARNING_RATES, 0.1, key="lr", help=t("training.lr_help")
            )
        with columns[1]:
            batch = urlstate.choice(
                st.segmented_control,
                t("training.batch"),
                BATCHES,
                key="batch",
                default="full",
                format_func=_labels("training.batch.", **{size: size for size in BATCHES[1:]}),
                help=t("training.batch_help"),
            )
        with columns[3]:
            l2 = urlstate.number_choice_slider(
                t("training.l2"), L2_STRENGTHS, 0.0, key="l2", help=t("training.l2_help")
            )
        with columns[2]:
            loss = urlstate.choice(
                st.radio,
                t("training.loss"),
                tuple(LOSSES),
                key="loss",
                default="cross_entropy",
                format_func=_labels("training.loss."),
                horizontal=True,
            )
        with columns[4]:
            speed = urlstate.number_choice_slider(
                t("training.speed"),
                SPEEDS,
                DEFAULT_SPEED,
                key="speed",
                help=t("training.speed_help"),
            )
    return TrainingSettings(
        descent=GradientDescent(
            learning_rate=float(lr),
            batch_size=None if batch == "full" else int(batch),
            l2=float(l2),
        ),
        loss=loss,
        speed=int(speed),
    )


def probability_class(class_names) -> int | None:
    """The switch between the argmax map and one class's probability map, and the class:
    a setting, ``?map=<class index>`` (left out for the argmax map)."""
    options = list(range(len(class_names)))
    # One widget per set of classes: a kept widget would go on showing an old class's name
    # in the browser ("a" when the classes became 0 … 3) while the map showed class 0.
    names = hashlib.sha256("\0".join(map(str, class_names)).encode()).hexdigest()[:12]
    class_key = f"training.prob_class.{names}"
    linked = urlstate.link_value(
        "map", urlstate.number_parser(0, options[-1], integer=True), f"0 … {options[-1]}"
    )
    if linked is not None:
        st.session_state[MAP], st.session_state[class_key] = True, linked
    columns = st.columns([3, 2])  # the switch beside the class to show, its label whole
    show_one = columns[0].toggle(
        t("training.probability_map"),
        key=MAP,
        help=t("training.probability_map_help"),
        on_change=live.changed,
        persist_state="session",  # still on after a visit to another lesson
    )
    shown = None
    if show_one:
        shown = columns[1].selectbox(
            t("training.probability_class"),
            options,
            key=class_key,
            format_func=lambda k: class_names[k],
            on_change=live.changed,
            persist_state="session",
            placeholder=t("shell.choose"),
        )
    urlstate.finish("map", shown, None)
    return shown


MAP = "training.prob_map"  # the probability map's switch
