"""One colour per class, the same in every chart.

Okabe & Ito's eight colour-blind-safe colours, then two of Paul Tol's (wine, teal) for
classes nine and ten: the first colours are distinct for every kind of colour blindness,
and lessons rarely go past eight classes.
"""

CLASS_COLORS = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
    "#882255",  # wine
    "#44AA99",  # teal
)

# Two-series comparisons (cross-entropy against squared error, softmax against sigmoid).
SERIES_COLORS = ("#0072B2", "#D55E00")
MARK_COLOR = "#000000"


def class_colors(n_classes: int) -> list[str]:
    if not 1 <= n_classes <= len(CLASS_COLORS):
        raise ValueError(f"between 1 and {len(CLASS_COLORS)} classes have colours")
    return list(CLASS_COLORS[:n_classes])
