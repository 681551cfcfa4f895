"""The live canvas's data (ui/player.py): what it is sent decodes to the core's numbers, and
the animation's pace is shared fairly among the sessions playing on one process."""

import base64

import numpy as np
import pytest

from core import make_blobs
from ui import player
from ui import training_view as view


@pytest.fixture(autouse=True)
def _nobody_playing(monkeypatch):
    monkeypatch.setattr(player, "_playing", {})


def test_points_travel_as_view_fractions_classes_and_test_flags():
    X, y = make_blobs(40, 3, 1.0, 0)
    is_test = np.arange(len(y)) % 4 == 0
    bounds = view.view_bounds(X)
    data = player.points_data(X, y, is_test, bounds)
    raw = base64.b64decode(data["points"])
    count = data["count"]
    assert count == len(y) and len(raw) == 6 * count
    fractions = np.frombuffer(raw[: 4 * count], dtype="<u2").reshape(-1, 2) / 65535
    x_min, x_max, y_min, y_max = bounds
    back = np.column_stack(
        [x_min + fractions[:, 0] * (x_max - x_min), y_min + fractions[:, 1] * (y_max - y_min)]
    )
    np.testing.assert_allclose(back, X, atol=(x_max - x_min) / 65535)
    assert list(raw[4 * count : 5 * count]) == list(y)
    assert list(raw[5 * count :]) == list(is_test.astype(int))


def _decode(batch, bounds):
    """What the canvas's ``decodeFrames`` does, back in the plane's coordinates."""
    x_min, x_max, y_min, y_max = bounds
    xy = np.frombuffer(base64.b64decode(batch["xy"]), dtype="<u2").reshape(-1, 2) / 65535
    xy = xy * [x_max - x_min, y_max - y_min] + [x_min, y_min]
    layout, frames, at = list(batch["layout"]), [], 0
    for epoch in batch["epochs"]:
        shapes = []
        for _ in range(layout.pop(0)):
            k, m = layout.pop(0), layout.pop(0)
            shapes.append((k, xy[at : at + m]))
            at += m
        s = layout.pop(0)
        frames.append((epoch, shapes, xy[at : at + 2 * s].reshape(-1, 2, 2)))
        at += 2 * s
    assert at == len(xy) and not layout
    return frames


@pytest.mark.parametrize("probability_class", [None, 1])
def test_a_batch_carries_the_core_polygons_and_boundaries_as_view_fractions(probability_class):
    bounds = (-4.0, 6.0, -5.0, 5.0)
    models = [
        (np.array([[1.0, -1.0, 0.0], [0.0, 0.5, -0.5]]), np.array([0.1, 0.0, -0.1])),
        (np.zeros((2, 3)), np.zeros(3)),  # epoch 0: one tie everywhere, no boundary in view
        (np.array([[3.0, -2.0, 0.5], [1.0, 2.5, -3.0]]), np.array([0.0, 1.0, -1.0])),
    ]
    frames = [
        (epoch, *view.region_shapes(W, b, bounds, probability_class))
        for epoch, (W, b) in enumerate(models, start=7)
    ]
    batch = player.batch_data(frames, bounds)
    assert batch["epochs"] == [7, 8, 9]
    tolerance = 10 / 65535  # the view is 10 wide and 10 tall
    for (epoch, shapes, segments), (back_epoch, back_shapes, back_segments) in zip(
        frames, _decode(batch, bounds), strict=True
    ):
        assert back_epoch == epoch
        assert [k for k, _ in back_shapes] == [k for k, _ in shapes]
        for (_, back), (_, polygon) in zip(back_shapes, shapes, strict=True):
            np.testing.assert_allclose(back, polygon, atol=tolerance)
        np.testing.assert_allclose(back_segments, segments, atol=tolerance)


def test_alone_a_session_plays_at_full_speed():
    pace = player.pace("a")
    assert pace.fps == player.FPS
    assert pace.tick == pytest.approx(player.CHUNK / player.FPS)
    assert pace.panels == pytest.approx(0.25)


@pytest.mark.parametrize("sessions", [2, 4, 10, 20, 30, 200])
def test_many_sessions_share_the_budget_down_to_the_floor(sessions):
    for index in range(sessions):
        pace = player.pace(f"s{index}")
    assert pace.fps == pytest.approx(max(player.MIN_FPS, min(player.FPS, player.BUDGET / sessions)))
    assert pace.tick == pytest.approx(player.CHUNK / pace.fps)
    assert sessions * pace.fps <= max(player.BUDGET, sessions * player.MIN_FPS)


def test_a_session_that_pauses_or_goes_quiet_stops_counting(monkeypatch):
    for name in ("a", "b", "c", "d", "e"):
        player.pace(name)
    assert player.pace("a").fps == pytest.approx(player.BUDGET / 5)
    player.leave("b")
    assert player.pace("a").fps == pytest.approx(player.BUDGET / 4)
    later = player.time.monotonic() + player.STALE + 1
    monkeypatch.setattr(player.time, "monotonic", lambda: later)
    assert player.pace("a").fps == player.FPS  # the others took no batch for a while


def test_a_batch_follows_the_pace_of_now_not_of_when_the_page_ran():
    tick = player.pace("first").tick  # alone: CHUNK frames every tick
    assert player.batch("first", tick) == (player.CHUNK, pytest.approx(player.FPS))
    for index in range(30):  # the class joins; the first session's timer keeps its tick
        player.pace(f"s{index}")
    frames, fps = player.batch("first", tick)
    share = max(player.MIN_FPS, player.BUDGET / 31)
    assert frames == round(share * tick)
    assert fps == pytest.approx(frames / tick)  # the batch lasts one tick on screen
    assert fps <= share + 1 / tick
    assert player.batch("first", 0.001)[0] == 1  # never none


def test_when_the_class_stops_a_crowded_session_asks_for_a_faster_timer():
    for index in range(30):
        player.pace(f"s{index}")
    crowded = player.pace("last").tick  # its page ran while 31 played
    assert player.batch("last", crowded)[0] <= player.CHUNK
    for index in range(30):
        player.leave(f"s{index}")
    assert player.batch("last", crowded) is None  # alone it may tick far more often
    assert player.batch("last", player.pace("last").tick) == (player.CHUNK, player.FPS)
