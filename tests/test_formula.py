"""How numbers and formulas are written for people."""

import pytest

from ui.formula import fill, latex_number, number, vector


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0000454, "0.0000454"),  # docs/course.md §2: Softmax(10, 0, 0)₂ must not read 0.0000
        (0.999909, "0.9999"),
        (1 / 3, "0.3333"),
        (0.0, "0"),
        (2.137, "2.137"),
        (-999.0, "-999"),
        (float("inf"), "∞"),
        (float("-inf"), "-∞"),
        (float("nan"), "NaN"),
        (1e300, "1.000e300"),
    ],
)
def test_numbers_read_as_people_expect(value, text):
    assert number(value) == text


def test_latex_writes_infinities_and_nan():
    assert latex_number(float("-inf")) == r"-\infty"
    assert latex_number(float("nan")) == r"\text{NaN}"
    assert fill(r"\sigma($z) = $p", z=2, p=0.8807970779778823) == r"\sigma(2) = 0.8808"
    assert vector([0.5, 0, 0.5]) == r"\left(0.5, 0, 0.5\right)"
