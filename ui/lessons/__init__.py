"""One package per lesson: ``ui/lessons/<lesson>/``, the same few files in each.

- ``__init__.py``: ``render()``, the lesson from top to bottom, one call per section; the
  page file ``pages/<n>_<lesson>_lesson.py`` is its entry line.
- ``state.py``: the lesson's own session state behind one small object with named methods;
  no other module reads or writes the lesson's raw ``st.session_state`` keys.
- ``sections.py``: one function per section of the page, in the page's order.
- ``controls.py``: the lesson's widgets (through ``ui.urlstate``, so the URL keeps them).
- ``charts.py``: the lesson's Altair charts.
- JavaScript, CSS and HTML as files beside them, read once.

Import rules (``tests/test_layout.py`` checks them): the shared kit (every ``ui`` module
outside ``ui/lessons``) never imports a lesson, and no lesson imports another.
"""
