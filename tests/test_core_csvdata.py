"""core.csvdata: every kind of bad file has its own error; good files and the split."""

import numpy as np
import pytest

from core.csvdata import DataFileError, decode, parse_points, train_test_split


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        # Not UTF-8: read as Windows-1252 ("ÿþ1"), so the field is not a number.
        (b"x1,x2,label\n\xff\xfe1,2,3", "not_number"),
        (b"\xff\xfex\x001", "encoding"),  # a UTF-16 mark, then an odd byte count
        (b"\xff\xfe" + "x1,x2,label\n1,2,\x00".encode("utf-16-le"), "binary"),
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


TEXT = "x1,x2,label\n1.5,-2,café\n3,4.25,naïve\n-1,0,café\n"


@pytest.mark.parametrize(
    ("encoded", "name"),
    [
        (TEXT.encode("utf-16"), "UTF-16"),  # Excel's "Unicode text": a BOM, little-endian
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "UTF-16"),
        (TEXT.encode("utf-32"), "UTF-32"),
        (TEXT.encode("utf-8-sig"), "UTF-8"),
        (TEXT.encode("utf-8"), "UTF-8"),
        (TEXT.encode("cp1252"), "Windows-1252"),  # Excel's "CSV" on a Western Windows
        ("x1,x2,label\n1,2,\x81a\n3,4,b\n".encode("latin-1"), "Latin-1"),  # 0x81: not cp1252
    ],
)
def test_utf16_and_latin1_files_read_as_python_decodes_them(encoded, name):
    text, found = decode(encoded)
    assert found == name
    # Independent: Python's own codec for that encoding, then the UTF-8 file of that text.
    codec = {"UTF-16": "utf-16", "UTF-32": "utf-32", "UTF-8": "utf-8-sig"}.get(name, name)
    codec = {"Windows-1252": "cp1252", "Latin-1": "latin-1"}.get(codec, codec)
    assert text == encoded.decode(codec)
    X, y, names = parse_points(encoded, max_rows=10)
    X_utf8, y_utf8, names_utf8 = parse_points(text.encode("utf-8"), max_rows=10)
    np.testing.assert_array_equal(X, X_utf8)
    np.testing.assert_array_equal(y, y_utf8)
    assert names == names_utf8


def test_an_excel_latin1_file_keeps_its_accented_labels():
    X, y, names = parse_points(TEXT.encode("latin-1"), max_rows=10)
    np.testing.assert_array_equal(X, [[1.5, -2], [3, 4.25], [-1, 0]])
    assert names == ["café", "naïve"] and y.tolist() == [0, 1, 0]
