"""The training lesson in AppTest: stepping trains, Reset starts over, divergence stops
cleanly, bad files are refused, and the page's W, b are exactly core.fit's."""

import numpy as np
import pytest

from core import fit, make_blobs
from core.csvdata import train_test_split
from tests.apptest import assert_clean, open_page, shown_epoch, shown_numbers, texts
from ui import process
from ui.i18n import CATALOGS
from ui.lessons.training.charts import picked_point

EN = CATALOGS["en"]


def _epoch(at) -> int:
    return shown_epoch(at)


def _train_loss(at) -> float:
    return float(shown_numbers(at)[0])


def _step(at, times=1):
    for _ in range(times):
        at.button(key="training.step").click().run()
    return at


def test_steps_advance_the_epoch_and_lower_the_loss():
    at = open_page("training", lang="en", K=3, n=50)
    assert_clean(at)
    assert _epoch(at) == 0
    start = _train_loss(at)
    assert start == pytest.approx(np.log(3), abs=1e-4)  # W = 0: uniform over 3 classes
    _step(at, 3)
    assert_clean(at)
    assert _epoch(at) == 3
    assert _train_loss(at) < start


def _trained(at) -> int:
    return at.session_state["training.run"].epoch


def test_play_trains_a_batch_on_every_run_and_reset_starts_over():
    at = open_page("training", lang="en", K=3, n=50)
    at.button(key="training.play").click().run()
    assert_clean(at)
    # Each run of the whole page trains a few frames, each tick (not run by AppTest) a batch
    # of player.CHUNK; the canvas paints them one by one.
    assert _trained(at) == process.CHUNK_ON_PAGE_RUN
    at.run()
    assert _trained(at) == 2 * process.CHUNK_ON_PAGE_RUN
    at.button(key="training.play").click().run()  # Pause
    at.run()
    assert _epoch(at) == 2 * process.CHUNK_ON_PAGE_RUN
    at.button(key="training.reset").click().run()
    assert_clean(at)
    assert _epoch(at) == 0


def test_a_setting_changed_mid_run_keeps_the_run():
    at = open_page("training", lang="en", K=3, n=50)
    _step(at, 2)
    at.select_slider(key="training.lr").set_value(0.5).run()
    assert _epoch(at) == 2
    _step(at)
    assert _epoch(at) == 3
    at.slider(key="training.K").set_value(4).run()  # new data: a new run
    assert _epoch(at) == 0


def test_the_trained_parameters_equal_core_fit():
    settings = {"K": 4, "n": 60, "spread": 1.5, "seed": 7, "split": 0.25}
    at = open_page("training", lang="en", lr=0.5, batch="32", l2=0.01, **settings)
    _step(at, 6)
    run = at.session_state["training.run"]
    X, y = make_blobs(60, 4, 1.5, 7)
    train, _ = train_test_split(len(y), 0.25, 7)
    expected = fit(
        X[train], y[train], 4, learning_rate=0.5, n_epochs=6, batch_size=32, l2=0.01, seed=7
    )
    assert run.epoch == 6
    np.testing.assert_array_equal(run.W, expected.W)
    np.testing.assert_array_equal(run.b, expected.b)
    assert run.history[-1, 1] == pytest.approx(expected.history[-1].loss)


def test_a_divergent_learning_rate_stops_cleanly_with_a_message():
    # learning_rate · l2 = 5 > 2: every step multiplies W by about 1 − 5 = −4.
    at = open_page("training", lang="en", K=3, n=50, lr=50, l2=0.1)
    at.button(key="training.play").click().run()
    for _ in range(15):
        at.run()
    assert_clean(at)
    messages = [error.value for error in at.error]
    assert any("diverged at epoch" in message for message in messages), messages
    assert at.button(key="training.play").label == EN["training.live.play"]
    run = at.session_state["training.run"]
    assert run.divergence is not None and run.epoch == run.divergence.epoch - 1
    assert np.all(np.isfinite(run.W))
    at.run()
    assert _epoch(at) == run.epoch, "a stopped run stays stopped"
    at.button(key="training.reset").click().run()
    assert _epoch(at) == 0 and not at.error


BAD_FILES = {
    "binary": "x1,x2,label\n1,2,\x00\x01",
    "empty": "x1,x2,label\n",
    "columns": "x1,x2,label\n1,2\n",
    "not_number": "x1,x2,label\n1,abc,0\n2,3,1\n",
    "not_finite": "x1,x2,label\n1,nan,0\n2,3,1\n",
    "too_many_rows": "x1,x2,label\n" + "1,2,0\n2,1,1\n" * 5001,
    "too_few_classes": "x1,x2,label\n1,2,a\n2,1,a\n",
}


@pytest.mark.parametrize("code", BAD_FILES)
def test_a_bad_csv_is_refused_with_its_own_message(code):
    at = open_page("training", lang="en")
    at.button_group(key="training.training.source").set_value("text").run()
    at.text_area(key="training.paste").input(BAD_FILES[code]).run()
    assert_clean(at)
    expected = EN[f"training.csv.{code}"].split("{")[0].strip()
    assert any(expected in error.value for error in at.error), (code, at.error)
    assert _epoch(at) == 0  # the page still trains on blobs meanwhile


def test_a_good_csv_is_used():
    rows = "\n".join(f"{x},{x * 0.5},{'cat' if x < 0 else 'dog'}" for x in range(-5, 6) if x)
    at = open_page("training", lang="en", split=0)
    at.button_group(key="training.training.source").set_value("text").run()
    at.text_area(key="training.paste").input("x1,x2,label\n" + rows).run()
    assert_clean(at)
    assert not at.error
    assert "cat, dog" in texts(at)


def test_bad_link_values_are_reported():
    at = open_page("training", lang="en", K=99, lr="fast")
    assert_clean(at)
    warnings = " ".join(warning.value for warning in at.warning)
    assert "99" in warnings and "fast" in warnings


def test_inspect_a_point_shows_its_probabilities_and_loss():
    at = open_page("training", lang="en", K=3, n=20, split=0)
    at.number_input(key="training.point").set_value(5).run()
    assert_clean(at)
    # W = 0: every probability is 1/3 and the cross-entropy is log 3.
    assert "1.0986" in texts(at)


def _compare_captions(at) -> list[str]:
    return [caption.value for caption in at.caption if "After 50 epochs" in caption.value]


def test_cross_entropy_against_squared_error_side_by_side():
    at = open_page("training", lang="en", K=3, n=30, lr=1)
    at.toggle(key="training.compare").set_value(True).run()
    assert_clean(at)
    captions = _compare_captions(at)
    assert len(captions) == 2
    X, y = make_blobs(30, 3, 1.0, 0)
    train, _ = train_test_split(len(y), 0.2, 0)
    for loss, shown in zip(("cross_entropy", "mse"), captions, strict=True):
        result = fit(X[train], y[train], 3, loss=loss, learning_rate=1.0, n_epochs=50)
        end = float(shown.split("(")[1].split(" of ")[0])
        assert end == pytest.approx(result.history[-1].loss, abs=1e-4)
        assert f"training accuracy {result.history[-1].accuracy:.1%}" in shown


def test_every_download_is_offered_without_a_rerun_and_made_on_click():
    at = open_page("training", lang="en", K=3, n=20)
    buttons = {button.proto.label: button.proto for button in at.get("download_button")}
    labels = ("params_csv", "history_csv", "json", "png", "svg")
    assert set(buttons) == {EN[f"training.export_{label}"] for label in labels}
    assert all(button.ignore_rerun for button in buttons.values())
    for label in labels:
        button = buttons[EN[f"training.export_{label}"]]
        assert button.deferred_file_id and not button.url  # made when clicked, not every run


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12, 12),
        (12.0, 12),
        (0, 0),
        (19, 19),
        (None, None),
        (20, None),  # not a point of this data
        (-1, None),
        ("3", None),
        (True, None),
        (2.5, None),
        (float("nan"), None),
        (float("inf"), None),
        ([3], None),
        ({"i": 3}, None),
    ],
)
def test_a_click_on_the_picture_picks_the_point_it_names(value, expected):
    """The number comes from the browser: anything but a point of this data is ignored."""
    assert picked_point(value, n_points=20) == expected


def test_a_picked_point_is_inspected():
    at = open_page("training", lang="en", K=3, n=20, split=0)
    at.session_state["training.point"] = 7  # what a click's callback sets
    at.run()
    assert_clean(at)
    X, _ = make_blobs(20, 3, 1.0, 0)
    assert f"Point **7** at ({X[7, 0]:.3f}, {X[7, 1]:.3f})" in texts(at)


def test_a_revealed_answer_starts_again_from_epoch_zero():
    at = open_page("training", lang="en", K=5, n=30)
    _step(at, 3)
    at.button(key="training.play").click().run()  # playing when the question is answered
    at.number_input(key="study.input.start_loss").set_value(1.6)
    at.button(key="study.check.start_loss").click().run()
    assert_clean(at)
    assert _epoch(at) == 0
    assert _train_loss(at) == pytest.approx(np.log(5), abs=1e-4)
    assert at.button(key="training.play").label == EN["training.live.play"]


def test_the_squared_error_reveal_shows_both_losses_side_by_side():
    at = open_page("training", lang="en", K=3, n=30)
    at.radio(key="study.input.mse_slower").set_value("slower")
    at.button(key="study.check.mse_slower").click().run()
    assert_clean(at)
    assert at.radio(key="training.loss").value == "mse"
    assert len(_compare_captions(at)) == 2


# --- every number belongs to the settings of now ------------------------------------------


def test_the_loss_switched_at_epoch_zero_shows_the_new_loss():
    at = open_page("training", lang="en", K=3, n=50, loss="mse")
    assert _train_loss(at) == pytest.approx((1 - 1 / 3) / 2, abs=1e-4)  # squared error at W = 0
    at.radio(key="training.loss").set_value("cross_entropy").run()
    assert_clean(at)
    assert _epoch(at) == 0
    assert _train_loss(at) == pytest.approx(np.log(3), abs=1e-4)  # was 0.3333 until Reset
    _step(at, 2)
    at.radio(key="training.loss").set_value("mse").run()  # mid-run: the run goes on ...
    assert _epoch(at) == 2
    run = at.session_state["training.run"]
    X, y = make_blobs(50, 3, 1.0, 0)
    train, _ = train_test_split(len(y), 0.2, 0)
    from core import forward, mse

    # ... and its loss is squared error of the parameters shown, computed apart.
    assert _train_loss(at) == pytest.approx(
        mse(forward(X[train], run.W, run.b), y[train]), abs=1e-4
    )


def _diverge(at):
    at.button(key="training.play").click().run()
    for _ in range(15):
        at.run()
    assert any("diverged at epoch" in error.value for error in at.error)


@pytest.mark.parametrize("change", ["learning_rate", "data"])
def test_a_divergence_warning_goes_with_a_new_learning_rate_or_new_data(change):
    at = open_page("training", lang="en", K=3, n=50, lr=50, l2=0.1)
    _diverge(at)
    diverged = at.session_state["training.run"]
    if change == "learning_rate":
        at.select_slider(key="training.lr").set_value(0.1).run()
        assert _epoch(at) == diverged.epoch  # the run goes on from its last good epoch
        _step(at)
        assert _epoch(at) == diverged.epoch + 1
    else:
        at.slider(key="training.K").set_value(4).run()
        assert _epoch(at) == 0
    assert_clean(at)
    assert not any("diverged" in error.value for error in at.error), [e.value for e in at.error]


# --- a person's own file ------------------------------------------------------------------


def _good_rows() -> bytes:
    rows = "".join(f"{x},{x * 0.5},{'cat' if x < 0 else 'dog'}\n" for x in range(-5, 6) if x)
    return ("x1,x2,label\n" + rows).encode()


@pytest.mark.parametrize("bad", ["not_number", "binary", "too_few_classes"])
def test_a_bad_file_after_a_good_one_keeps_the_data_and_its_run(bad):
    at = open_page("training", lang="en", split=0)
    at.button_group(key="training.training.source").set_value("file").run()
    at.file_uploader(key="training.upload").set_value(
        ("points.csv", _good_rows(), "text/csv")
    ).run()
    assert "cat, dog" in texts(at)
    _step(at, 3)
    trained = at.session_state["training.run"]
    at.file_uploader(key="training.upload").set_value(
        ("broken.csv", BAD_FILES[bad].encode(), "text/csv")
    ).run()
    assert_clean(at)
    expected = EN[f"training.csv.{bad}"].split("{")[0].strip()
    assert any(expected in error.value for error in at.error), at.error
    assert "cat, dog" in texts(at), "the good data stays on screen"
    assert EN["training.csv.using_blobs"] not in texts(at)
    assert _epoch(at) == 3 and at.session_state["training.run"] is trained
    good = at.file_uploader(key="training.upload")
    good.set_value(("points.csv", _good_rows(), "text/csv")).run()
    assert not at.error, "no old message beside a new file"


def test_a_latin1_file_from_excel_is_read_and_its_labels_shown_as_text():
    raw = "x1,x2,label\n0,0,café\n1,1,*bold*\n0.5,0,café\n".encode("cp1252")
    at = open_page("training", lang="en", split=0)
    at.button_group(key="training.training.source").set_value("file").run()
    at.file_uploader(key="training.upload").set_value(("excel.csv", raw, "text/csv")).run()
    assert_clean(at)
    assert not at.error
    captions = " ".join(caption.value for caption in at.caption)
    assert "café" in captions and r"\*bold\*" in captions  # escaped: no Markdown from a label


# --- predict, then reveal -----------------------------------------------------------------


def test_the_straight_boundaries_reveal_shows_trained_boundaries():
    at = open_page("training", lang="en", n=30)
    at.radio(key="study.input.boundaries").set_value("straight")
    at.button(key="study.check.boundaries").click().run()
    assert_clean(at)
    run = at.session_state["training.run"]
    assert _epoch(at) == run.epoch == 50  # not W = 0, where every logit ties
    X, y = make_blobs(30, 4, 1.0, 0)
    train, _ = train_test_split(len(y), 0.2, 0)
    expected = fit(X[train], y[train], 4, learning_rate=0.1, n_epochs=50)
    np.testing.assert_array_equal(run.W, expected.W)
    from core.regions import boundary_segments
    from ui.lessons.training.charts import view_bounds

    assert len(boundary_segments(run.W, run.b, view_bounds(X))) >= 3  # four regions meet
    assert at.button(key="training.play").label == EN["training.live.play"]


def test_the_squared_error_reveal_compares_by_the_share_of_each_start_left():
    at = open_page("training", lang="en", K=4, n=100)
    at.radio(key="study.input.mse_slower").set_value("slower")
    at.button(key="study.check.mse_slower").click().run()
    assert_clean(at)
    X, y = make_blobs(100, 4, 1.0, 0)
    train, _ = train_test_split(len(y), 0.2, 0)
    left = {}
    for loss, start in (("cross_entropy", np.log(4)), ("mse", (1 - 1 / 4) / 2)):
        result = fit(X[train], y[train], 4, loss=loss, learning_rate=0.1, n_epochs=50)
        left[loss] = result.history[-1].loss / start
    shown = texts(at)
    # 16.0 % against 26.0 %: squared error has more of its start left, it learned more slowly
    # (its raw loss, 0.0976 against 0.2219, is lower only because its scale is smaller).
    assert f"squared error {left['mse']:.1%}, cross-entropy {left['cross_entropy']:.1%}" in shown
    assert left["mse"] > left["cross_entropy"]
    assert "Squared error learned more slowly" in shown


def test_an_uploaded_file_and_its_run_outlive_a_visit_to_another_lesson():
    from tests.test_journeys import _visit

    body = b"x1,x2,label\n0,0,cat\n1,1,dog\n2,2,cat\n3,3,dog\n0,1,cat\n1,0,dog\n"
    at = open_page("training", lang="en", **{"training.source": "file"})
    at.get("file_uploader")[0].set_value(("animals.csv", body, "text/csv")).run()
    at.button(key="training.step").click().run()
    trained = _trained(at)
    assert trained > 0 and "cat, dog" in texts(at)
    _visit(at, "loss")
    _visit(at, "training")
    assert_clean(at)
    assert "cat, dog" in texts(at), "the student's data went with the page switch"
    assert _trained(at) == trained
    kept = CATALOGS["en"]["training.csv.kept_file"].format(name="animals\\.csv")
    assert kept in texts(at)
    forget = next(b for b in at.button if b.label == CATALOGS["en"]["training.csv.forget_file"])
    forget.click().run()
    assert "cat, dog" not in texts(at)


def test_the_heaviest_settings_train_in_bounded_steps():
    """K = 10, 1,000 points per class in batches of 8: a Step of 20 epochs a frame trains
    what one run's CPU bound allows (ui/process.py), and the side-by-side comparison of 500
    epochs each goes on over several runs, showing its progress, to the same result."""
    at = open_page("training", lang="en", K=10, n=1000, split=0, batch=8)
    at.select_slider(key="training.speed").set_value(600).run()
    at.button(key="training.step").click().run()
    assert_clean(at)
    assert 1 <= _trained(at) < 20
    at.toggle(key="training.compare").set_value(True).run()
    at.select_slider(key="training.compare_epochs").set_value(500).run()
    epoch = _compare_epoch(at)
    assert 0 < epoch < 500
    for _ in range(2):  # each run of the section (a tick of its timer) goes further
        at.run()
        assert _compare_epoch(at) > epoch
        epoch = _compare_epoch(at)
    assert_clean(at)


def _compare_epoch(at) -> int:
    """The epoch the comparison's progress bar says both losses have reached."""
    (bar,) = at.get("progress")
    text = bar.proto.text
    assert text.startswith("Training both: epoch ") and text.endswith(" of 500")
    return int(text.split()[3])


def test_every_frame_sent_while_playing_carries_its_own_numbers():
    """Each frame of a playing batch brings the epoch's loss and accuracies, W, b and the
    gradients, and its history row (player.py, readout.py: the numbers beside the picture
    are the painted frame's, issue #13)."""
    from tests.apptest import picture

    at = open_page("training", lang="en", K=3, n=30)
    at.button(key="training.play").click().run()
    assert_clean(at)
    batch = picture(at)["batch"]
    assert batch["playing"] and batch["epochs"]
    count = len(batch["epochs"])
    assert len(batch["numbers"]) == len(batch["params"]) == len(batch["rows"]) == count
    for epoch, numbers, params, row in zip(
        batch["epochs"], batch["numbers"], batch["params"], batch["rows"], strict=True
    ):
        assert [float(numbers[0])] and numbers[1].endswith("%") and numbers[2].endswith("%")
        assert row[0] == epoch and float(numbers[0]) == pytest.approx(row[1], abs=1e-4)
        assert len(params["W"]) == 2 and len(params["W"][0]) == 3 and len(params["gb"][0]) == 3
    assert batch["history"][0][0] == 0  # a page run sends the run's past
