"""Downloads that are safe to open in a spreadsheet.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as
a formula by Excel, LibreOffice and Google Sheets (OWASP, "CSV Injection"). Every CSV the app
writes passes its text cells through ``cell``, which puts a ``'`` in front of such text: the
spreadsheet then shows the text as it was typed. Numbers are left alone (``-1.5`` stays a
number).
"""

from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """``value`` as a CSV cell a spreadsheet will not run."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def cells(values: Iterable) -> list:
    return [cell(value) for value in values]
