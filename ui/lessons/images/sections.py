"""The images lesson's sections, one function each, in the page's order: the notes' 2×2
image, Fashion-MNIST trained live (its canvas and panels in ``live_view``), one test image up
close, and whether the outputs are probabilities."""

import numpy as np
import streamlit as st

import core
from core.images import SIDE
from ui import charts, formula, live, reveal, stage, study, urlstate
from ui.formula import number
from ui.i18n import t
from ui.lessons.images import charts as pictures
from ui.lessons.images import controls, live_view, toy_charts
from ui.lessons.images.state import STATE
from ui.questions import by_id
from ui.shell import is_present

TABS = {
    "toy": "images.tab.toy",
    "train": "images.tab.train",
    "image": "images.tab.image",
    "calibration": "images.tab.calibration",
}
# Questions whose answer shows only on a trained model: the reveal trains this many steps
# (10 epochs of d2l's batch 256) from W = 0 with the question's settings.
TRAINED_REVEALS = {"lowest_class": 200, "best_t": 200}
TOY_LEARNING_RATE = 1.0
GALLERY_PER_CLASS = 2
MISTAKES = 8


@st.cache_resource
def fashion() -> core.ImageData:
    """The shipped subset as the trainer uses it, once per process (read-only, shared)."""
    return core.image_data(*core.fashion_mnist(), n_classes=core.images.CLASS_COUNT)


@st.cache_data(max_entries=4)
def toy_images() -> tuple[np.ndarray, np.ndarray]:
    return core.make_toy_images(8, 0.1, seed=0)


@st.cache_data(max_entries=64)
def toy_trained(n_epochs: int) -> tuple[np.ndarray, np.ndarray]:
    X, y = toy_images()
    result = core.fit(X, y, 3, learning_rate=TOY_LEARNING_RATE, n_epochs=n_epochs)
    return result.W, result.b


PRETRAIN_STEPS = 200  # what a tab that needs a trained model trains first: 10 epochs


def train_now(steps: int = PRETRAIN_STEPS) -> None:
    """A button for a tab that needs a trained model: train ``steps`` steps with the
    training tab's settings (10 epochs at batch 256), then show them."""
    st.button(
        t("images.train_now", steps=steps),
        key="images.train_now",
        on_click=lambda: STATE.forget_run(pretrain=steps, settings=controls.held_training()),
    )


def trained_now(data: core.ImageData, steps: int = PRETRAIN_STEPS) -> core.ImageRun:
    """The run trained ``steps`` steps with the training tab's settings, as the button
    ``train_now`` would (a new run of the same seed: the same for every link)."""
    STATE.forget_run(pretrain=steps, settings=controls.held_training())
    return STATE.run(data, controls.held_seed())


def class_names() -> tuple[str, ...]:
    return tuple(t(f"images.class.{k}") for k in range(core.images.CLASS_COUNT))


def reveal_answer(state: dict) -> None:
    """Show a question's answer: its settings, and for a question about a trained model a
    new run trained ``TRAINED_REVEALS`` steps with them, paused."""
    for name, value in state.items():
        urlstate.set_value(name, value)
    live.Loop("images").pause()
    trained = [
        steps
        for question_id, steps in TRAINED_REVEALS.items()
        if (question := by_id(question_id)) is not None and question.reveal == state
    ]
    if trained:
        settings = {
            "learning_rate": state["lr"],
            "batch_size": int(state["batch"]),
            "l2": state["l2"],
        }
        STATE.forget_run(pretrain=trained[0], settings=settings)


def intro() -> None:
    st.title(t("nav.images"))
    st.markdown(t("images.intro"))
    study.questions_section("images", on_reveal=reveal_answer)


def toy() -> None:
    """The notes' 2×2 image: its pixels, ``o = Wx + b`` with the notes' 3 × 4 W, the
    logits and probabilities of 狗 / 猫 / 鸡, and W's rows as 2×2 templates."""
    names = tuple(t(f"images.toy.class.{k}") for k in range(3))
    if is_present():
        x, W_rows, b = _toy_on_one_screen(names)
    else:
        st.markdown(t("images.toy.intro"))
        left, right = st.columns([1, 2], gap="large")
        with left:
            x = controls.toy_pixels()
            _toy_image(x, 140)
        with right:
            n_epochs = controls.toy_epochs()
            W_rows, b = _toy_templates(names, n_epochs, 80)
    o = core.single_image_logits(W_rows, x, b)
    p = core.softmax(o)
    formula.show(
        r"\underbrace{\begin{bmatrix} $o \end{bmatrix}}_{o}"
        r" = \underbrace{\begin{bmatrix} $W \end{bmatrix}}_{W\ (3\times 4)}"
        r" \begin{bmatrix} $x \end{bmatrix} + \begin{bmatrix} $b \end{bmatrix}",
        o=_column(o),
        W=r" \\ ".join(" & ".join(formula.latex_number(v, 2) for v in row) for row in W_rows),
        x=_column(x),
        b=_column(b),
    )
    if not is_present():
        _toy_outputs(names, o, p)
    st.info(t("images.toy.shapes"), icon=":material/swap_horiz:")
    study.code_expander(
        [core.single_image_logits, core.make_toy_images, core.fit],
        r"o_k = x_1 w_{k1} + x_2 w_{k2} + x_3 w_{k3} + x_4 w_{k4} + b_k,\qquad"
        r" W_{\text{notes}} = W^\top",
    )


def _toy_on_one_screen(names) -> tuple:
    """Projection mode: the pixels and the epochs beside the image, W's rows and the
    outputs, on one screen; what the templates are, and the formula, below. ``(x, W, b)``."""
    words, picture, _ = stage.split("images.stage.toy", (2, 3), lead=t("images.toy.intro"))
    with words:
        x = controls.toy_pixels()
        n_epochs = controls.toy_epochs()
    with picture:
        image, templates = st.columns([1, 2])
        with image:
            _toy_image(x, 160)
        with templates:
            W_rows, b = _toy_templates(names, n_epochs, 90, caption=False)
    o = core.single_image_logits(W_rows, x, b)
    p = core.softmax(o)
    with picture:
        _toy_outputs(names, o, p, verdict=False)
    with words:
        top = int(np.argmax(p))
        st.markdown(t("images.toy.verdict", name=names[top], p=number(p[top], 3)))
    st.markdown(t("images.toy.templates", epochs=n_epochs))
    return x, W_rows, b


def _toy_image(x, side: int) -> None:
    """The 2×2 image; a click on a pixel turns it black or white (the sliders follow)."""
    # A new key after each click: a click on the pixel selected last must count again.
    key = f"images.toy_image.{st.session_state.get(_TOY_CLICKS, 0)}"

    def flip() -> None:
        index = pictures.picked(st.session_state[key], len(x))
        if index is not None:
            controls.flip_pixel(index)
            st.session_state[_TOY_CLICKS] = st.session_state.get(_TOY_CLICKS, 0) + 1

    charts.show_spec(
        toy_charts.toy_pixels_spec(side),
        {"pixels": toy_charts.toy_pixels_data(x)},
        width="content",
        key=key,
        on_select=flip,
        selection_mode=pictures.PICK,
    )
    if not is_present():  # the hall's view has no line to spare
        st.caption(t("images.toy.click_hint"))


_TOY_CLICKS = "images.toy_clicks"


def _toy_templates(names, n_epochs: int, side: int, *, caption: bool = True) -> tuple:
    """W's rows after ``n_epochs`` as 2×2 pictures of ``side`` pixels: ``(W (3, 4), b)``,
    the notes' W, K × d."""
    W, b = toy_trained(n_epochs)
    W_rows = W.T
    if caption:
        st.markdown(t("images.toy.templates", epochs=n_epochs))
    charts.show_spec(
        toy_charts.toy_templates_spec(names, side),
        {"weights": toy_charts.toy_templates_data(W_rows, names)},
        width="content",
    )
    return W_rows, b


def _toy_outputs(names, o, p, *, verdict: bool = True) -> None:
    pictures.show_outputs(names, o, p, 120)
    if verdict:
        top = int(np.argmax(p))
        st.markdown(t("images.toy.verdict", name=names[top], p=number(p[top], 3)))


def _column(values) -> str:
    return r" \\ ".join(formula.latex_number(v, 3) for v in values)


def train(loop: live.Loop) -> None:
    """Fashion-MNIST trained live: the settings, Play / Pause / Step / Reset, the templates,
    the curves, the confusion matrix and per-class accuracy, the surest mistakes."""
    data, names = fashion(), class_names()
    if is_present():
        _train_on_one_screen(loop, data, names)
    else:
        st.markdown(t("images.train.intro"))
        settings = controls.training_settings()
        live.controls(loop, on_reset=lambda: STATE.start_over(data, settings.seed))
        st.caption(t("images.train.keys"))
        live_view.show(loop, data, names, settings)
    study.code_expander(
        [core.advance_run, core.template_levels, core.record_run],
        r"W \leftarrow W - \alpha\Big(\tfrac{1}{m} X_B^\top(\hat Y_B - Y_B) + \lambda W\Big),"
        r"\quad \text{template}_k = W_{:,k} \in \mathbb{R}^{28\times 28}",
    )
    mistakes(data, names, STATE.run(data, controls.held_seed()))


def _train_on_one_screen(loop: live.Loop, data: core.ImageData, names) -> None:
    """Projection mode (issue #12): Play / Step / Reset with the settings in a closed panel
    beside them, the templates beside the epoch, losses and accuracies, on one screen; the
    curves, the confusion matrix and the words under it."""
    view = stage.view(live_view.VIEW)
    below = st.container()
    with below:
        st.markdown(t("images.train.intro"))
        st.caption(t("images.train.keys"))
    with view:
        buttons, panel = st.columns([3, 2], gap="large", vertical_alignment="center")
        with panel.popover(t("training.settings_panel"), icon=":material/settings:"):
            settings = controls.training_settings(in_panel=True)
        with buttons:
            live.controls(loop, on_reset=lambda: STATE.start_over(data, settings.seed))
        live_view.show(loop, data, names, settings, below=below)


def mistakes(data: core.ImageData, names: tuple[str, ...], run: core.ImageRun) -> None:
    """The test images the model gets wrong with the highest confidence; a click opens one
    in the "One image" tab."""
    st.subheader(t("images.mistakes.header"))
    if run.steps == 0:
        st.caption(t("images.mistakes.untrained"))
        return
    P = core.softmax(core.image_logits(data.X_test, run.W, run.b))
    wrong = core.confident_mistakes(P, data.y_test, MISTAKES)
    captions = [
        t(
            "images.mistakes.caption",
            true=names[data.y_test[i]],
            predicted=names[int(np.argmax(P[i]))],
            p=f"{P[i].max():.2f}",
        )
        for i in wrong
    ]
    gallery(data, wrong, captions, key="images.mistakes", columns=MISTAKES, open_tab=True)
    st.caption(t("images.mistakes.note", step=run.steps))
    study.code_expander([core.confident_mistakes, core.confusion_matrix, core.per_class_accuracy])


def gallery(data, indices, captions, *, key, columns, open_tab=False) -> None:
    """Test images in a clickable grid: a click picks the image for "One image"."""
    size, cell = (84, 150) if is_present() else (56, 100)
    shown = [pictures.grey_picture(data.X_test[i], SIDE, 2) for i in indices]

    def pick() -> None:
        index = pictures.picked(st.session_state[key], len(data.y_test))
        if index is not None:
            controls.pick_image(index)
            if open_tab:
                live.Loop("images").pause()
                reveal.open_tab("images", "image")

    charts.show_spec(
        pictures.gallery_spec(columns, -(-len(indices) // columns), size, cell),
        {"images": pictures.gallery_data(shown, captions, indices, columns)},
        width="content",
        key=key,
        on_select=pick,
        selection_mode=pictures.PICK,
    )


def one_image(data: core.ImageData, names: tuple[str, ...], run: core.ImageRun) -> None:
    """A test image up close: the picture, the template it matched, its logits and
    probabilities, and ``z_k = x · w_k + b_k`` with the numbers."""
    st.markdown(t("images.image.intro"))
    index = controls.image_index()
    by_class = [
        int(i)
        for k in range(len(names))
        for i in np.flatnonzero(data.y_test == k)[:GALLERY_PER_CLASS]
    ]
    gallery(
        data,
        by_class,
        [names[data.y_test[i]] for i in by_class],
        key="images.gallery",
        columns=5 if is_present() else len(names),
    )
    x = data.X_test[index]
    z, p = core.image_details(x, run.W, run.b)
    top = int(np.argmax(p))
    factor = 9 if is_present() else 6
    left, middle, right = st.columns([1, 1, 3])
    left.image(
        pictures.grey_picture(x, SIDE, factor),
        caption=t("images.image.true", index=index, name=names[data.y_test[index]]),
    )
    levels, _ = core.template_levels(run.W, SIDE)
    middle.image(
        pictures.template_pictures(levels[top : top + 1], factor)[0],
        caption=t("images.image.matched", name=names[top]),
    )
    with right:
        pictures.show_outputs(names, z, p, 300)
    pixels = x.astype(np.float64)
    formula.show(
        r"z_{$k} = x \cdot W_{:,$k} + b_{$k} = $dot + ($b) = $z,\qquad"
        r" \hat y_{$k} = \frac{e^{z_{$k}}}{\sum_j e^{z_j}} = $p",
        k=str(top),
        dot=float(pixels @ run.W[:, top]),
        b=float(run.b[top]),
        z=float(z[top]),
        p=float(p[top]),
    )
    if run.steps == 0:
        st.caption(t("images.image.untrained"))
        train_now()
    study.code_expander(
        [core.image_details], r"z = x W + b,\quad \hat y = \operatorname{softmax}(z)"
    )
