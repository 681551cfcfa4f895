"""The images lesson's widgets, every one a ``ui.urlstate`` setting (its URL name in quotes):
the 2×2 image's pixels ``x1`` … ``x4`` and the toy's ``epochs``; the live training's ``lr``,
``batch``, ``l2``, ``spf`` (steps per frame) and ``seed``; the test image ``img``; the
temperature ``T``."""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from ui import urlstate
from ui.i18n import t

TOY_DEFAULT = (0.9, 0.8, 0.2, 0.1)  # a bright top row: a 狗 to the trained toy
TOY_EPOCHS = (0, 300, 100)
LEARNING_RATES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)
BATCH_SIZES = ("16", "32", "64", "128", "256", "1024")
L2_STRENGTHS = (0.0, 0.0001, 0.001, 0.002, 0.005, 0.01, 0.05)
STEPS_PER_FRAME = (1, 2, 5, 10)
N_TEST = 1000
T_RANGE = (0.1, 5.0)


@dataclass(frozen=True)
class Training:
    learning_rate: float
    batch_size: int
    l2: float
    steps_per_frame: int
    seed: int

    @property
    def step_settings(self) -> dict:
        """The keyword arguments of ``core.advance_run`` these settings fix."""
        return {"learning_rate": self.learning_rate, "batch_size": self.batch_size, "l2": self.l2}


def toy_pixels() -> np.ndarray:
    """The four grey levels of the 2×2 image, in two rows of two sliders (as the image)."""
    values = []
    for row in range(2):
        for column, container in enumerate(st.columns(2)):
            index = 2 * row + column
            with container:
                values.append(
                    urlstate.slider(
                        f"x{index + 1}",
                        0.0,
                        1.0,
                        TOY_DEFAULT[index],
                        0.05,
                        key=f"x{index + 1}",
                        help=t("images.toy.pixel_help"),
                    )
                )
    return np.array(values)


def flip_pixel(index: int) -> None:
    """From a callback: pixel ``index`` (0–3) of the 2×2 image turns white if it was darker
    than mid-grey, else black; its slider shows it on the next run."""
    name = f"x{index + 1}"
    held = urlstate.value(name, TOY_DEFAULT[index])
    urlstate.set_value(name, 0.0 if isinstance(held, int | float) and held >= 0.5 else 1.0)


def toy_epochs() -> int:
    lower, upper, default = TOY_EPOCHS
    return urlstate.slider(
        t("images.toy.epochs"), lower, upper, default, 10, key="epochs", integer=True
    )


def training_settings(*, in_panel: bool = False) -> Training:
    """Gradient descent's settings, in one row (in a closed panel, narrower: three and two);
    changing one goes on from where the run is (``live.changed``: the run it causes answers
    a person, see ui/live.py)."""
    columns = [*st.columns(3), *st.columns(3)] if in_panel else st.columns(5)
    with columns[0]:
        learning_rate = urlstate.number_choice_slider(
            t("images.lr"), LEARNING_RATES, 0.1, key="lr", help=t("images.lr_help")
        )
    with columns[1]:
        batch = urlstate.choice(
            st.select_slider, t("images.batch"), BATCH_SIZES, key="batch", default="256"
        )
    with columns[2]:
        l2 = urlstate.number_choice_slider(
            t("images.l2"), L2_STRENGTHS, 0.0, key="l2", help=t("images.l2_help")
        )
    with columns[3]:
        steps = urlstate.number_choice_slider(
            t("images.spf"), STEPS_PER_FRAME, 1, key="spf", help=t("images.spf_help")
        )
    with columns[4]:
        seed = urlstate.integer_input(
            t("images.seed"), 0, 9999, 0, key="seed", help=t("images.seed_help")
        )
    return Training(learning_rate, int(batch), l2, int(steps), seed)


def _one_of(options):
    def parse(raw: str):
        number = float(raw)
        if number not in options:
            raise ValueError(raw)
        return options[list(options).index(number)]

    return parse


def _listed(options):
    def parse(raw: str) -> str:
        if raw not in options:
            raise ValueError(raw)
        return raw

    return parse


def held_training() -> dict:
    """The live training's settings as the other tabs train with them (their widgets are on
    the training tab): the link's, also before that tab was opened."""
    return {
        "learning_rate": float(urlstate.waiting_value("lr", _one_of(LEARNING_RATES), 0.1)),
        "batch_size": int(urlstate.waiting_value("batch", _listed(BATCH_SIZES), "256")),
        "l2": float(urlstate.waiting_value("l2", _one_of(L2_STRENGTHS), 0.0)),
    }


def held_seed() -> int:
    """The seed setting, also where its widget (on the training tab) is not drawn."""
    return int(urlstate.waiting_value("seed", urlstate.number_parser(0, 9999, integer=True), 0))


def image_index() -> int:
    """The test image looked at up close, ``0 … 999``."""
    return urlstate.integer_input(
        t("images.image.index"), 0, N_TEST - 1, 0, key="img", help=t("images.image.index_help")
    )


def temperature() -> float:
    lower, upper = T_RANGE
    return urlstate.slider(
        t("images.cal.T"), lower, upper, 1.0, 0.01, key="T", help=t("images.cal.T_help")
    )


def set_temperature(value: float) -> None:
    """From a callback: the slider shows ``value`` (rounded to its step) on the next run."""
    lower, upper = T_RANGE
    urlstate.set_value("T", float(min(max(round(value, 2), lower), upper)))


def pick_image(index: int) -> None:
    """From a callback: look at test image ``index``."""
    urlstate.set_value("img", float(index))
