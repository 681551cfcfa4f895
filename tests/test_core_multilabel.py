"""core.multilabel: the data, both models against scikit-learn and finite differences, the
prediction rules, and the metrics against scikit-learn's."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.special import expit, log_softmax
from scipy.special import softmax as scipy_softmax
from scipy.stats import entropy
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, hamming_loss, precision_recall_fscore_support

from core import cross_entropy
from core import multilabel as ml

pytestmark = pytest.mark.filterwarnings("error")

STEP = 1e-6


@pytest.fixture(scope="module")
def data():
    X, Y = ml.make_multilabel(120, 3, 0.7, seed=4)
    return ml.features(X), Y


# --- data -----------------------------------------------------------------------------------


@pytest.mark.parametrize("n_labels", range(ml.MIN_LABELS, ml.MAX_LABELS + 1))
def test_every_point_carries_at_least_one_label_and_labels_are_the_discs(n_labels):
    X, Y = ml.make_multilabel(200, n_labels, 0.6, seed=1)
    assert X.shape == (200, 2) and Y.shape == (200, n_labels)
    assert np.all(Y.sum(axis=1) >= 1)
    centres, radius = ml.label_discs(n_labels, 0.6)
    # Recomputed by hand: a point carries label l exactly when it lies in disc l.
    for label, (cx, cy) in enumerate(centres):
        inside = np.hypot(X[:, 0] - cx, X[:, 1] - cy) <= radius
        np.testing.assert_array_equal(Y[:, label], inside)
    np.testing.assert_allclose(np.linalg.norm(centres, axis=1), 1.0)


def test_the_seed_fixes_the_data():
    first, again = ml.make_multilabel(50, 4, 0.5, 7), ml.make_multilabel(50, 4, 0.5, 7)
    np.testing.assert_array_equal(first[0], again[0])
    assert not np.array_equal(first[0], ml.make_multilabel(50, 4, 0.5, 8)[0])


def test_neighbours_touch_at_zero_overlap_and_more_points_share_labels_as_it_grows():
    centres, radius = ml.label_discs(4, 0.0)
    assert math.isclose(2 * radius, np.linalg.norm(centres[0] - centres[1]))
    shares = [
        np.mean(ml.make_multilabel(600, 4, overlap, 0)[1].sum(axis=1) >= 2)
        for overlap in (0.0, 0.4, 0.8)
    ]
    assert shares[0] == 0 and shares[0] < shares[1] < shares[2]
    assert shares[2] > 0.3  # "many points carry two or three labels"


def test_label_counts_counts_rows_by_number_of_labels():
    Y = np.array([[1, 0, 0], [1, 1, 0], [1, 1, 1], [0, 1, 1], [0, 0, 0]], dtype=float)
    np.testing.assert_array_equal(ml.label_counts(Y), [1, 1, 2, 1])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((10, 1, 0.5, 0), "n_labels"),
        ((10, 7, 0.5, 0), "n_labels"),
        ((10, 3, 1.5, 0), "overlap"),
        ((10, 3, -0.1, 0), "overlap"),
        ((0, 3, 0.5, 0), "n_points"),
        ((10, 3, 0.5, -1), "seed"),
    ],
)
def test_bad_data_settings_are_refused(args, message):
    with pytest.raises(ValueError, match=message):
        ml.make_multilabel(*args)


def test_each_disc_is_a_half_space_of_the_features():
    # ‖x − c‖² ≤ ρ²  ⟺  2c·x − ‖x‖² + (ρ² − ‖c‖²) ≥ 0: one linear unit per label is exact.
    X, Y = ml.make_multilabel(300, 5, 0.7, seed=2)
    centres, radius = ml.label_discs(5, 0.7)
    W = np.vstack([2 * centres.T, -np.ones(5)])
    b = radius**2 - np.sum(centres**2, axis=1)
    np.testing.assert_array_equal(ml.logits(ml.features(X), W, b) >= 0, Y == 1)


# --- the softmax model's loss ---------------------------------------------------------------


def test_normalised_targets_share_one_unit_among_the_labels():
    Y = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 1]], dtype=float)
    np.testing.assert_allclose(
        ml.normalised_targets(Y), [[0.5, 0, 0.5], [0, 1, 0], [1 / 3, 1 / 3, 1 / 3]]
    )
    with pytest.raises(ValueError, match="at least one label"):
        ml.normalised_targets(np.array([[1.0, 0.0], [0.0, 0.0]]))


def test_softmax_loss_against_scipy_and_its_one_hot_case():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(6, 4)) * 3
    Y = np.array(
        [[1, 0, 1, 0], [0, 1, 0, 0], [1, 1, 1, 1], [0, 0, 1, 1], [1, 0, 0, 0], [0, 1, 1, 0]]
    )
    T = Y / Y.sum(axis=1, keepdims=True)
    expected = -np.mean(np.sum(T * log_softmax(Z, axis=1), axis=1))
    assert math.isclose(ml.softmax_cross_entropy(Z, Y), expected, rel_tol=1e-12)
    one_hot_rows = Y.sum(axis=1) == 1
    assert math.isclose(
        ml.softmax_cross_entropy(Z[one_hot_rows], Y[one_hot_rows]),
        cross_entropy(Z[one_hot_rows], np.argmax(Y[one_hot_rows], axis=1)),
    )


def test_softmax_loss_at_best_is_the_entropy_of_the_targets_not_zero():
    # With P = T exactly, the cross-entropy is H(T): log 2 for a row with two labels.
    Y = np.array([[1, 1, 0], [1, 1, 1], [0, 0, 1]], dtype=float)
    T = Y / Y.sum(axis=1, keepdims=True)
    Z = np.log(np.where(T > 0, T, 1e-300))
    expected = np.mean([entropy(row) for row in T])
    assert math.isclose(ml.softmax_cross_entropy(Z, Y), expected, rel_tol=1e-9)
    assert math.isclose(expected, (math.log(2) + math.log(3)) / 3)


def test_softmax_loss_is_stable_for_huge_logits():
    Z = np.array([[1000.0, 0.0, 1000.0]])
    Y = np.array([[1.0, 0.0, 1.0]])
    assert math.isclose(ml.softmax_cross_entropy(Z, Y), math.log(2))


def numerical_gradient(f, A):
    G = np.zeros_like(A)
    for index in np.ndindex(A.shape):
        bump = np.zeros_like(A)
        bump[index] = STEP
        G[index] = (f(A + bump) - f(A - bump)) / (2 * STEP)
    return G


@st.composite
def logits_and_multi_hot(draw):
    n, k = draw(st.integers(1, 5)), draw(st.integers(2, 5))
    Z = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(-6, 6)))
    Y = draw(hnp.arrays(np.float64, (n, k), elements=st.sampled_from([0.0, 1.0])))
    Y[np.arange(n), draw(st.integers(0, k - 1))] = 1.0  # every row keeps one label
    return Z, Y


@settings(max_examples=40, deadline=None)
@given(logits_and_multi_hot())
def test_softmax_loss_grad_against_finite_differences(case):
    Z, Y = case
    numeric = numerical_gradient(lambda A: ml.softmax_cross_entropy(A, Y), Z)
    np.testing.assert_allclose(ml.softmax_cross_entropy_grad(Z, Y), numeric, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("model", list(ml.MODELS))
def test_parameter_gradients_against_finite_differences(data, model):
    F, Y = data
    rng = np.random.default_rng(3)
    W, b = rng.normal(size=(3, 3)), rng.normal(size=3)
    grad_W, grad_b = ml.gradients(F, Y, W, b, model=model, l2=0.1)
    assert grad_W.shape == W.shape and grad_b.shape == b.shape
    np.testing.assert_allclose(
        grad_W,
        numerical_gradient(lambda A: ml.objective(F, Y, A, b, model=model, l2=0.1), W),
        rtol=1e-5,
        atol=1e-7,
    )
    np.testing.assert_allclose(
        grad_b,
        numerical_gradient(lambda a: ml.objective(F, Y, W, a, model=model, l2=0.1), b),
        rtol=1e-5,
        atol=1e-7,
    )


def test_outputs_of_each_model(data):
    F, _ = data
    rng = np.random.default_rng(5)
    W, b = rng.normal(size=(3, 3)), rng.normal(size=3)
    Z = F @ W + b
    np.testing.assert_allclose(
        ml.probabilities(F, W, b, model="softmax"), scipy_softmax(Z, axis=1), rtol=1e-12
    )
    np.testing.assert_allclose(ml.probabilities(F, W, b, model="sigmoid"), expit(Z), rtol=1e-12)
    with pytest.raises(ValueError, match="model"):
        ml.probabilities(F, W, b, model="tanh")


# --- training against scikit-learn ----------------------------------------------------------

L2 = 0.02
EPOCHS = 3000


@pytest.fixture(scope="module")
def trained(data):
    F, Y = data
    run = ml.advance(ml.start(F, Y, l2=L2), F, Y, learning_rate=0.5, n_epochs=EPOCHS, l2=L2)
    return F, Y, run


def test_the_sigmoid_model_is_l_independent_logistic_regressions(trained):
    # Ours: (1/n) Σ_i Σ_l bce_il + (l2/2)‖W‖² = Σ_l [(1/n) Σ_i bce_il + (l2/2)‖w_l‖²],
    # one problem per label; sklearn minimises C Σ_i bce_il + ½‖w_l‖², the same minimiser
    # for C = 1/(n · l2). The intercept is unpenalised in both.
    F, Y, run = trained
    W, b = run.params["sigmoid"]
    C = 1 / (len(F) * L2)
    for label in range(Y.shape[1]):
        reference = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(F, Y[:, label])
        np.testing.assert_allclose(W[:, label], reference.coef_[0], atol=1e-4)
        assert math.isclose(b[label], reference.intercept_[0], abs_tol=1e-4)
        np.testing.assert_allclose(
            expit(F @ W[:, label] + b[label]), reference.predict_proba(F)[:, 1], atol=1e-5
        )


def test_the_softmax_model_is_a_weighted_multinomial_regression(trained):
    # −Σ_l T_il log p_il is the one-hot cross-entropy of L copies of row i, copy l labelled
    # l with weight T_il (weights summing to 1 per point), so sklearn's multinomial fit with
    # those sample weights and C = 1/(n · l2) has the same minimiser.
    F, Y, run = trained
    W, b = run.params["softmax"]
    rows, labels = np.nonzero(Y)
    weights = (Y / Y.sum(axis=1, keepdims=True))[rows, labels]
    reference = LogisticRegression(C=1 / (len(F) * L2), tol=1e-12, max_iter=10_000).fit(
        F[rows], labels, sample_weight=weights
    )
    np.testing.assert_allclose(W, reference.coef_.T, atol=1e-4)
    np.testing.assert_allclose(
        scipy_softmax(F @ W + b, axis=1), reference.predict_proba(F), atol=1e-5
    )


def test_a_run_starts_at_zero_and_records_each_objective(data):
    F, Y = data
    run = ml.start(F, Y)
    assert run.epoch == 0 and list(run.params) == list(ml.MODELS)
    # W = 0: softmax is uniform, so its loss is log L; every sigmoid is ½, costing log 2 each.
    np.testing.assert_allclose(run.history, [[0, math.log(3), 3 * math.log(2)]])
    later = ml.advance(
        ml.advance(run, F, Y, learning_rate=0.3, n_epochs=4), F, Y, learning_rate=0.3, n_epochs=3
    )
    assert later.epoch == 7 and later.history.shape == (8, 3)
    np.testing.assert_array_equal(later.history[:, 0], np.arange(8))
    for name in ml.MODELS:
        W, b = ml.fit(F, Y, model=name, learning_rate=0.3, n_epochs=7)
        np.testing.assert_allclose(later.params[name][0], W)
        np.testing.assert_allclose(later.params[name][1], b)
        column = 1 + list(ml.MODELS).index(name)
        assert math.isclose(later.history[-1, column], ml.objective(F, Y, W, b, model=name))
    assert np.all(np.diff(later.history[:, 1:], axis=0) < 0)  # a small step always helps


def test_a_diverging_run_is_reported(data):
    F, Y = data
    with pytest.raises(ValueError, match="diverged"):
        ml.advance(ml.start(F, Y), F, Y, learning_rate=100.0, n_epochs=400, l2=1.0)


# --- prediction rules -----------------------------------------------------------------------


def test_threshold_per_label_and_for_all():
    P = np.array([[0.9, 0.4, 0.6], [0.2, 0.7, 0.1]])
    np.testing.assert_array_equal(ml.predict_threshold(P, 0.5), [[1, 0, 1], [0, 1, 0]])
    np.testing.assert_array_equal(ml.predict_threshold(P, [0.95, 0.3, 0.6]), [[0, 1, 1], [0, 1, 0]])


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(np.float64, (4, 5), elements=st.floats(-20, 20)),
    st.floats(0.05, 0.95),
)
def test_a_softmax_threshold_gives_at_most_one_over_t_labels(Z, threshold):
    P = scipy_softmax(Z, axis=1)
    assert np.all(ml.predict_threshold(P, threshold).sum(axis=1) <= math.floor(1 / threshold))


def test_top_k_gives_exactly_k_labels_ties_to_the_lower_index():
    P = np.array([[0.2, 0.5, 0.3], [0.4, 0.2, 0.4]])
    np.testing.assert_array_equal(ml.predict_top_k(P, 1), [[0, 1, 0], [1, 0, 0]])
    np.testing.assert_array_equal(ml.predict_top_k(P, 2), [[0, 1, 1], [1, 0, 1]])
    np.testing.assert_array_equal(ml.predict_top_k(P, 3), np.ones((2, 3)))
    with pytest.raises(ValueError, match="k must be at most"):
        ml.predict_top_k(P, 4)


# --- metrics against scikit-learn -----------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_metrics_match_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    Y = (rng.random((25, 4)) < 0.4).astype(float)
    Y_hat = (rng.random((25, 4)) < 0.4).astype(float)
    Y[:, 3] = 0  # a label nobody carries: recall 0/0
    Y_hat[:, 2] = 0  # a label never predicted: precision 0/0
    assert math.isclose(ml.subset_accuracy(Y, Y_hat), accuracy_score(Y, Y_hat))
    assert math.isclose(ml.hamming_loss(Y, Y_hat), hamming_loss(Y, Y_hat))
    precision, recall, f1, support = precision_recall_fscore_support(
        Y, Y_hat, average=None, zero_division=0
    )
    scores = ml.per_label_scores(Y, Y_hat)
    np.testing.assert_allclose(scores.precision, precision)
    np.testing.assert_allclose(scores.recall, recall)
    np.testing.assert_allclose(scores.f1, f1)
    np.testing.assert_array_equal(scores.support, support)


def test_metrics_of_a_perfect_and_an_empty_prediction():
    Y = np.array([[1, 1, 0], [0, 1, 1]], dtype=float)
    assert ml.subset_accuracy(Y, Y) == 1 and ml.hamming_loss(Y, Y) == 0
    empty = np.zeros_like(Y)
    assert ml.subset_accuracy(Y, empty) == 0
    assert math.isclose(ml.hamming_loss(Y, empty), 4 / 6)
    np.testing.assert_array_equal(ml.per_label_scores(Y, empty).f1, 0)
    with pytest.raises(ValueError, match="same shape"):
        ml.hamming_loss(Y, Y[:, :2])


# --- the example: softmax against sigmoids --------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(hnp.arrays(np.float64, 3, elements=st.floats(-10, 10)))
def test_softmax_gives_at_most_one_label_over_half_sigmoids_are_free(scores):
    soft, sig = ml.compare_activations(scores)
    np.testing.assert_allclose(soft, scipy_softmax(scores), rtol=1e-12)
    np.testing.assert_allclose(sig, expit(scores), rtol=1e-12)
    assert math.isclose(soft.sum(), 1.0)
    assert np.sum(soft > 0.5) <= 1


def test_the_three_labels_of_the_example():
    # Scores (2, 1.5, 1): every sigmoid is above ½, softmax keeps only one label there.
    soft, sig = ml.compare_activations([2.0, 1.5, 1.0])
    np.testing.assert_allclose(sig, [0.880797, 0.817574, 0.731059], atol=1e-6)
    np.testing.assert_allclose(soft, [0.506480, 0.307196, 0.186324], atol=1e-6)


def test_the_softmax_loss_floor_is_the_mean_entropy_of_the_targets(trained):
    _, Y, run = trained
    T = Y / Y.sum(axis=1, keepdims=True)
    floor = np.mean([entropy(row) for row in T])
    assert math.isclose(ml.softmax_loss_floor(Y), floor, rel_tol=1e-12)
    assert floor > 0
    assert np.all(run.history[:, 1] >= floor)  # no epoch gets below it
    assert ml.softmax_loss_floor(np.eye(3)) == 0  # one label per point: 0 is reachable


def test_set_outcomes_say_what_went_wrong():
    Y = np.array([[1, 1, 0], [1, 1, 0], [1, 1, 0], [1, 1, 0]], dtype=float)
    Y_hat = np.array([[1, 1, 0], [1, 0, 0], [1, 1, 1], [0, 1, 1]], dtype=float)
    np.testing.assert_array_equal(
        ml.set_outcomes(Y, Y_hat), [ml.EXACT, ml.MISSED, ml.EXTRA, ml.MISSED_AND_EXTRA]
    )
    assert np.mean(ml.set_outcomes(Y, Y_hat) == ml.EXACT) == ml.subset_accuracy(Y, Y_hat)
