"""The softmax lesson's sections, in the page's order: the logits and their output, the
questions, then one tab each (docs/course.md §1 and §2)."""

from dataclasses import dataclass

import streamlit as st

from core import log_softmax, softmax
from core.softmax_demo import (
    Properties,
    fraction_form,
    log_of_softmax,
    naive_softmax,
    one_vs_rest,
    properties,
    shifted_exponents,
    shifted_terms,
    softmax_terms,
    temperature_grid,
    temperature_sweep,
    two_class_curves,
    two_class_point,
    uniform_entropy,
)
from ui import formula, reveal, stage, study, urlstate
from ui.charts import show_spec
from ui.formula import number
from ui.i18n import plain, t
from ui.lessons.softmax import charts, controls
from ui.lessons.softmax.state import STATE
from ui.shell import is_present

# The lesson's tabs in order, by their code in the link (``?tab=``) and in the catalog
# (``softmax.tab_<code>``).
TABS = ("why", "properties", "overflow", "temperature", "sigmoid")


@dataclass(frozen=True)
class Shown:
    """What the controls set, for the sections below them."""

    logits: list[float]
    names: list[str]
    temperature: float
    facts: Properties  # softmax of the logits at the temperature, unshifted


def introduction() -> None:
    st.title(t("nav.softmax"))
    st.markdown(t("softmax.intro"))


def logits_and_output() -> Shown:
    """The logits, the temperature, and the output they give, side by side."""
    left, stage = st.columns([2, 3], gap="large")
    with left:
        preset_slot = controls.preset_buttons()
        logits = controls.logits_field()
        names = controls.names_field(len(logits))
        controls.preset_caption(preset_slot, logits, names)
        controls.logit_sliders(logits, names)
        temperature = controls.temperature_input()
    shown = Shown(logits, names, temperature, properties(logits, temperature, shift=0.0))
    with stage:
        _output(shown)
    return shown


def _output(shown: Shown) -> None:
    logits, temperature, facts = shown.logits, shown.temperature, shown.facts
    p = facts.probabilities
    st.subheader(t("softmax.output_heading"))
    show_spec(*charts.probability_chart(shown.names, logits, p, facts.output_argmax))
    if temperature == 0:
        formula.show(
            r"\lim_{T \to 0} \operatorname{softmax}(z / T) = $p",
            p=charts.readable_vector(p),
        )
        st.caption(t("softmax.limit_caption"))
    else:
        _live_formula(logits, temperature, p, facts.output_argmax[0])


def _live_formula(logits, temperature, p, k) -> None:
    """The formula for the most probable class with the logits written in."""
    form = fraction_form(logits, temperature)  # plain, overflow or underflow
    shown = charts.formula_terms(logits, temperature)
    terms = {
        "k": str(k + 1),
        "top": shown[k],
        "bottom": " + ".join(shown) if len(shown) <= 4 else r"\sum_j e^{z_j/T}",
        "p": charts.readable(p[k]),
    }
    if form == "plain":
        numerators, total = softmax_terms(logits, temperature)
        formula.show(
            r"\begin{aligned} \hat y_{$k} &= \frac{e^{z_{$k}/T}}{\sum_j e^{z_j/T}}"
            r" = \frac{$top}{$bottom} \\ &= $values = $p \end{aligned}",
            values=charts.fraction(numerators[k], total),
            **terms,
        )
        return
    # What the stable form computes: the largest logit m subtracted first.
    m, shifted, shifted_total = shifted_terms(logits, temperature)
    stable = charts.exponential_terms(shifted_exponents(logits, temperature))
    formula.show(
        r"\begin{aligned} \hat y_{$k} &= \frac{e^{z_{$k}/T}}{\sum_j e^{z_j/T}}"
        r" = \frac{$top}{$bottom} \\"
        r" &= \frac{e^{(z_{$k} - m)/T}}{\sum_j e^{(z_j - m)/T}}\Big|_{m = $m}"
        r" = \frac{$stable_top}{$stable_bottom} \\ &= $values = $p \end{aligned}",
        m=number(m),
        stable_top=stable[k],
        stable_bottom=" + ".join(stable) if len(stable) <= 4 else r"\sum_j e^{(z_j - m)/T}",
        values=charts.fraction(shifted[k], shifted_total),
        **terms,
    )
    key = "softmax.formula_shifted" if form == "overflow" else "softmax.formula_underflow"
    st.caption(t(key, m=number(m)))


def self_study() -> None:
    """The lesson's questions and the code of the formula above them."""
    study.questions_section("softmax")
    study.code_expander([softmax], r"\hat y_k = \frac{e^{z_k / T}}{\sum_j e^{z_j / T}}")


def tabs() -> dict:
    """The tabs, ``code → container``. They are the setting ``tab`` (``?tab=temperature``): a
    reveal, an exercise or a link opens the one that shows its answer."""
    return reveal.lesson_tabs({code: f"softmax.tab_{code}" for code in TABS})


def _at_unit_temperature(temperature: float) -> None:
    """Say so where a tab shows the logits at T = 1 while the slider is elsewhere."""
    if temperature != 1:
        st.caption(t("softmax.at_unit_temperature"))


def why_tab(shown: Shown) -> None:
    """Why not one sigmoid per class: the sigmoids need not sum to one."""
    names = shown.names
    sigmoids, sigmoid_sum, probabilities, softmax_sum = one_vs_rest(shown.logits)
    _at_unit_temperature(shown.temperature)
    words, picture, notes = stage.split("softmax.stage.why", lead=t("softmax.why_intro"))
    with words:
        left, right = st.columns(2)
        left.metric(t("softmax.sigmoid_sum"), number(sigmoid_sum, 3))
        right.metric(t("softmax.softmax_sum"), number(softmax_sum, 3))
    with picture:
        spec, data = charts.one_vs_rest_chart(names, sigmoids, probabilities)
        show_spec(stage.sized(spec, "softmax.stage.why"), data)
    above_half = [name for name, s in zip(names, sigmoids, strict=True) if s > 0.5]
    with notes:
        st.markdown(
            "\n".join(
                [
                    "- " + t("softmax.problem_exclusive", count=len(above_half), total=len(names)),
                    "- " + t("softmax.problem_normalised", total=number(sigmoid_sum, 3)),
                    "- " + t("softmax.problem_scale"),
                ]
            )
        )
    study.code_expander([one_vs_rest], r"\sigma(z_k) = \frac{1}{1 + e^{-z_k}}")


def properties_tab(shown: Shown) -> None:
    """Positive, summing to one, keeping the order; the shift; the course's extreme case."""
    names, facts = shown.names, shown.facts
    words, picture, _ = stage.split("softmax.stage.properties", lead=t("softmax.properties_intro"))
    with words:
        # On the projector, half the width: two numbers a row, the order under them.
        positive, total, order = (
            st.columns(3) if not is_present() else (*st.columns(2), st.container())
        )
        positive.metric(t("softmax.smallest"), number(facts.smallest, 4))
        total.metric(t("softmax.total"), repr(facts.total))
        order.metric(
            t("softmax.argmax_kept"),
            " = ".join(
                [
                    ", ".join(plain(names[i]) for i in facts.logits_argmax),
                    ", ".join(plain(names[i]) for i in facts.output_argmax),
                ]
            ),
        )
        if facts.smallest == 0 and shown.temperature > 0:
            st.caption(t("softmax.underflow_caption"))
        elif shown.temperature == 0:
            st.caption(t("softmax.limit_zero_caption"))
    if is_present():  # the output these numbers are about, beside them on the projector
        with picture:
            spec, data = charts.probability_chart(
                names, shown.logits, facts.probabilities, facts.output_argmax
            )
            bars = 50 * len(names) + 90  # each bar a readable label's height, and the axis
            show_spec(stage.sized(spec, "softmax.stage.properties", grow=False, lowest=bars), data)
    _shift(shown)
    _extreme()
    study.code_expander([properties], r"\operatorname{softmax}(z + c) = \operatorname{softmax}(z)")


def _shift(shown: Shown) -> None:
    st.markdown(f"##### {t('softmax.shift_heading')}")
    shift = urlstate.slider(t("softmax.shift_label"), -10.0, 10.0, 0.0, 0.5, key="shift")
    shifted = properties(shown.logits, shown.temperature, shift)
    formula.show(
        r"z + c = $shifted_logits \quad\Rightarrow\quad"
        r"\operatorname{softmax}\!\left(\frac{z + c}{T}\right) = $after",
        shifted_logits=charts.readable_vector(shifted.shifted_logits),
        after=charts.readable_vector(shifted.shifted),
    )
    st.markdown(t("softmax.shift_result", change=number(shifted.largest_shift_change, 4)))


def _extreme() -> None:
    st.markdown(f"##### {t('softmax.extreme_heading')}")
    true_values = softmax([10, 0, 0])
    formula.show(
        r"\operatorname{softmax}(10, 0, 0) = $true \qquad"
        r"\operatorname{softmax}(1, 1, 1) = $uniform",
        true=charts.readable_vector(true_values),
        uniform=charts.readable_vector(softmax([1, 1, 1])),
    )
    st.info(
        t(
            "softmax.course_mistake",
            big=charts.readable(true_values[0]),
            small=charts.readable(true_values[1]),
        ),
        icon=":material/school:",
    )


def overflow_tab(shown: Shown) -> None:
    """The naive formula overflows; subtracting the largest logit does not."""
    names, logits = shown.names, shown.logits
    st.markdown(t("softmax.overflow_intro"))
    _at_unit_temperature(shown.temperature)
    numerators, naive_total = softmax_terms(logits)
    m, shifted_numerators, shifted_total = shifted_terms(logits)
    naive = naive_softmax(logits)
    stable = softmax(logits)
    naive_col, stable_col = st.columns(2)
    with naive_col:
        st.markdown(f"**{t('softmax.naive_heading')}**")
        formula.show(
            r"\frac{e^{z_k}}{\sum_j e^{z_j}} = $values",
            values=charts.readable_vector(naive),
        )
    with stable_col:
        st.markdown(f"**{t('softmax.stable_heading', m=number(m))}**")
        formula.show(
            r"\frac{e^{z_k - m}}{\sum_j e^{z_j - m}} = $values",
            values=charts.readable_vector(stable),
        )
    st.table(
        charts.overflow_table(
            names,
            logits,
            numerators,
            naive,
            shifted_numerators,
            stable,
            (naive_total, shifted_total),
        )
    )
    _log_softmax(names, logits)


def _log_softmax(names, logits) -> None:
    st.markdown(f"##### {t('softmax.log_heading')}")
    st.markdown(t("softmax.log_intro"))
    st.table(charts.log_table(names, logits, log_of_softmax(logits), log_softmax(logits)))
    st.button(
        t("softmax.try_log_example"),
        icon=":material/science:",
        on_click=STATE.use_logits,
        args=("1000, 1",),
    )
    study.code_expander(
        [naive_softmax, softmax, log_softmax],
        r"\frac{e^{z_k}}{\sum_j e^{z_j}} = \frac{e^{z_k - m}}{\sum_j e^{z_j - m}},"
        r"\quad m = \max_j z_j",
    )


def temperature_tab(shown: Shown) -> None:
    """Each class's probability as the temperature sweeps 0.01 … 100, and the entropy."""
    names, logits, temperature, facts = shown.names, shown.logits, shown.temperature, shown.facts
    temperatures = temperature_grid(0.01, 100, 161)
    sweep = temperature_sweep(logits, temperatures)
    marked_T = temperature if temperature > 0 else float(temperatures[0])
    current = {"T": marked_T, "p": list(facts.probabilities)}
    words, picture, notes = stage.split("softmax.stage.temperature", (2, 3))
    with words:
        st.markdown(t("softmax.temperature_intro"))
    with picture:
        spec, data = charts.temperature_chart(names, temperatures, sweep, current)
        show_spec(stage.sized(spec, "softmax.stage.temperature"), data)
    with notes:
        entropy_col, max_col = st.columns(2)
        entropy_col.metric(t("softmax.entropy"), number(facts.entropy, 4))
        max_col.metric(
            t("softmax.entropy_max", count=len(logits)), number(uniform_entropy(len(logits)), 4)
        )
        st.caption(t("softmax.entropy_caption"))
    study.code_expander([temperature_sweep], r"\operatorname{softmax}(z / T)")


def sigmoid_tab(shown: Shown) -> None:
    """Two classes: the softmax of the first is the sigmoid of the difference."""
    logits, names = shown.logits, shown.names
    z1, z2 = logits[0], logits[1]
    difference, first, differences = two_class_point(z1, z2)
    softmax_first, sigmoid_curve = two_class_curves(differences)
    words, picture, notes = stage.split("softmax.stage.sigmoid", (2, 3))
    with words:
        st.markdown(t("softmax.sigmoid_intro"))
        formula.show(
            r"\hat y_1 = \frac{e^{z_1}}{e^{z_1} + e^{z_2}}"
            r" = \frac{1}{1 + e^{-(z_1 - z_2)}} = \sigma(z_1 - z_2)"
        )
    with picture:
        spec, data = charts.two_class_chart(
            differences, softmax_first, sigmoid_curve, {"d": difference, "value": first}
        )
        show_spec(stage.sized(spec, "softmax.stage.sigmoid"), data)
    with notes:
        formula.show(
            r"\operatorname{softmax}($z1, $z2)_1 = $p = \sigma($d)",
            digits=6,
            z1=z1,
            z2=z2,
            d=difference,
            p=first,
        )
        if len(logits) > 2:
            st.caption(t("softmax.first_two", first=plain(names[0]), second=plain(names[1])))
    study.code_expander(
        [two_class_curves], r"\operatorname{softmax}(z_1, z_2)_1 = \sigma(z_1 - z_2)"
    )


def next_lesson() -> None:
    study.next_lesson("softmax")
