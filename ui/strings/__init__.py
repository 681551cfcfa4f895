"""The string catalogs, one per language, split by the page that uses them.

Each module here defines ``EN`` and ``ZH``: dicts from a dotted key (``"softmax.title"``)
to the text. ``ui.i18n`` merges them into one catalog per language; a test proves both
catalogs have the same keys and no empty value.
"""

from ui.strings import ask, home, images, loss, multilabel, plan, shell, softmax, study, training

MODULES = (shell, home, softmax, loss, training, multilabel, images, study, ask, plan)
