"""The Ask page's chart: how many students chose each option, the right one marked after
the reveal. Option texts are data in the chart (drawn as text by Vega), never HTML."""

import altair as alt
import pandas as pd

from classround import Question
from ui import charts
from ui.i18n import t
from ui.lessons.ask import rounds
from ui.shell import is_present

RIGHT_COLOR = "#009E73"  # bluish green (the palette's third): the right option
OTHER_COLOR = "#0072B2"  # blue, the palette's first
WRONG_COLOR = "#9AA0A6"  # after the reveal the other bars step back


def distribution(question: Question, counts: dict[str, int], *, revealed: bool, key: str):
    option_title, count_title = t("ask.round.chart_option"), t("ask.round.chart_count")
    labels = [rounds.option_text(question, option) for option in question.options]
    data = pd.DataFrame(
        {
            option_title: labels,
            count_title: [counts.get(option, 0) for option in question.options],
            "right": [option == question.correct for option in question.options],
        }
    )
    if revealed and question.correct:
        color = alt.condition(alt.datum.right, alt.value(RIGHT_COLOR), alt.value(WRONG_COLOR))
    else:
        color = alt.value(OTHER_COLOR)
    big = is_present()
    base = alt.Chart(data).encode(
        y=alt.Y(
            f"{option_title}:N",
            sort=labels,
            title=None,
            axis=alt.Axis(labelLimit=900 if big else 500),
        ),
        x=alt.X(
            f"{count_title}:Q",
            title=count_title,
            axis=alt.Axis(tickMinStep=1, format="d"),
            scale=alt.Scale(domainMin=0, nice=True),
        ),
        tooltip=[
            alt.Tooltip(f"{option_title}:N", title=option_title),
            alt.Tooltip(f"{count_title}:Q", title=count_title),
        ],
    )
    bars = base.mark_bar(color=OTHER_COLOR).encode(color=color)
    numbers = base.mark_text(align="left", dx=6, fontWeight="bold").encode(
        text=alt.Text(f"{count_title}:Q")
    )
    height = max(160, 70 * len(labels)) if big else max(120, 44 * len(labels))
    return charts.show((bars + numbers).properties(height=height), key=key)
