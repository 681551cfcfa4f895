"""The training lesson's view is a link (issue #12): ``epoch`` (the run at that epoch,
paused), ``play`` and ``speed`` in the URL, a link reproducing a run exactly, in bounded
steps for the heaviest settings, and a bad value refused with a message."""

import numpy as np
import pytest

from core import fit, make_blobs
from core.csvdata import train_test_split
from tests.apptest import assert_clean, open_page, shown_epoch
from ui import process
from ui.lessons.training.controls import DEFAULT_SPEED, TrainingSettings
from ui.lessons.training.run import MAX_LINK_EPOCH

SETTINGS = {"K": 4, "n": 60, "spread": 1.5, "seed": 7, "split": 0.25}


def _run(at):
    return at.session_state["training.run"]


def _playing(at) -> bool:
    return "training.live.playing" in at.session_state and at.session_state["training.live.playing"]


def test_a_link_to_an_epoch_shows_that_run_paused_exactly():
    at = open_page("training", lang="en", lr=0.5, batch="32", l2=0.01, epoch=40, **SETTINGS)
    assert_clean(at)
    X, y = make_blobs(60, 4, 1.5, 7)
    train, _ = train_test_split(len(y), 0.25, 7)
    expected = fit(
        X[train], y[train], 4, learning_rate=0.5, n_epochs=40, batch_size=32, l2=0.01, seed=7
    )
    run = _run(at)
    assert run.epoch == 40 and not _playing(at)
    np.testing.assert_array_equal(run.W, expected.W)
    np.testing.assert_array_equal(run.b, expected.b)
    assert shown_epoch(at) == 40  # the epoch on screen
    assert at.query_params["epoch"] == "40"


def test_the_url_follows_step_play_pause_and_reset():
    at = open_page("training", lang="en", K=3, n=50)
    assert "epoch" not in at.query_params and "play" not in at.query_params
    at.button(key="training.step").click().run()
    at.button(key="training.step").click().run()
    assert at.query_params["epoch"] == "2"
    at.button(key="training.play").click().run()
    assert at.query_params["play"] == "1"
    at.button(key="training.play").click().run()  # Pause: the epoch on screen
    assert "play" not in at.query_params
    assert at.query_params["epoch"] == str(_run(at).epoch)
    at.button(key="training.reset").click().run()
    assert "epoch" not in at.query_params


def test_the_address_bar_after_steps_is_a_link_to_the_same_run():
    at = open_page("training", lang="en", K=3, n=50, lr=0.2)
    for _ in range(5):
        at.button(key="training.step").click().run()
    link = dict(at.query_params)
    again = open_page("training", **link)
    assert _run(again).epoch == 5
    np.testing.assert_array_equal(_run(again).W, _run(at).W)


def test_a_link_that_plays_plays_and_one_with_an_epoch_plays_from_there():
    at = open_page("training", lang="en", K=3, n=50, play=1)
    assert_clean(at)
    assert _playing(at)
    at = open_page("training", lang="en", K=3, n=50, epoch=30, play=1)
    assert_clean(at)
    assert _playing(at) and _run(at).epoch >= 30


def test_a_link_reached_from_a_run_elsewhere_starts_that_run_again():
    at = open_page("training", lang="en", K=3, n=50)
    for _ in range(3):
        at.button(key="training.step").click().run()
    at.query_params.clear()
    at.query_params.update({"lang": "en", "K": "3", "n": "50", "epoch": "1"})
    at.switch_page("pages/2_loss_lesson.py").run()
    at.switch_page("pages/3_training_lesson.py")
    at.query_params.update({"lang": "en", "K": "3", "n": "50", "epoch": "1"})
    at.run()
    assert _run(at).epoch == 1


@pytest.mark.parametrize(
    "name, value",
    [
        ("epoch", "-3"),
        ("epoch", "ten"),
        ("epoch", str(MAX_LINK_EPOCH + 1)),
        ("epoch", "2.5"),
        ("play", "maybe"),
        ("speed", "7"),
        ("speed", "nan"),
        ("settings", "maybe"),
    ],
)
def test_a_bad_view_value_is_refused_with_a_message_and_the_rest_kept(name, value):
    at = open_page("training", lang="en", K=5, **{name: value})
    assert_clean(at)
    warnings = " ".join(warning.value for warning in at.warning)
    assert name in warnings and value in warnings
    assert at.slider(key="training.K").value == 5  # the link's other settings hold
    assert _run(at).epoch == 0 and not _playing(at)
    at.run()  # the message stays for the visit
    assert value in " ".join(warning.value for warning in at.warning)


def test_the_heaviest_link_trains_to_its_epoch_in_bounded_steps():
    """K = 10, 1,000 points per class in batches of 8 to epoch 60: each run trains what one
    run's CPU bound allows (ui/process.py) and says how far it is; the view is reached."""
    at = open_page("training", lang="en", K=10, n=1000, split=0, batch=8, epoch=60)
    assert_clean(at)
    first = _run(at).epoch
    assert 0 < first < 60
    (bar,) = at.get("progress")
    assert "epoch 60" in bar.proto.text
    for _ in range(200):
        if _run(at).epoch == 60:
            break
        at.run()  # a tick of the live view's timer, or the next run of the page
    assert _run(at).epoch == 60 and not at.get("progress")
    assert at.query_params["epoch"] == "60"
    assert_clean(at)


@pytest.mark.parametrize(
    "speed, per_frame, rate",
    [(1, 1, 1.0), (10, 1, 10.0), (30, 1, 30.0), (60, 1, None), (150, 2, None), (600, 10, None)],
)
def test_speed_is_epochs_a_second(speed, per_frame, rate):
    hyper = TrainingSettings(descent=None, loss="cross_entropy", speed=speed)
    assert hyper.epochs_per_frame == per_frame and hyper.frame_rate == rate


def test_a_slow_speed_paints_fewer_frames_a_second_in_batches_at_most_two_seconds_apart():
    alone = process.Process.pace_alone()
    assert alone.slowed(None) == alone and alone.slowed(60) == alone
    slow = alone.slowed(1.0)
    assert slow.fps == 1.0 and slow.tick == process.SLOW_TICK
    shared = process.Process(clock=lambda: 100.0)
    share = shared.batch("teacher", slow.tick, 1.0)
    assert share.frames == 2 and share.fps == 1.0  # two epochs in two seconds


def test_speed_is_a_link_setting():
    at = open_page("training", lang="en", speed=5)
    assert at.select_slider(key="training.speed").value == 5
    at.select_slider(key="training.speed").set_value(DEFAULT_SPEED).run()
    assert "speed" not in at.query_params


def test_settings_follow_the_mode_until_chosen_and_a_link_can_hide_them():
    at = open_page("training", lang="en")
    assert at.toggle(key="training.settings").value is True
    assert at.expander  # the open panels on the page
    at = open_page("training", lang="en", present="true")
    assert at.toggle(key="training.settings").value is False
    assert "settings" not in at.query_params  # the mode's own default
    at = open_page("training", lang="en", settings="hidden")
    assert at.toggle(key="training.settings").value is False
    assert at.query_params["settings"] == "hidden"
    assert at.slider(key="training.K").value == 3  # the settings still work, in a popover
    at.slider(key="training.K").set_value(5).run()
    assert at.query_params["K"] == "5"


def test_a_chosen_place_for_the_settings_outlives_a_visit_to_another_lesson():
    at = open_page("training", lang="en")
    at.toggle(key="training.settings").set_value(False).run()
    at.switch_page("pages/2_loss_lesson.py").run()
    at.switch_page("pages/3_training_lesson.py").run()
    assert at.toggle(key="training.settings").value is False


def test_a_link_opens_one_class_probability_map_and_the_url_follows_the_switch():
    at = open_page("training", lang="en", K=3, n=50, map=2)
    assert_clean(at)
    assert at.toggle(key="training.prob_map").value is True
    assert at.session_state["training.export_view"].probability_class == 2
    assert at.query_params["map"] == "2"
    at.toggle(key="training.prob_map").set_value(False).run()
    assert "map" not in at.query_params


@pytest.mark.parametrize("value", ["3", "-1", "x"])
def test_a_map_class_the_data_does_not_have_is_refused_with_a_message(value):
    at = open_page("training", lang="en", K=3, n=50, map=value)
    assert_clean(at)
    assert value in " ".join(warning.value for warning in at.warning)
    assert at.toggle(key="training.prob_map").value is False


def test_a_link_opens_the_side_by_side_comparison():
    at = open_page("training", lang="en", K=3, n=50, compare=1, compare_epochs=20)
    assert_clean(at)
    assert at.toggle(key="training.compare").value is True
    assert at.select_slider(key="training.compare_epochs").value == 20
    for _ in range(20):
        if not at.get("progress"):
            break
        at.run()
    assert "Cross-entropy" in " ".join(m.value for m in at.markdown)
    at.toggle(key="training.compare").set_value(False).run()
    assert "compare" not in at.query_params


_NOT_HELD = [None, "4", True, 4.5, float("nan"), -1, 3, 10**9, [4], {"epoch": 4}, 4, [1, 4]]
_NOT_HELD_FRAME = [[2, 4, 7], [1, "4", 7], [1, 4.5, 7], [1, 4, 7, 0], [True, 4, 7], [1, 3, 7]]


@pytest.mark.parametrize("held", [*_NOT_HELD, *_NOT_HELD_FRAME])
def test_pause_takes_the_run_back_only_to_a_frame_it_sent(held):
    """What the picture answers on Pause (``held``, ui/lessons/training/player.py) comes
    from the browser: only the epoch of a frame sent lately rewinds the run (issue #13);
    anything else leaves it as it is."""
    import streamlit as st

    from core import liverun
    from ui import live
    from ui.lessons.training import frame
    from ui.lessons.training.state import PLAYER, TrainingState

    X, y = make_blobs(20, 3, 1.0, 0)
    settings = {"loss": "cross_entropy", "learning_rate": 0.3, "batch_size": None, "l2": 0.0}
    run = liverun.start(X, y, X[:0], y[:0], 3, seed=0, loss="cross_entropy")
    state, marks = TrainingState(), []
    state.start_run(run, "data")
    for _ in range(6):
        run = liverun.advance(run, X, y, X[:0], y[:0], n_epochs=1, **settings)
        marks.append(liverun.mark(run))
    state.keep_run(run)
    state.mark(marks[3:])  # the frames of epochs 4, 5 and 6 were sent
    st.session_state[PLAYER] = {"held": held}
    frame._hold(live.Loop("training"))
    assert state.run().epoch == 6
    st.session_state[PLAYER] = {"held": [state.run_serial(), 4.0, 7]}  # [run, epoch, stamp]
    frame._hold(live.Loop("training"))
    assert state.run().epoch == 4
