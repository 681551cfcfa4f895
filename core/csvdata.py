"""A person's own 2-D data from a CSV file, and the train/test split.

The file holds one point per row, ``x1,x2,label``, with that header (or none). Labels may
be any text (``cat``, ``3``); classes are numbered in sorted label order. Everything that
can be wrong with an upload raises ``DataFileError`` with a code the page translates, so
each kind of bad file gets its own clear message.
"""

import csv
import io

import numpy as np

from core import _checks

HEADER = ("x1", "x2", "label")
MAX_CLASSES = 10
# Coordinates beyond this are refused: the chart's view, its grid and the logits X W + b
# must stay finite, and no plottable 2-D teaching data needs more.
MAX_COORDINATE = 1e6
MAX_FIELD = 100


class DataFileError(ValueError):
    """What is wrong with an uploaded file: ``code`` plus the details its message needs.

    Codes: ``binary`` (not text), ``encoding`` (a byte order mark says ``encoding`` but the
    bytes are not that; ``encoding``), ``empty`` (no data row), ``columns`` (a row without
    exactly three fields, or another header; ``row``, ``found``), ``not_number`` (``row``,
    ``column``, ``value``), ``not_finite`` (NaN or ±inf; ``row``, ``column``),
    ``out_of_range`` (``row``, ``column``, ``limit``), ``too_long`` (a field of more than
    ``limit`` characters; ``row``), ``too_many_rows`` (``limit``), ``too_few_classes``
    (``found``), ``too_many_classes`` (``found``, ``limit``).
    """

    def __init__(self, code, **details):
        super().__init__(f"{code}: {details}")
        self.code = code
        self.details = details


def parse_points(raw, *, max_rows):
    """``x1,x2,label`` CSV bytes → ``(X (n, 2) float64, y (n,) int64, names)``.

    ``names[c]`` is the label text of class ``c``. Blank lines are skipped. The text may be
    UTF-8 (with or without a byte order mark), UTF-16 or UTF-32 with a byte order mark
    (Excel's "Unicode text"), or else Windows-1252 / Latin-1 (Excel's "CSV" on a Western
    Windows): ``decode`` says how. Raises ``DataFileError``.
    """
    text = _decode(raw)
    reader = csv.reader(io.StringIO(text))
    try:
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error:  # a field past the csv module's own size limit
        raise DataFileError("too_long", row=reader.line_num, limit=MAX_FIELD) from None
    if rows and _is_header(rows[0]):
        rows = rows[1:]
    if not rows:
        raise DataFileError("empty")
    if len(rows) > max_rows:
        raise DataFileError("too_many_rows", limit=max_rows)
    X = np.empty((len(rows), 2))
    labels = []
    for index, row in enumerate(rows):
        line = index + 1
        if len(row) != 3:
            raise DataFileError("columns", row=line, found=len(row))
        if any(len(cell) > MAX_FIELD for cell in row):
            raise DataFileError("too_long", row=line, limit=MAX_FIELD)
        for column in range(2):
            X[index, column] = _number(row[column], line, HEADER[column])
        labels.append(row[2].strip())
    names = sorted(set(labels), key=_label_order)
    if len(names) < 2:
        raise DataFileError("too_few_classes", found=len(names))
    if len(names) > MAX_CLASSES:
        raise DataFileError("too_many_classes", found=len(names), limit=MAX_CLASSES)
    code = {name: number for number, name in enumerate(names)}
    return X, np.array([code[label] for label in labels], dtype=np.int64), names


def train_test_split(n_samples, test_share, seed):
    """Indices ``(train, test)`` of a random split, sorted, from ``seed``.

    ``round(test_share · n)`` rows go to the test set, but at least one row stays in the
    training set. The permutation comes from ``default_rng((seed, 1))``, a stream apart
    from the one ``make_blobs`` draws the points from with the same seed.
    """
    n_samples = _checks.integer(n_samples, "n_samples", minimum=1)
    test_share = _checks.non_negative(test_share, "test_share")
    if test_share >= 1:
        raise ValueError(f"test_share must be below 1, got {test_share!r}")
    n_test = min(round(test_share * n_samples), n_samples - 1)
    order = np.random.default_rng((_checks.integer(seed, "seed", minimum=0), 1)).permutation(
        n_samples
    )
    return np.sort(order[n_test:]), np.sort(order[:n_test])


# Byte order marks, longest first (UTF-32 LE's begins with UTF-16 LE's).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)


def decode(raw):
    """``(text, encoding name)`` of a file's bytes; ``DataFileError`` if it is not text.

    A byte order mark decides (UTF-8, UTF-16, UTF-32; bytes that do not follow it are an
    ``encoding`` error naming it). Without one: UTF-8 if the bytes are valid UTF-8, else
    Windows-1252, else Latin-1 (which reads any bytes: a wrong guess shows up as a field that
    is not a number, not as garbage accepted). A NUL byte outside UTF-16/32 means binary.
    """
    for mark, codec, name in _BOMS:
        if raw.startswith(mark):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                raise DataFileError("encoding", encoding=name) from None
            if "\x00" in text:
                raise DataFileError("binary")
            return text, name
    if b"\x00" in raw:
        raise DataFileError("binary")
    for codec, name in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            return raw.decode(codec), name
        except UnicodeDecodeError:
            continue
    raise AssertionError("Latin-1 decodes any bytes")  # pragma: no cover


def _decode(raw):
    return decode(raw)[0]


def _is_header(row):
    cells = tuple(cell.strip().lower() for cell in row)
    if cells == HEADER:
        return True
    try:
        float(cells[0])
    except (ValueError, IndexError):
        raise DataFileError("columns", row=1, found=len(row)) from None
    return False


def _number(cell, line, column):
    try:
        value = float(cell)
    except ValueError:
        raise DataFileError(
            "not_number", row=line, column=column, value=cell.strip()[:20]
        ) from None
    if not np.isfinite(value):
        raise DataFileError("not_finite", row=line, column=column)
    if abs(value) > MAX_COORDINATE:
        raise DataFileError("out_of_range", row=line, column=column, limit=f"{MAX_COORDINATE:g}")
    return value


def _label_order(label):
    """Numeric labels in numeric order (``2`` before ``10``), then text labels."""
    try:
        return (0, float(label), label)
    except ValueError:
        return (1, 0.0, label)
