"""The live canvas's data (ui/lessons/training/player.py): what it is sent decodes to the
core's numbers."""

import base64

import numpy as np
import pytest

from core import make_blobs
from ui.lessons.training import charts as view
from ui.lessons.training import player


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
