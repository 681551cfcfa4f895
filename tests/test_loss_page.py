"""The loss lesson (pages/2_loss_lesson.py) through AppTest: each bullet of issue 4."""

import json
import math

import numpy as np
import pytest
from scipy.special import softmax as scipy_softmax
from scipy.stats import entropy as scipy_entropy

from tests.apptest import answer, assert_clean, open_page, texts
from ui.lessons.loss.charts import loss_curve_chart
from ui.questions import for_lesson
from ui.strings.loss import EN, ZH


def metric(at, label_start: str) -> str:
    """The value of the first metric whose label starts with ``label_start``."""
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def metrics(at, label_start: str) -> list[str]:
    return [m.value for m in at.metric if m.label.startswith(label_start)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_runs_clean_in_both_languages(lang):
    at = open_page("loss", lang=lang)
    assert_clean(at)
    catalog = EN if lang == "en" else ZH
    assert catalog["loss.intro"] in texts(at)
    assert [tab.label for tab in at.tabs] == [
        catalog[f"loss.tab.{name}"] for name in ("curve", "cases", "information", "gradients")
    ]


def test_projection_mode_runs_clean():
    at = open_page("loss", lang="en")
    at.sidebar.toggle(key="present").set_value(True).run()
    assert_clean(at)
    assert metric(at, "Cross-entropy") == "0.357"


def latex(at) -> str:
    return "\n".join(element.value for element in at.latex)


def number_text(value: float, digits: int = 3) -> str:
    """How the page writes a number: ``digits`` decimals, trailing zeros dropped."""
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


# Loss as a function of the true class's probability ---------------------------------------


def test_the_curve_reads_the_worked_examples():
    at = open_page("loss", lang="en")
    ce_curve = metrics(at, "Cross-entropy")[0]
    assert ce_curve == number_text(-math.log(0.7)) == "0.357"
    at.slider(key="loss.p").set_value(0.2).run()
    assert_clean(at)
    assert metrics(at, "Cross-entropy")[0] == number_text(-math.log(0.2)) == "1.609"
    assert r"-\log 0.2 = 1.609" in latex(at)


@pytest.mark.parametrize(
    ("K", "spread", "expected"),
    [
        (3, "one", 0.5 * (0.3**2 + 0.3**2)),  # ŷ = (0.7, 0.3, 0)
        (3, "even", 0.5 * (0.3**2 + 2 * 0.15**2)),  # ŷ = (0.7, 0.15, 0.15)
        (6, "even", 0.5 * (0.3**2 + 5 * 0.06**2)),
    ],
)
def test_the_squared_error_depends_on_K_and_the_spread(K, spread, expected):
    at = open_page("loss", lang="en", K=K, spread=spread, p=0.7)
    assert_clean(at)
    assert at.slider(key="loss.K").value == K
    assert metrics(at, "Squared error")[0] == number_text(expected)
    assert metrics(at, "Cross-entropy")[0] == "0.357"  # cross-entropy ignores the spread


def test_the_curve_chart_marks_both_examples():
    spec = str(
        loss_curve_chart(
            np.linspace(0.01, 1, 5), np.ones(5), np.ones(5), [(0.7, 0.3567), (0.2, 1.6094)], 0.5
        ).to_dict()
    )
    assert "p = 0.7 → 0.357" in spec and "p = 0.2 → 1.609" in spec


# Two predictions, same class, same cross-entropy ------------------------------------------


def test_the_course_cases_same_cross_entropy_different_squared_error():
    at = open_page("loss", lang="en")
    ce_case1, ce_case2 = metrics(at, "Cross-entropy")[1:3]
    se_case1, se_case2 = metrics(at, "Squared error")[1:3]
    assert ce_case1 == ce_case2 == number_text(-math.log(0.6)) == "0.511"
    assert (se_case1, se_case2) == ("0.12", "0.16")
    assert EN["loss.cases.same"].format(ce="0.511", se1="0.12", se2="0.16") in texts(at)


def test_editing_a_case_updates_both_losses_and_the_sentence():
    at = open_page("loss", lang="en")
    at.text_input(key="loss.pred2").input("0.3, 0.3, 0.4").run()
    assert_clean(at)
    assert metrics(at, "Cross-entropy")[2] == number_text(-math.log(0.4))
    assert metrics(at, "Squared error")[2] == number_text(0.5 * (0.09 + 0.09 + 0.36))
    assert EN["loss.cases.different"].format(p1="0.6", p2="0.4") in texts(at)


def test_probabilities_not_summing_to_one_are_refused_and_can_be_normalised():
    at = open_page("loss", lang="en")
    at.text_input(key="loss.pred").input("0.2, 0.2, 0.5").run()
    assert_clean(at)
    assert EN["loss.prob.sum"].format(total="0.9") in [e.value for e in at.error]
    # The last valid case is still shown: no number computed from the bad input.
    assert metrics(at, "Squared error")[1] == "0.12"
    at.button(key="pred_rescale").click().run()
    assert at.text_input(key="loss.pred").value == "0.2222, 0.2222, 0.5556"
    assert not at.error
    assert metrics(at, "Cross-entropy")[1] == number_text(-math.log(0.5 / 0.9))


def test_negative_probabilities_are_refused():
    at = open_page("loss", lang="zh")
    at.text_input(key="loss.pred").input("-0.2, 0.6, 0.6").run()
    assert_clean(at)
    assert ZH["loss.prob.negative"].format(value="-0.2") in [e.value for e in at.error]
    assert metrics(at, "交叉熵")[1] == "0.511"
    at.button(key="pred_rescale").click().run()
    assert at.text_input(key="loss.pred").value == "0, 0.5, 0.5"


def test_text_that_is_not_numbers_keeps_the_last_valid_case():
    at = open_page("loss", lang="en")
    at.text_input(key="loss.pred2").input("0.1, abc").run()
    assert_clean(at)
    assert any("abc" in e.value for e in at.error)
    assert metrics(at, "Squared error")[2] == "0.16"


def test_a_zero_on_the_true_class_is_infinite_cross_entropy_not_a_crash():
    at = open_page("loss", lang="en", pred="0.5, 0.5, 0")
    assert_clean(at)
    assert metrics(at, "Cross-entropy")[1] == "∞"
    assert metrics(at, "Squared error")[1] == number_text(0.5 * (0.25 + 0.25 + 1))


def test_the_true_class_is_one_based_and_checked():
    at = open_page("loss", lang="en", true=1)
    assert_clean(at)
    # Class 1 of (0.2, 0.2, 0.6) has probability 0.2; of (0, 0.4, 0.6) it has 0.
    assert metrics(at, "Cross-entropy")[1:3] == [number_text(-math.log(0.2)), "∞"]
    at = open_page("loss", lang="en", true=5)
    assert_clean(at)
    assert EN["loss.cases.true_missing"].format(count=3, true=5) in [e.value for e in at.error]
    assert EN["loss.triangle.no_true"] in texts(at)
    assert EN["loss.grad.true_missing"].format(K=3, true=5) in [e.value for e in at.error]


# The loss over the probability triangle ---------------------------------------------------


def test_the_triangle_shows_both_heatmaps_and_reads_the_picked_point():
    at = open_page("loss", lang="en")
    charts = at.get("vega_lite_chart")
    assert len(charts) == 6  # curve, two triangles, die, gradient bars, saturation
    at.text_input(key="loss.point").input("0.2, 0.2, 0.6").run()
    assert_clean(at)
    assert metrics(at, "Cross-entropy")[3] == "0.511"
    assert metrics(at, "Squared error")[3] == "0.12"
    at.text_input(key="loss.point").input("0.3, 0.3").run()  # two classes: not a triangle point
    assert metrics(at, "Squared error")[3] == "0.12"


def test_the_picked_point_comes_from_the_link():
    at = open_page("loss", lang="en", true=1, point="0.5, 0.25, 0.25")
    assert_clean(at)
    assert metrics(at, "Cross-entropy")[3] == number_text(-math.log(0.5))
    assert metrics(at, "Squared error")[3] == number_text(0.5 * (0.25 + 0.0625 * 2))


# Entropy, cross-entropy and KL -------------------------------------------------------------


def test_the_die_example_against_scipy():
    P, Q = np.full(6, 1 / 6), np.array([0.3, 0.1, 0.15, 0.15, 0.15, 0.15])
    at = open_page("loss", lang="en")
    expected = (scipy_entropy(P), scipy_entropy(P) + scipy_entropy(P, Q), scipy_entropy(P, Q))
    shown = (metric(at, "H(P)"), metric(at, "H(P, Q)"), metric(at, "KL(P‖Q)"))
    assert shown == tuple(number_text(v) for v in expected) == ("1.792", "1.849", "0.057")
    assert r"= 1.849 \;=\; H(P) + \mathrm{KL}(P\|Q) = 1.792 + 0.057 = 1.849" in latex(at)
    assert r"\checkmark" in latex(at)


def test_bits():
    P, Q = np.full(6, 1 / 6), np.array([0.3, 0.1, 0.15, 0.15, 0.15, 0.15])
    at = open_page("loss", lang="en", units="bits")
    assert_clean(at)
    assert metric(at, "H(P)") == number_text(scipy_entropy(P, base=2))
    assert metric(at, "KL(P‖Q)") == number_text(scipy_entropy(P, Q, base=2))


def test_edited_distributions_and_their_problems():
    at = open_page("loss", lang="en")
    at.text_input(key="loss.Q").input("0, 0.2, 0.2, 0.2, 0.2, 0.2").run()
    assert_clean(at)
    assert metric(at, "H(P, Q)") == "∞" and metric(at, "KL(P‖Q)") == "∞"
    assert EN["loss.info.infinite"] in texts(at)
    at.text_input(key="loss.Q").input("0.5, 0.5").run()
    assert EN["loss.info.length"].format(p=6, q=2) in [e.value for e in at.error]
    at.text_input(key="loss.P").input("0.25, 0.75").run()
    assert_clean(at)
    assert metric(at, "KL(P‖Q)") == number_text(scipy_entropy([0.25, 0.75], [0.5, 0.5]))
    at.text_input(key="loss.P").input("1, 1").run()
    assert EN["loss.prob.sum"].format(total="2") in [e.value for e in at.error]


# The derivation and the gradients -----------------------------------------------------------


def test_the_derivation_substitutes_the_current_logits():
    at = open_page("loss", lang="en")
    o = np.array([2.0, 0.0, -2.0])
    lse = np.log(np.sum(np.exp(o)))
    assert rf"= {number_text(lse, 4)} - (-2) = {number_text(lse + 2, 4)}" in latex(at)
    y_hat = scipy_softmax(o)
    ce_grad = y_hat - [0, 0, 1]
    assert ", ".join(number_text(v) for v in ce_grad) in latex(at)


def test_dragging_a_logit_moves_both_gradient_vectors():
    at = open_page("loss", lang="en")
    at.slider(key="loss.o3").set_value(3.0).run()
    assert_clean(at)
    o = np.array([2.0, 0.0, 3.0])
    y = np.array([0.0, 0.0, 1.0])
    ce_grad = scipy_softmax(o) - y

    def squared(z):
        return 0.5 * np.sum((scipy_softmax(z) - y) ** 2)

    step = 1e-6
    se_grad = np.array(
        [(squared(o + step * e) - squared(o - step * e)) / (2 * step) for e in np.eye(3)]
    )
    assert ", ".join(number_text(v) for v in ce_grad) in latex(at)
    assert ", ".join(number_text(v) for v in se_grad) in latex(at)
    assert metric(at, "‖∇ cross-entropy‖") == number_text(np.linalg.norm(ce_grad))
    assert metric(at, "‖∇ squared error‖") == number_text(np.linalg.norm(se_grad))


def test_the_logits_follow_K_and_the_link():
    at = open_page("loss", lang="en", K=5, o4="-3.5")
    assert_clean(at)
    logits = [s.key for s in at.slider if s.key.startswith("loss.o")]
    assert logits == ["loss.o1", "loss.o2", "loss.o3", "loss.o4", "loss.o5"]
    assert at.slider(key="loss.o4").value == -3.5


def test_saturation_is_explained():
    at = open_page("loss", lang="zh")
    assert ZH["loss.grad.saturation_caption"] in texts(at)
    assert ZH["loss.grad.saturation_intro"].format(
        K=3, spread="全部给一个类别", p="0.016"
    ) in texts(at)


# URL parameters -----------------------------------------------------------------------------


def test_a_link_reproduces_the_view():
    at = open_page(
        "loss", lang="en", K=4, true=2, p=0.35, pred="0.1, 0.6, 0.3", units="bits", o1="1.5"
    )
    assert_clean(at)
    assert at.slider(key="loss.K").value == 4
    assert at.number_input(key="loss.true").value == 2
    assert at.slider(key="loss.p").value == 0.35
    assert at.text_input(key="loss.pred").value == "0.1, 0.6, 0.3"
    assert at.slider(key="loss.o1").value == 1.5
    assert metrics(at, "Cross-entropy")[1] == number_text(-math.log(0.6))


@pytest.mark.parametrize(
    ("name", "value"), [("K", "99"), ("p", "abc"), ("true", "0"), ("o2", "1e9")]
)
def test_bad_link_values_are_reported_and_ignored(name, value):
    at = open_page("loss", lang="en", **{name: value})
    assert_clean(at)
    assert any(f"`{name}`" in w.value and value in w.value for w in at.warning)


# Where a reveal shows its answer; texts that follow the page's own numbers -------------


@pytest.mark.parametrize("question", for_lesson("loss"), ids=lambda question: question.id)
def test_a_reveal_opens_the_tab_that_shows_the_answer_and_scrolls_to_it(question):
    at = open_page("loss", lang="en")
    assert at.session_state["loss.tab"] == EN["loss.tab.curve"]
    answer(at, question)
    assert_clean(at)
    assert question.where == f"loss.tab.{question.tab}"
    assert at.session_state["loss.tab"] == EN[question.where]
    tab = at.query_params.get("tab")
    assert (tab[0] if isinstance(tab, list) else tab) == (
        None if question.tab == "curve" else question.tab
    )
    targets = [
        json.loads(element.proto.json)["target"]
        for element in at.get("bidi_component")
        if element.proto.component_name == "softmax_explorer.reveal_scroll"
    ]
    assert targets == ["loss.tab"]


def test_a_link_opens_the_loss_tab_it_names():
    at = open_page("loss", lang="zh", tab="information")
    assert_clean(at)
    assert at.session_state["loss.tab"] == ZH["loss.tab.information"]


def test_the_cases_text_uses_the_probabilities_on_screen():
    at = open_page("loss", lang="en")
    assert EN["loss.cases.intro"].format(true=3, p="0.6") in texts(at)
    at = open_page("loss", lang="en", pred="0.3, 0.2, 0.5", pred2="0.1, 0.4, 0.5")
    assert_clean(at)
    assert EN["loss.cases.intro"].format(true=3, p="0.5") in texts(at)
    assert "0.6" not in EN["loss.cases.intro"].format(true=3, p="0.5")
    at = open_page("loss", lang="zh", true=1, pred="0.3, 0.2, 0.5", pred2="0.1, 0.4, 0.5")
    assert ZH["loss.cases.intro_different"].format(true=1, p1="0.3", p2="0.1") in texts(at)
    at = open_page("loss", lang="en", true=4)  # no class 4 in three probabilities
    assert EN["loss.cases.intro_missing"].format(true=4) in texts(at)


@pytest.mark.parametrize(
    ("true", "vector"),
    [(3, r"\left(0.3, 0, 0.7\right)"), (1, r"\left(0.7, 0.3, 0\right)")],
)
def test_the_curves_prediction_puts_p_at_the_true_class_chosen_above(true, vector):
    at = open_page("loss", lang="en", K=3, spread="one", p=0.7, true=true)
    assert_clean(at)
    assert vector in latex(at)
    assert EN["loss.curve.prediction"].format(K=3, true=true) in texts(at)


def test_a_true_class_beyond_K_is_said_in_the_curves_prediction():
    at = open_page("loss", lang="en", K=3, spread="one", p=0.7, true=5)
    assert_clean(at)
    assert r"\left(0.7, 0.3, 0\right)" in latex(at)
    assert EN["loss.curve.true_beyond"].format(K=3, true=5) in texts(at)
