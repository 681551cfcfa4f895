"""The images lesson's 2×2 example as charts: the image (a click picks a pixel) and the
notes' W row by row, each class's four weights a 2×2 picture on the lesson's diverging
scale."""

import altair as alt

from ui import charts
from ui.lessons.images.charts import NEGATIVE_HEX, PICK, POSITIVE_HEX


@charts.template
def toy_pixels_spec(height: int):
    """A 2×2 image as four grey squares, each with its name and value (x₁ x₂ / x₃ x₄); a
    click selects one (``PICK``: its index ``i``)."""
    base = alt.Chart(alt.NamedData(name="pixels")).encode(
        x=alt.X("column:O", axis=None), y=alt.Y("row:O", axis=None)
    )
    pick = alt.selection_point(name=PICK, fields=["i"], on="click", clear=False)
    cells = (
        base.mark_rect(stroke="#888", cursor="pointer")
        .encode(
            color=alt.Color(
                "value:Q", scale=alt.Scale(domain=[0, 1], range=["#000", "#fff"]), legend=None
            )
        )
        .add_params(pick)
    )
    text = base.mark_text(fontSize=charts.text_size(14)).encode(
        text="label:N",
        color=alt.condition("datum.value > 0.5", alt.value("#000"), alt.value("#fff")),
    )
    return (cells + text).properties(width=height, height=height)


def toy_pixels_data(values) -> list[dict]:
    return [
        {"i": j, "row": j // 2, "column": j % 2, "value": float(v), "label": f"x{j + 1} = {v:.2f}"}
        for j, v in enumerate(values)
    ]


@charts.template
def toy_templates_spec(names: tuple[str, ...], height: int):
    """The notes' W row by row: each class's four weights as a 2×2 picture (diverging)."""
    base = alt.Chart(alt.NamedData(name="weights")).encode(
        x=alt.X("column:O", axis=None), y=alt.Y("row:O", axis=None)
    )
    cells = base.mark_rect(stroke="#888").encode(
        color=alt.Color(
            "w:Q",
            scale=alt.Scale(domainMid=0, range=[NEGATIVE_HEX, "#ffffff", POSITIVE_HEX]),
            legend=None,
        )
    )
    text = base.mark_text(fontSize=charts.text_size(12)).encode(text=alt.Text("w:Q", format=".2f"))
    return (
        (cells + text)
        .properties(width=height, height=height)
        .facet(column=alt.Column("class:N", sort=list(names), title=None))
    )


def toy_templates_data(W_rows, names) -> list[dict]:
    return [
        {"class": names[k], "row": j // 2, "column": j % 2, "w": float(W_rows[k, j])}
        for k in range(len(names))
        for j in range(W_rows.shape[1])
    ]
