"""The images lesson in AppTest: steps lower the loss, Reset starts over, the page's run is
core's, the 2×2 example's numbers, the calibration numbers, and bad links refused."""

import json
import math

import numpy as np
import pytest

import core
from tests.apptest import assert_clean, open_page, texts
from ui import process
from ui.i18n import CATALOGS

EN, ZH = CATALOGS["en"], CATALOGS["zh"]


def _metric(at, label: str) -> str:
    return next(metric.value for metric in at.metric if metric.label == label)


def _step(at, times=1):
    for _ in range(times):
        at.button(key="images.step").click().run()
    return at


def _captions(at) -> list[str]:
    return [caption for element in at.get("image") for caption in element.captions]


def _run(at) -> core.ImageRun:
    return at.session_state["images.run"]


def test_steps_lower_the_loss_and_reset_starts_over():
    at = open_page("images", lang="en", tab="train")
    assert_clean(at)
    assert _metric(at, EN["images.step"]) == "0"
    assert float(_metric(at, EN["images.train_loss"])) == pytest.approx(math.log(10), abs=1e-4)
    _step(at, 3)
    assert_clean(at)
    assert _metric(at, EN["images.step"]) == "3"
    assert float(_metric(at, EN["images.train_loss"])) < math.log(10) - 0.1
    at.button(key="images.reset").click().run()
    assert_clean(at)
    assert _metric(at, EN["images.step"]) == "0"


def test_play_trains_a_batch_on_every_run_and_pause_keeps_it():
    at = open_page("images", lang="en", tab="train", spf=2)
    at.button(key="images.play").click().run()
    assert_clean(at)
    assert _run(at).steps == 2 * process.CHUNK_ON_PAGE_RUN
    at.button(key="images.play").click().run()  # Pause
    at.run()
    assert _metric(at, EN["images.step"]) == str(2 * process.CHUNK_ON_PAGE_RUN)


def test_the_page_trains_exactly_what_core_trains():
    at = open_page("images", lang="en", tab="train", lr=0.2, batch=64, l2=0.001, seed=3, spf=5)
    _step(at, 2)
    data = core.image_data(*core.fashion_mnist(), n_classes=10)
    expected = core.advance_run(
        core.start_run(data, seed=3), data, n_steps=10, learning_rate=0.2, batch_size=64, l2=0.001
    )
    np.testing.assert_array_equal(_run(at).W, expected.W)
    np.testing.assert_array_equal(_run(at).b, expected.b)


def test_the_notes_2x2_example_shows_o_equals_wx_plus_b():
    at = open_page("images", lang="en", tab="toy", x1=0.9, x2=0.8, x3=0.2, x4=0.1, epochs=100)
    assert_clean(at)
    X, y = core.make_toy_images(8, 0.1, seed=0)
    result = core.fit(X, y, 3, learning_rate=1.0, n_epochs=100)
    o = core.single_image_logits(result.W.T, np.array([0.9, 0.8, 0.2, 0.1]), result.b)
    formula = next(latex.value for latex in at.latex if "W\\ (3\\times 4)" in latex.value)
    for value in o:
        assert f"{value:.3f}".rstrip("0") in formula
    p = core.softmax(o)
    assert np.argmax(p) == 0  # a bright top row: 狗 (dog)
    assert EN["images.toy.verdict"].format(name="dog", p=f"{p[0]:.3f}".rstrip("0")) in texts(at)
    assert EN["images.toy.shapes"] in texts(at)


def test_the_untrained_toy_gives_one_third_each():
    at = open_page("images", lang="zh", tab="toy", epochs=0)
    assert_clean(at)
    assert ZH["images.toy.verdict"].format(name="狗", p="0.333") in texts(at)


def test_calibration_numbers_after_ten_epochs():
    at = open_page("images", lang="en", tab="calibration")
    assert_clean(at)
    assert EN["images.cal.untrained"] in texts(at)
    at.button(key="images.train_now").click().run()
    assert_clean(at)
    assert _run(at).steps == 200
    # docs/course.md §9, and tests/test_core_calibration.py.
    assert _metric(at, EN["images.cal.ece_plain"]) == "0.110"
    assert _metric(at, EN["images.cal.best_T"]) == "0.68"
    assert _metric(at, EN["images.cal.accuracy_all"]) == "0.812"
    assert EN["images.cal.verdict.under"].format(T="0.68") in texts(at)
    at.button(key="images.use_best").click().run()
    assert at.slider(key="images.T").value == pytest.approx(0.68)
    assert _metric(at, EN["images.cal.ece"]) == "0.031"
    assert _metric(at, EN["images.cal.accuracy_all"]) == "0.812"  # T never changes the class


def test_the_reliability_diagram_draws_its_diagonal():
    """The diagonal a calibrated model sits on is a layer of two inline points, which
    Altair keeps among the spec's datasets: drawing the spec with the run's tables must keep
    them (they were dropped, and the diagonal was not drawn)."""
    at = open_page("images", lang="en", tab="calibration", present="true")
    chart = next(c for c in at.get("vega_lite_chart") if "layer" in json.loads(c.proto.spec))
    layers = json.loads(chart.proto.spec)["layer"]
    diagonal = next(layer for layer in layers if layer["mark"]["type"] == "line")
    assert diagonal["data"]["name"] in [dataset.name for dataset in chart.proto.datasets]


def test_a_projected_calibration_link_opens_on_the_trained_model():
    """Issue #12: on the projector the link opens the view of the slides' 6.2 at once, with
    the model the tab's button trains (the same numbers as above), and says so."""
    at = open_page("images", lang="en", tab="calibration", present="true")
    assert_clean(at)
    assert _run(at).steps == 200
    assert EN["images.cal.untrained"] not in texts(at)
    assert EN["images.cal.trained_for_view"].format(steps=200) in [c.value for c in at.caption]
    assert _metric(at, EN["images.cal.ece_plain"]) == "0.110"
    assert _metric(at, EN["images.cal.best_T"]) == "0.68"


@pytest.mark.parametrize("present", ["false", "true"])
def test_a_tab_link_trains_with_the_training_settings_it_names(present):
    """The other tabs train with the training tab's settings: a link's, also before the
    training tab (where their widgets are) was ever opened."""
    link = {"lr": "0.5", "batch": "64", "l2": "0.001", "seed": "3"}
    at = open_page("images", lang="en", tab="calibration", present=present, **link)
    if present == "false":
        at.button(key="images.train_now").click().run()
    assert_clean(at)
    data = core.image_data(*core.fashion_mnist(), n_classes=10)
    expected = core.advance_run(
        core.start_run(data, seed=3), data, n_steps=200, learning_rate=0.5, batch_size=64, l2=0.001
    )
    np.testing.assert_array_equal(_run(at).W, expected.W)
    for name, value in link.items():
        assert at.query_params[name] == value, name  # the link stays a link to this view


def test_one_image_up_close():
    at = open_page("images", lang="en", tab="image", img=7)
    at.button(key="images.train_now").click().run()
    assert_clean(at)
    data = core.image_data(*core.fashion_mnist(), n_classes=10)
    z, p = core.image_details(data.X_test[7], _run(at).W, _run(at).b)
    name = EN[f"images.class.{data.y_test[7]}"]
    assert EN["images.image.true"].format(index=7, name=name) in _captions(at)
    top = EN[f"images.class.{int(np.argmax(p))}"]
    assert EN["images.image.matched"].format(name=top) in _captions(at)
    assert any(f"{z.max():.4f}".rstrip("0") in latex.value for latex in at.latex)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_link_values_are_refused_with_a_message(lang):
    at = open_page(
        "images", lang=lang, tab="train", lr="fast", batch="7", l2="-1", spf="nan", seed="1.5"
    )
    assert_clean(at)
    warnings = " ".join(warning.value for warning in at.warning)
    for value in ("fast", "7", "-1", "nan", "1.5"):
        assert f"`{value}`" in warnings
    catalog = CATALOGS[lang]
    assert catalog["error.bad_query_param"].split("{")[0] in warnings
    assert at.select_slider(key="images.lr").value == 0.1
    assert at.select_slider(key="images.batch").value == "256"
    assert _metric(at, catalog["images.step"]) == "0"


def test_bad_values_on_the_other_tabs_are_refused():
    for tab, params, key, default in (
        ("toy", {"x1": "2", "epochs": "abc"}, "images.x1", 0.9),
        ("image", {"img": "5000"}, "images.img", 0.0),
        ("calibration", {"T": "-1"}, "images.T", 1.0),
    ):
        at = open_page("images", lang="en", tab=tab, **params)
        assert_clean(at)
        warnings = " ".join(warning.value for warning in at.warning)
        for value in params.values():
            assert f"`{value}`" in warnings, (tab, value)
        widget = at.slider(key=key) if tab != "image" else at.number_input(key=key)
        assert widget.value == default
    at = open_page("images", lang="en", tab="nowhere")
    assert_clean(at)
    assert "`nowhere`" in " ".join(warning.value for warning in at.warning)


def test_the_page_speaks_chinese():
    at = open_page("images", lang="zh", tab="train")
    assert_clean(at)
    shown = texts(at)
    assert ZH["images.train.intro"] in shown
    assert ZH["images.mistakes.untrained"] in shown
