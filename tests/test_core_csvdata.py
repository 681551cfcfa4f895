"""core.csvdata: every kind of bad file has its own error; good files and the split."""

import numpy as np
import pytest

from core.csvdata import DataFileError, parse_points, train_test_split


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"x1,x2,label\n\xff\xfe1,2,3", "binary"),
        (b"", "empty"),
        (b"x1,x2,label\n\n", "empty"),
        (b"a,b,c\n1,2,0\n", "columns"),
        (b"x1,x2,label\n1,2,0,4\n", "columns"),
        (b"x1,x2,label\n1,two,0\n", "not_number"),
        (b"x1,x2,label\n1,inf,0\n3,4,1\n", "not_finite"),
        (b"x1,x2,label\n" + b"1,2,0\n3,4,1\n" * 7, "too_many_rows"),
        (b"x1,x2,label\n1,2,0\n3,4,0\n", "too_few_classes"),
        (b"".join(b"%d,0,%d\n" % (i, i) for i in range(11)), "too_many_classes"),
    ],
)
def test_each_bad_file_has_its_code(raw, code):
    with pytest.raises(DataFileError) as error:
        parse_points(raw, max_rows=12)
    assert error.value.code == code


def test_a_good_file_with_or_without_header_and_text_labels():
    X, y, names = parse_points(b"\xef\xbb\xbfx1,x2,label\n1,2,dog\n\n3,4.5,cat\n", max_rows=10)
    np.testing.assert_array_equal(X, [[1, 2], [3, 4.5]])
    assert names == ["cat", "dog"] and y.tolist() == [1, 0]
    X, y, names = parse_points(b"0,0,10\n1,1,2\n", max_rows=10)
    assert names == ["2", "10"] and y.tolist() == [1, 0]  # numeric labels in numeric order


def test_split_is_seeded_disjoint_and_keeps_a_training_row():
    train, test = train_test_split(100, 0.2, 3)
    assert len(test) == 20 and len(np.intersect1d(train, test)) == 0
    assert sorted([*train, *test]) == list(range(100))
    again = train_test_split(100, 0.2, 3)
    np.testing.assert_array_equal(again[1], test)
    assert len(train_test_split(3, 0.9, 0)[0]) == 1
    assert len(train_test_split(10, 0.0, 0)[1]) == 0


def test_coordinates_beyond_the_plottable_range_are_refused():
    # Found by the hostile-input run: 1e308 is finite but overflows the chart's view.
    raw = b"x1,x2,label\n1e308,1e308,a\n-1e308,1e308,b\n"
    with pytest.raises(DataFileError) as refused:
        parse_points(raw, max_rows=100)
    assert refused.value.code == "out_of_range"
    assert refused.value.details["row"] == 1


def test_a_field_longer_than_the_csv_limit_is_a_data_error():
    # Found by the hostile-input run: csv.reader raises csv.Error past 131,072 characters.
    raw = b"x1,x2,label\n" + b"1" * 200_000 + b",2,a\n3,4,b\n"
    with pytest.raises(DataFileError) as refused:
        parse_points(raw, max_rows=100)
    assert refused.value.code == "too_long"
    raw = b"x1,x2,label\n" + b"1" * 500 + b",2,a\n3,4,b\n"
    with pytest.raises(DataFileError) as refused:
        parse_points(raw, max_rows=100)
    assert refused.value.code == "too_long"
