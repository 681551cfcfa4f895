"""The training lesson's panels around the live view: the parameters and their gradients,
one point up close, and what to do when a run diverges."""

import numpy as np
import pandas as pd
import streamlit as st

from core import liverun
from ui import formula, urlstate
from ui.i18n import plain, t
from ui.shell import is_present


def divergence_message(divergence, learning_rate) -> str:
    """What blew up, when, and what to do: the text shown when a run stops by itself."""
    return t(
        f"training.diverged.{divergence.what}",
        epoch=divergence.epoch,
        objective=formula.number(divergence.objective),
        weight=formula.number(divergence.largest_weight),
        lr=f"{learning_rate:g}",
    )


def gradient_rules(loss: str, l2: float) -> None:
    """How the gradients beside the picture are computed (its numbers are in readout.py)."""
    if loss == "cross_entropy":
        rule = r"\nabla_W = \tfrac{1}{n} X^\top(\hat Y - Y)"
        bias_rule = r"\nabla_b = \tfrac{1}{n}\textstyle\sum_i (\hat y_i - y_i)"
    else:
        rule = r"\nabla_W = X^\top \tfrac{\partial L}{\partial O}"
        bias_rule = r"\nabla_b = \textstyle\sum_i \tfrac{\partial L}{\partial o_i}"
    penalty = rf" + {formula.latex_number(l2)}\,W" if l2 > 0 else ""
    st.latex(rf"\small {rule}{penalty},\qquad {bias_rule}")


def inspect_point(X, y, is_test, W, b, class_names, *, n_train, loss) -> None:
    """Pick a point by its number: its logits, probabilities, loss, and gradient share."""
    st.subheader(t("training.inspect_header"))
    # A setting like the others (ui/urlstate.py, URL name ``point``): kept across a visit to
    # another lesson and shared by a link. New data with fewer points pulls it into range.
    held = urlstate.value("point")
    if isinstance(held, int | float) and held > len(y) - 1:
        urlstate.set_value("point", float(len(y) - 1))
    index = urlstate.integer_input(
        t("training.inspect_index", last=len(y) - 1),
        0,
        len(y) - 1,
        0,
        key="point",
        help=t("training.inspect_help"),
    )
    index = int(min(index, len(y) - 1))
    z, p, value, share_W, share_b = liverun.point_details(
        X[index], int(y[index]), W, b, n_samples=n_train, loss=loss
    )
    split = t("training.chart.test") if is_test[index] else t("training.chart.train")
    st.markdown(
        t(
            "training.inspect_point",
            index=index,
            x1=formula.number(X[index, 0], 3),
            x2=formula.number(X[index, 1], 3),
            label=plain(class_names[y[index]]),
            split=split,
            predicted=plain(class_names[int(np.argmax(z))]),
        )
    )
    table = pd.DataFrame(
        {
            t("training.inspect_logit"): z,
            t("training.inspect_probability"): p,
            "∂W · x₁": share_W[0],
            "∂W · x₂": share_W[1],
            "∂b": share_b,
        },
        index=class_names,
    )
    if is_present():
        # A table of text, in the page's large type: a dataframe draws its cells on a canvas
        # in the theme's small font, whatever the page's CSS says.
        st.table(table.map(lambda value: f"{value:.4g}"))
    else:
        # Four significant digits by column format, in the browser: a pandas Styler cost
        # more server time than the rest of this section.
        st.dataframe(
            table,
            width="stretch",
            column_config={name: st.column_config.NumberColumn(format="%.4g") for name in table},
        )
    loss_name = t(f"training.loss.{loss}")
    st.markdown(t("training.inspect_loss", loss=loss_name, value=formula.number(value)))
    if is_test[index]:
        st.caption(t("training.inspect_test_note"))
