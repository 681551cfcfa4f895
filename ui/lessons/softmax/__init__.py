"""Lesson 1, softmax: logits into probabilities, its properties, temperature, the stable
form, and two classes as the sigmoid (docs/course.md §1 and §2)."""

from ui.lessons.softmax import sections
from ui.shell import page_setup


def render() -> None:
    """The lesson from top to bottom."""
    page_setup("softmax")  # first: it may send a lone page run through app.py
    sections.introduction()
    shown = sections.logits_and_output()
    sections.self_study()

    # Only the open tab's content runs (opening another reruns the page): the tabs hold most
    # of the page's charts and tables, and a class changing logits at once pays for each run
    # (bench/bench_load.py, issue #7). "Properties" always runs: its shift slider is in the URL.
    tabs = sections.tabs()
    if tabs["why"].open:
        with tabs["why"]:
            sections.why_tab(shown)
    with tabs["properties"]:
        sections.properties_tab(shown)
    if tabs["overflow"].open:
        with tabs["overflow"]:
            sections.overflow_tab(shown)
    if tabs["temperature"].open:
        with tabs["temperature"]:
            sections.temperature_tab(shown)
    if tabs["sigmoid"].open:
        with tabs["sigmoid"]:
            sections.sigmoid_tab(shown)

    sections.next_lesson()
