"""The multi-label lesson through AppTest: each bullet of issue #6, the link, bad input."""

import math

import numpy as np
import pytest
from scipy.special import expit
from scipy.special import softmax as scipy_softmax
from sklearn.metrics import accuracy_score, hamming_loss, precision_recall_fscore_support
from streamlit.testing.v1 import AppTest

from core import multilabel as ml
from tests.apptest import assert_clean, open_page, texts
from ui.i18n import CATALOGS

EN = CATALOGS["en"]
SMALL = {"n": 60, "epochs": 20}  # small data and short runs keep each test quick


def _metric(at, label, nth=0):
    return [metric.value for metric in at.metric if metric.label == label][nth]


def _table(at):
    return at.table[0].value


def _expected_table(n, L, overlap, seed, lr, epochs, l2=0.0, sigmoid_thr=0.5, softmax_sets=None):
    """Train independently of the page (core only), score with scikit-learn."""
    X, Y = ml.make_multilabel(n, L, overlap, seed)
    F = ml.features(X)
    run = ml.advance(ml.start(F, Y, l2=l2), F, Y, learning_rate=lr, n_epochs=epochs, l2=l2)
    P = {name: ml.probabilities(F, *run.params[name], model=name) for name in ml.MODELS}
    sets = {
        "softmax": softmax_sets(P["softmax"])
        if softmax_sets
        else (P["softmax"] >= 0.5).astype(float),
        "sigmoid": (P["sigmoid"] >= sigmoid_thr).astype(float),
    }
    columns = {}
    for name, Y_hat in sets.items():
        precision, recall, f1, _ = precision_recall_fscore_support(
            Y, Y_hat, average=None, zero_division=0
        )
        values = [accuracy_score(Y, Y_hat), hamming_loss(Y, Y_hat)]
        for label in range(L):
            values += [precision[label], recall[label], f1[label]]
        columns[name] = values
    return columns


def _assert_table_matches(at, expected):
    table = _table(at)
    for column, name in zip(table.columns, ("softmax", "sigmoid"), strict=True):
        shown = [float(value) for value in table[column]]
        np.testing.assert_allclose(shown, expected[name], atol=6e-4)


# --- one example first ----------------------------------------------------------------------


def test_the_example_shows_softmax_competing_and_sigmoids_independent():
    at = open_page("multilabel", lang="en", **SMALL)
    assert_clean(at)
    assert EN["multilabel.scene_caption"] in texts(at)
    # Defaults (2, 1.5, 1): all three sigmoids pass 0.5, softmax only the dog.
    assert _metric(at, EN["multilabel.softmax_sum"]) == "1"
    assert _metric(at, EN["multilabel.above_half"], 0) == "1"
    assert _metric(at, EN["multilabel.above_half"], 1) == "3"
    assert _metric(at, EN["multilabel.sigmoid_sum"]) == "2.4294"
    assert math.isclose(expit([2, 1.5, 1]).sum(), 2.4294, abs_tol=5e-5)

    # Two labels sure of themselves: sigmoids give both ~0.95, softmax can give neither > 0.5.
    at.slider(key="multilabel.dog").set_value(3.0)
    at.slider(key="multilabel.person").set_value(3.0)
    at.slider(key="multilabel.car").set_value(-1.0).run()
    assert_clean(at)
    expected = scipy_softmax([3, 3, -1])
    assert _metric(at, EN["multilabel.above_half"], 0) == "0"
    assert _metric(at, EN["multilabel.above_half"], 1) == "2"
    shown = texts(at)
    assert f"{expected[0]:.3f}" in shown  # 0.491 twice: the best softmax can do is < ½ each
    assert "0.953" in shown and math.isclose(expit(3), 0.9526, abs_tol=1e-4)


# --- the data -------------------------------------------------------------------------------


def test_the_data_settings_come_from_the_link_and_the_counts_are_right():
    at = open_page("multilabel", lang="en", L=4, n=120, overlap=0.8, seed=5, epochs=10)
    assert_clean(at)
    assert at.slider(key="multilabel.L").value == 4
    assert at.slider(key="multilabel.n").value == 120
    assert at.slider(key="multilabel.overlap").value == 0.8
    assert at.number_input(key="multilabel.seed").value == 5
    _, Y = ml.make_multilabel(120, 4, 0.8, 5)
    per_point = Y.sum(axis=1)
    assert np.all(per_point >= 1)
    one, two, more = (np.sum(per_point == 1), np.sum(per_point == 2), np.sum(per_point >= 3))
    assert f"Points with 1 label: **{one}** · 2 labels: **{two}** · 3 or more: **{more}**" in texts(
        at
    )
    # The table has one precision / recall / F1 row per label.
    assert len(_table(at)) == 2 + 3 * 4


def test_changing_the_data_retrains_and_keeps_the_page_clean():
    at = open_page("multilabel", lang="en", **SMALL)
    before = _table(at).copy()
    at.slider(key="multilabel.L").set_value(5).run()
    assert_clean(at)
    assert len(_table(at)) == 2 + 3 * 5
    at.slider(key="multilabel.overlap").set_value(0.0).run()
    assert_clean(at)
    # At overlap 0 no point carries two labels: the picker says so.
    assert EN["multilabel.no_multi"] in texts(at)
    assert not _table(at).equals(before)


# --- the two models, their training, and the metrics ----------------------------------------


def test_the_metrics_table_matches_an_independent_run_scored_by_scikit_learn():
    at = open_page("multilabel", lang="en", n=80, L=3, overlap=0.7, seed=2, lr=0.3, epochs=50)
    assert_clean(at)
    assert _metric(at, EN["multilabel.epoch"]) == "50 / 50"
    _assert_table_matches(at, _expected_table(80, 3, 0.7, 2, 0.3, 50))


def test_thresholds_and_the_softmax_rule_change_the_predicted_sets():
    at = open_page("multilabel", lang="en", n=80, seed=1, epochs=50)
    for key in ("thr1", "thr2", "thr3"):
        at.slider(key=f"multilabel.{key}").set_value(0.8)
    at.run()
    at.segmented_control(key="multilabel.rule").set_value("topk").run()
    at.slider(key="multilabel.k").set_value(2).run()
    assert_clean(at)
    assert at.query_params["rule"] in (["topk"], "topk")

    def top_two(P):
        return ml.predict_top_k(P, 2)

    expected = _expected_table(80, 3, 0.7, 1, 1.0, 50, sigmoid_thr=0.8, softmax_sets=top_two)
    _assert_table_matches(at, expected)


def test_reset_step_and_play_drive_both_models():
    at = open_page("multilabel", lang="en", **SMALL)
    X, Y = ml.make_multilabel(60, 3, 0.7, 0)
    start = ml.start(ml.features(X), Y)
    at.button(key="multilabel.reset").click().run()
    assert _metric(at, EN["multilabel.epoch"]) == "0 / 20"
    # At W = 0: softmax costs log 3, three sigmoids at ½ cost 3 log 2.
    assert _metric(at, EN["multilabel.model.softmax"]) == f"{start.history[0, 1]:.4f}"
    assert _metric(at, EN["multilabel.model.sigmoid"]) == f"{3 * math.log(2):.4f}"
    at.button(key="multilabel.step").click().run()
    assert _metric(at, EN["multilabel.epoch"]) == "1 / 20"
    at.button(key="multilabel.play").click().run()
    assert_clean(at)
    assert _metric(at, EN["multilabel.epoch"]) == "2 / 20"
    for _ in range(25):
        at.run()
    # Play stops by itself at the chosen number of epochs, without an error.
    assert _metric(at, EN["multilabel.epoch"]) == "20 / 20"
    assert at.button(key="multilabel.play").label == EN["training.live.play"]
    assert_clean(at)
    assert not at.error


def test_a_changed_learning_rate_shows_the_run_it_leads_to():
    at = open_page("multilabel", lang="en", **SMALL)
    first = _metric(at, EN["multilabel.model.sigmoid"])
    at.select_slider(key="multilabel.lr").set_value(0.1).run()
    assert _metric(at, EN["multilabel.epoch"]) == "20 / 20"
    assert _metric(at, EN["multilabel.model.sigmoid"]) != first


def test_both_loss_curves_and_the_softmax_floor_are_explained():
    at = open_page("multilabel", lang="en", **SMALL)
    _, Y = ml.make_multilabel(60, 3, 0.7, 0)
    counts = Y.sum(axis=1)
    floor = np.mean(np.log(counts))  # mean entropy of uniform targets over k labels
    assert f"cannot fall below {floor:.3f}" in texts(at)


# --- one point up close ---------------------------------------------------------------------


def test_the_point_picker_offers_points_with_two_labels_and_shows_both_models():
    at = open_page("multilabel", lang="en", **SMALL)
    _, Y = ml.make_multilabel(60, 3, 0.7, 0)
    several = [str(i) for i in np.flatnonzero(Y.sum(axis=1) >= 2)]
    picker = at.selectbox(key="multilabel.point")
    names = np.array(["dog", "person", "car"])
    assert list(picker.options) == [f"#{i} · {' + '.join(names[Y[int(i)] == 1])}" for i in several]
    picker.set_value(several[-1]).run()
    assert_clean(at)
    shown = texts(at)
    assert EN["multilabel.point_header"].format(index=several[-1]) in shown
    assert "Softmax + cross-entropy predicts" in shown
    assert "(outputs sum to 1)" in shown


def _chart_click_app():
    # Runs as its own script: everything it needs is imported inside.
    from types import SimpleNamespace

    import numpy as np
    import streamlit as st

    from ui import urlstate
    from ui.lessons.multilabel import controls as view

    Y = np.array([[1, 0], [1, 1], [0, 1]], dtype=float)
    st.session_state.setdefault("lang", "en")
    clicked = st.session_state.get("clicked_index")
    if clicked is not None:
        st.session_state["chart"] = SimpleNamespace(selection={"pick": [{"index": clicked}]})
        view.pick_from_chart("chart", Y)
    st.write(urlstate.value("point", "none"))


@pytest.mark.parametrize(("clicked", "picked"), [(1, "1"), (0, "none")])
def test_clicking_a_point_with_two_labels_picks_it(clicked, picked):
    at = AppTest.from_function(_chart_click_app)
    at.session_state["clicked_index"] = clicked
    at.run()
    assert at.markdown[0].value == picked


# --- links and bad input --------------------------------------------------------------------


def test_bad_link_values_are_reported_and_defaults_kept():
    at = open_page("multilabel", lang="en", L=9, lr="abc", thr1="2", rule="argmax", n=60)
    assert_clean(at)
    warnings = " ".join(warning.value for warning in at.warning)
    for value in ("9", "abc", "2", "argmax"):
        assert f"`{value}`" in warnings
    assert at.slider(key="multilabel.L").value == 3
    assert at.select_slider(key="multilabel.lr").value == 1.0
    assert at.slider(key="multilabel.thr1").value == 0.5


def test_a_remembered_k_or_label_beyond_a_smaller_l_is_pulled_back():
    at = open_page("multilabel", lang="en", L=5, rule="topk", k=5, label=5, **SMALL)
    assert at.slider(key="multilabel.k").value == 5
    at.slider(key="multilabel.L").set_value(2).run()
    assert_clean(at)
    assert at.slider(key="multilabel.k").value == 2
    assert at.segmented_control(key="multilabel.label").value == "1"


def test_the_page_speaks_chinese():
    at = open_page("multilabel", lang="zh", **SMALL)
    assert_clean(at)
    shown = texts(at)
    zh = CATALOGS["zh"]
    assert zh["multilabel.example_header"] in shown
    assert "softmax 最多只能让一个标签超过 0.5" in shown
    assert list(_table(at).columns) == [
        zh["multilabel.model.softmax"],
        zh["multilabel.model.sigmoid"],
    ]
    assert zh["multilabel.metric.subset"] in list(_table(at).index)


def test_a_page_run_stopped_before_its_run_was_kept_starts_the_run_again():
    """A run of the page stopped by a newer one noted the settings but not the run made for
    them: the next run makes it (it raised KeyError 'multilabel.run' in a tick before)."""
    at = open_page("multilabel", lang="en")
    del at.session_state["multilabel.run"]
    at.run()
    assert_clean(at)
    assert "multilabel.run" in at.session_state


@pytest.mark.parametrize("section", ["example", "data", "models", "why"])
def test_a_link_to_a_section_scrolls_there_and_keeps_it_in_the_url(section):
    at = open_page("multilabel", lang="en", section=section, **SMALL)
    assert_clean(at)
    assert at.query_params["section"] == section
    assert at.session_state["multilabel.section"] == section
    # The scroll to the section's container was asked for and served on this run.
    assert "reveal.scroll_request" not in at.session_state
    at.slider(key="multilabel.dog").set_value(3.0).run()
    assert at.query_params["section"] == section  # still the link to that view


def test_a_link_to_no_section_is_refused_with_a_message():
    at = open_page("multilabel", lang="zh", section="<b>nowhere</b>", **SMALL)
    assert_clean(at)
    warnings = " ".join(warning.value for warning in at.warning)
    assert "`<b>nowhere</b>`" in warnings
    assert "section" not in at.query_params
