"""The softmax lesson page: set a widget or a link, read the numbers a person sees."""

import json
import math

import numpy as np
import pytest
import scipy.special
import scipy.stats
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from tests.apptest import APP, TIMEOUT, answer, assert_clean, open_page, texts
from ui import nav
from ui.i18n import CATALOGS
from ui.questions import EXERCISES, by_id, for_lesson

EN, ZH = CATALOGS["en"], CATALOGS["zh"]
LESSON = next(lesson for lesson in nav.LESSONS if lesson.key == "softmax")


def interactive(lang="en", **query) -> AppTest:
    """The page ready for several runs in a row.

    ``open_page`` switches page before the first run, when AppTest can only name the page
    by its file name; later runs then address it by its URL path and every widget gets a
    new id once. Opening the home page first, then the lesson, then setting the language
    leaves a session whose widgets keep their ids from run to run, as in a browser.
    """
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"lang": lang, **{name: str(value) for name, value in query.items()}})
    at.run()
    at.switch_page(str(LESSON.path.relative_to(APP.parent))).run()
    at.sidebar.radio(key="lang").set_value(lang).run()
    assert_clean(at)
    return at


def chart_rows(at: AppTest, index: int = 0):
    """The data of the ``index``-th chart on the page, as a DataFrame."""
    chart = at.get("vega_lite_chart")[index].proto
    return convert_arrow_bytes_to_pandas_df(chart.datasets[0].data.data)


def open_tab(at: AppTest, tab: str) -> AppTest:
    """Open a tab of the lesson, as a click does (only the open tab's content runs)."""
    at.session_state["softmax.tab"] = EN[f"softmax.tab_{tab}"]
    return at.run()


def bar_labels(at: AppTest) -> list[str]:
    return [label.replace("← argmax", "").strip() for label in chart_rows(at)["label"]]


def metric(at: AppTest, label: str) -> str:
    return next(item.value for item in at.metric if item.label == label)


def slider_values(at: AppTest) -> list[float]:
    return [s.value for s in at.slider if s.key.startswith("logit_")]


def param(at: AppTest, name: str):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


# --- Logits: text field, sliders, presets, names -----------------------------------


def test_default_view_shows_the_course_example_in_english_and_chinese():
    for lang, catalog in (("en", EN), ("zh", ZH)):
        at = open_page("softmax", lang=lang)
        assert_clean(at)
        assert at.text_input(key="softmax.logits").value == "2, 1, 0.1"
        assert slider_values(at) == [2, 1, 0.1]
        rows = chart_rows(at)
        assert list(rows["class"]) == catalog["softmax.default_names"].split(", ")[:3]
        np.testing.assert_allclose(rows["p"], scipy.special.softmax([2, 1, 0.1]), rtol=1e-12)
        assert catalog["softmax.tab_overflow"] in [tab.label for tab in at.tabs]


def test_dragging_a_slider_rewrites_the_text_and_the_link():
    at = interactive()
    at.slider(key="logit_1").set_value(3.5).run()
    assert_clean(at)
    assert at.text_input(key="softmax.logits").value == "2, 3.5, 0.1"
    assert param(at, "logits") == "2, 3.5, 0.1"
    np.testing.assert_allclose(chart_rows(at)["p"], scipy.special.softmax([2, 3.5, 0.1]))


def test_a_late_slider_change_does_not_rewrite_logits_of_another_length():
    """A lecture plan's next view set "3,1" while a slider of the four logits before it
    still sent a change: that change belongs to logits no longer shown (issue #12)."""
    at = interactive(logits="0.5, 2.2, -1, 0.3")
    at.text_input(key="softmax.logits").input("3, 1")
    at.slider(key="logit_0").set_value(3.0).run()
    assert_clean(at)
    assert at.text_input(key="softmax.logits").value == "3, 1"
    assert slider_values(at) == [3, 1]


def test_typing_logits_moves_the_sliders_and_widens_their_range():
    at = interactive()
    at.text_input(key="softmax.logits").input("1000, 0, 1000, -3").run()
    assert_clean(at)
    assert slider_values(at) == [1000, 0, 1000, -3]
    assert at.slider(key="logit_0").max == 1000 and at.slider(key="logit_0").min == -1000


@pytest.mark.parametrize(
    ("preset", "logits", "expected"),
    [
        ("(2, 1, 0.1)", [2, 1, 0.1], ["0.659001", "0.242433", "0.098566"]),
        ("(10, 0, 0)", [10, 0, 0], ["0.999909", "0.0000454", "0.0000454"]),
        ("(1, 1, 1)", [1, 1, 1], ["0.333333"] * 3),
        ("(1000, 0, 1000)", [1000, 0, 1000], ["0.5", "0", "0.5"]),
    ],
)
def test_presets_set_the_logits_and_print_every_value(preset, logits, expected):
    at = interactive(logits="5, 5")
    next(button for button in at.button if button.label == preset).click().run()
    assert_clean(at)
    assert slider_values(at) == logits
    assert bar_labels(at) == expected
    np.testing.assert_allclose(chart_rows(at)["p"], scipy.special.softmax(logits), atol=1e-15)


def test_dog_cat_chicken_preset_names_the_classes_and_marks_cat():
    at = interactive()
    next(button for button in at.button if button.label.startswith("dog")).click().run()
    rows = chart_rows(at)
    assert list(rows["class"]) == ["dog", "cat", "chicken"]
    assert list(rows["is_argmax"]) == [False, True, False]
    assert "argmax" in rows["label"][1]
    assert at.text_input(key="softmax.names").value == "dog, cat, chicken"


def test_names_fill_with_defaults_and_repeats_are_refused():
    at = open_page("softmax", lang="en", logits="1, 2, 3", names="lion")
    assert list(chart_rows(at)["class"]) == ["lion", "cat", "dog"]
    at = open_page("softmax", lang="en", names="a, a")
    assert_clean(at)
    assert EN["softmax.names_repeat"] in texts(at)
    assert list(chart_rows(at)["class"]) == ["cat", "dog", "chicken"]


# --- Probabilities and the formula -------------------------------------------------


def test_formula_shows_the_current_numbers_and_argmax():
    at = open_page("softmax", lang="en")
    formula = at.latex[0].value
    assert r"\frac{e^{2}}{e^{2} + e^{1} + e^{0.1}}" in formula
    assert r"\frac{7.3891}{11.2125}" in formula and "0.659001" in formula
    assert list(chart_rows(at)["is_argmax"]) == [True, False, False]


def test_formula_switches_to_the_shifted_form_when_exp_overflows():
    at = open_page("softmax", lang="en", logits="1000, 0, 1000")
    assert r"\frac{1}{2} = 0.5" in at.latex[0].value
    assert EN["softmax.formula_shifted"] in texts(at)


# --- Temperature ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("temperature", "rounded"),
    [("0.5", (0.864, 0.117, 0.019)), ("1", (0.659, 0.242, 0.099)), ("5", (0.400, 0.327, 0.273))],
)
def test_course_temperature_examples(temperature, rounded):
    at = open_page("softmax", lang="en", T=temperature)
    assert at.select_slider(key="softmax.T").value == temperature
    shown = chart_rows(at)["p"]
    by_hand = np.exp(np.array([2, 1, 0.1]) / float(temperature))
    np.testing.assert_allclose(shown, by_hand / by_hand.sum(), rtol=1e-12)
    np.testing.assert_allclose(np.round(shown, 3), rounded)


def test_temperature_chart_marks_the_current_t_and_shows_entropy():
    at = open_tab(open_page("softmax", lang="en", T="0.5"), "temperature")
    sweep = chart_rows(at, 1)  # the output, then the open tab's chart
    assert set(sweep["class"]) == {"cat", "dog", "chicken"}
    assert sweep["T"].min() == pytest.approx(0.01) and sweep["T"].max() == pytest.approx(100)
    cold, hot = sweep[sweep["T"] == sweep["T"].min()], sweep[sweep["T"] == sweep["T"].max()]
    assert cold["p"].max() > 0.999 and hot["p"].max() < 0.35  # one-hot … uniform
    spec = at.get("vega_lite_chart")[1].proto.spec
    assert "rule" in spec
    expected = scipy.stats.entropy(scipy.special.softmax(np.array([2, 1, 0.1]) / 0.5))
    assert float(metric(at, EN["softmax.entropy"])) == pytest.approx(expected, abs=5e-5)


def test_zero_temperature_limit_is_one_hot_with_ties_split():
    at = open_page("softmax", lang="en", T="0", logits="1000, 0, 1000")
    assert_clean(at)
    assert at.select_slider(key="softmax.T").value == "0"
    assert bar_labels(at) == ["0.5", "0", "0.5"]
    assert r"\lim_{T \to 0}" in at.latex[0].value


def test_step_buttons_move_t_and_have_shortcuts_in_projection_mode():
    at = interactive()
    raise_t = next(b for b in at.button if b.label == EN["softmax.flatter"])
    assert not raise_t.proto.shortcut
    raise_t.click().run()
    assert at.select_slider(key="softmax.T").value == "1.2"
    assert param(at, "T") == "1.2"
    next(b for b in at.button if b.label == EN["softmax.sharper"]).click().run()
    next(b for b in at.button if b.label == EN["softmax.sharper"]).click().run()
    assert at.select_slider(key="softmax.T").value == "0.8"
    at = open_page("softmax", lang="en", present="true")
    shortcuts = {b.label: b.proto.shortcut for b in at.button}
    assert shortcuts[EN["softmax.sharper"]] == "left"
    assert shortcuts[EN["softmax.flatter"]] == "right"
    assert EN["softmax.keys_hint"] in texts(at)


def test_a_temperature_between_stops_snaps_to_the_nearest():
    at = open_page("softmax", lang="en", T="0.37")
    assert_clean(at)
    assert at.select_slider(key="softmax.T").value == "0.4"
    assert not at.warning


# --- Properties ----------------------------------------------------------------------


def test_properties_are_shown_live():
    at = open_page("softmax", lang="en", logits="-1, 4, 2.5")
    assert float(metric(at, EN["softmax.smallest"])) > 0
    assert float(metric(at, EN["softmax.total"])) == pytest.approx(1, abs=1e-15)
    assert metric(at, EN["softmax.argmax_kept"]) == "dog = dog"


def test_shift_slider_leaves_the_output_unchanged():
    at = interactive()
    at.slider(key="softmax.shift").set_value(5.0).run()
    assert_clean(at)
    shift_formula = next(x.value for x in at.latex if "z + c" in x.value)
    assert r"\left(7, 6, 5.1\right)" in shift_formula
    assert r"\left(0.659001, 0.242433, 0.098566\right)" in shift_formula
    result = next(m.value for m in at.markdown if m.value.startswith("Largest change"))
    assert float(result.split("**")[1]) < 1e-15


def test_course_mistake_shows_the_true_softmax_10_0_0():
    at = open_page("softmax", lang="en")
    note = at.info[0].value
    true = scipy.special.softmax([10, 0, 0])
    assert f"{true[0]:.6f}" == "0.999909" and f"{true[1]:.7f}" == "0.0000454"
    assert "[0.999909, 0.0000454, 0.0000454]" in note and "0.0004" in note
    assert any(r"\left(0.333333, 0.333333, 0.333333\right)" in x.value for x in at.latex)


# --- Overflow --------------------------------------------------------------------------


def test_naive_softmax_shows_nan_where_the_stable_form_gives_a_half():
    at = open_tab(open_page("softmax", lang="en", logits="1000, 0, 1000"), "overflow")
    assert_clean(at)
    table = at.table[0].value
    assert list(table["e^z"]) == ["∞", "1", "∞", "∞"]
    assert list(table[EN["softmax.naive_column"]])[:3] == ["NaN", "0", "NaN"]
    assert list(table[EN["softmax.stable_column"]])[:3] == ["0.5", "0", "0.5"]
    naive, stable = (
        x.value
        for x in at.latex
        if r"\sum_j e^{z_j" in x.value and "_k" in x.value and r"\left(" in x.value
    )
    assert r"\text{NaN}" in naive and r"\left(0.5, 0, 0.5\right)" in stable


def test_log_of_softmax_against_log_softmax_for_1000_1():
    at = open_tab(interactive(), "overflow")
    next(b for b in at.button if b.label == EN["softmax.try_log_example"]).click().run()
    table = at.table[1].value
    assert list(table["log(softmax(z))"]) == ["0", "-∞"]
    assert list(table["log_softmax(z)"]) == ["0", "-999"]
    assert scipy.special.log_softmax([1000, 1])[1] == -999


# --- Two classes and one-vs-rest ---------------------------------------------------------


def test_two_classes_are_the_sigmoid():
    at = open_tab(open_page("softmax", lang="en", logits="3, 1"), "sigmoid")
    shown = next(x.value for x in at.latex if r"\sigma(2)" in x.value)
    assert "0.880797" in shown and round(float(scipy.special.expit(2)), 6) == 0.880797
    curves = chart_rows(at, 1)
    assert curves["d"].min() == -10 and curves["d"].max() == 10
    by_curve = {name: group["value"].to_numpy() for name, group in curves.groupby("curve")}
    first, second = by_curve.values()
    np.testing.assert_allclose(first, second, rtol=1e-14)


def test_one_vs_rest_sums_against_softmax():
    at = open_page("softmax", lang="en")
    assert metric(at, EN["softmax.sigmoid_sum"]) == "2.137"
    assert metric(at, EN["softmax.softmax_sum"]) == "1"
    assert round(sum(scipy.special.expit([2, 1, 0.1])), 3) == 2.137
    bars = chart_rows(at, 1)
    sigmoids = bars[bars["kind"] == "σ(zₖ)"]["label"].tolist()
    assert sigmoids == ["0.881", "0.731", "0.525"]
    page = texts(at)
    for problem in ("exclusive", "normalised", "scale"):
        assert EN[f"softmax.problem_{problem}"].split("**")[1] in page


# --- Bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("1, abc", "`abc` is not a number"),
        ("nan, 1", "not a finite number"),
        ("inf, 1", "not a finite number"),
        ("", "Type at least one number"),
        ("5", "You gave 1 values"),
        (", ".join(["1"] * 11), "You gave 11 values"),
        ("1e9, 0", "outside the allowed range"),
    ],
)
def test_bad_logits_show_a_message_and_keep_the_last_valid(typed, fragment):
    at = interactive(logits="3, 1, 2")
    at.text_input(key="softmax.logits").input(typed).run()
    assert_clean(at)
    assert any(fragment in error.value for error in at.error), [e.value for e in at.error]
    assert slider_values(at) == [3, 1, 2]
    np.testing.assert_allclose(chart_rows(at)["p"], scipy.special.softmax([3, 1, 2]))


def test_bad_logits_message_is_in_chinese_in_chinese():
    at = interactive("zh")
    at.text_input(key="softmax.logits").input("1, x").run()
    assert any("不是数字" in error.value for error in at.error)


@pytest.mark.parametrize(
    ("name", "value"), [("T", "abc"), ("T", "500"), ("T", "-1"), ("shift", "99"), ("shift", "x")]
)
def test_bad_link_values_are_reported_and_ignored(name, value):
    at = open_page("softmax", lang="en", **{name: value})
    assert_clean(at)
    assert any(value in warning.value for warning in at.warning)
    assert (
        at.select_slider(key="softmax.T").value == "1" and at.slider(key="softmax.shift").value == 0
    )


def test_bad_logits_in_the_link_show_the_default():
    at = open_page("softmax", lang="en", logits="1, 2, banana")
    assert_clean(at)
    assert any(EN["softmax.kept_default"] in error.value for error in at.error)
    np.testing.assert_allclose(chart_rows(at)["p"], scipy.special.softmax([2, 1, 0.1]))


def test_a_link_reproduces_the_view():
    at = open_page("softmax", lang="en", logits="4, -2", names="yes, no", T="2", shift="1.5")
    assert_clean(at)
    assert at.text_input(key="softmax.logits").value == "4, -2"
    assert at.select_slider(key="softmax.T").value == "2"
    assert at.slider(key="softmax.shift").value == 1.5
    rows = chart_rows(at)
    assert list(rows["class"]) == ["yes", "no"]
    np.testing.assert_allclose(rows["p"], scipy.special.softmax(np.array([4, -2]) / 2))
    assert not math.isnan(rows["p"].sum())


# --- Where a reveal, a link or an exercise shows its answer (issue: reveals) ---------


def scroll_targets(at: AppTest) -> list[str]:
    """The keys the reveal's scroll component asks the browser to bring into view."""
    return [
        json.loads(element.proto.json)["target"]
        for element in at.get("bidi_component")
        if element.proto.component_name == "softmax_explorer.reveal_scroll"
    ]


@pytest.mark.parametrize("question", for_lesson("softmax"), ids=lambda question: question.id)
def test_a_reveal_opens_the_tab_that_shows_the_answer_and_scrolls_to_it(question):
    at = interactive()
    assert at.session_state["softmax.tab"] == EN["softmax.tab_why"]
    answer(at, question)
    assert_clean(at)
    assert question.tab, "every softmax question names the tab that shows its answer"
    assert question.where == f"softmax.tab_{question.tab}"
    assert at.session_state["softmax.tab"] == EN[question.where]
    assert param(at, "tab") == (None if question.tab == "why" else question.tab)
    assert scroll_targets(at) == ["softmax.tab"]
    caption = EN["study.revealed_tab"].format(where=EN[question.where])
    assert caption in [item.value for item in at.caption]
    at.run()  # the scroll is asked for once, not at every later run
    assert scroll_targets(at) == []


def test_the_temperature_reveal_shows_the_temperature_tab_content():
    at = interactive()
    answer(at, by_id("temperature_up"))
    assert EN["softmax.entropy_caption"] in texts(at)  # only the open tab's content runs
    assert at.session_state["softmax.T"] == "5"


def test_a_link_opens_its_tab_in_either_language_and_a_bad_one_is_reported():
    for lang, catalog in (("en", EN), ("zh", ZH)):
        at = open_page("softmax", lang=lang, tab="overflow", logits="1000, 0, 1000")
        assert_clean(at)
        assert at.session_state["softmax.tab"] == catalog["softmax.tab_overflow"]
        assert list(at.table[0].value["e^z"])[:3] == ["∞", "1", "∞"]
        assert param(at, "tab") == "overflow"
    at = open_page("softmax", lang="en", tab="nowhere")
    assert_clean(at)
    assert any("nowhere" in warning.value for warning in at.warning)
    assert at.session_state["softmax.tab"] == EN["softmax.tab_why"]


def test_a_clicked_tab_goes_to_the_link_and_survives_a_language_switch():
    at = open_tab(interactive(), "sigmoid")
    assert param(at, "tab") == "sigmoid"
    at.sidebar.radio(key="lang").set_value("zh").run()
    assert_clean(at)
    assert at.session_state["softmax.tab"] == ZH["softmax.tab_sigmoid"]
    assert param(at, "tab") == "sigmoid"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_an_exercise_opens_the_tab_it_is_about(exercise):
    at = open_page("home", lang="en")
    at.button(key=f"study.ex.{exercise.id}").click().run()
    assert_clean(at)
    code = exercise.params["tab"]
    assert at.session_state["softmax.tab"] == EN[f"softmax.tab_{code}"]
    assert param(at, "tab") == code
    assert scroll_targets(at) == ["softmax.tab"]


# --- Formulas at the edges ---------------------------------------------------------


def test_the_formula_says_e_to_the_z_underflowed_and_shows_the_stable_form():
    at = open_page("softmax", lang="en", logits="-1000, -1000")
    assert_clean(at)
    formula = at.latex[0].value
    assert r"\frac{0}{0}" not in formula
    assert r"\frac{e^{-1000}}{e^{-1000} + e^{-1000}}" in formula
    assert r"m = -1000" in formula and r"\frac{e^{0}}{e^{0} + e^{0}}" in formula
    assert r"\frac{1}{2} = 0.5" in formula
    assert EN["softmax.formula_underflow"].format(m="-1000") in texts(at)
    assert EN["softmax.formula_shifted"] not in texts(at)


def test_a_subnormal_sum_is_not_shown_as_a_fraction_of_lost_digits():
    # e^-740 and e^-741 are subnormal: their plain ratio has lost digits.
    at = open_page("softmax", lang="en", logits="-740, -741")
    formula = at.latex[0].value
    expected = scipy.special.softmax([-740.0, -741.0])[0]
    assert r"\frac{1}{1.3679} = " + f"{expected:.6f}" in formula
    assert EN["softmax.formula_underflow"].format(m="-740") in texts(at)


def test_the_overflow_formula_shows_the_stable_step_too():
    at = open_page("softmax", lang="en", logits="1000, 0, 1000")
    formula = at.latex[0].value
    assert r"m = 1000" in formula and r"\frac{e^{0}}{e^{0} + e^{-1000} + e^{0}}" in formula


# --- Presets and names say what they do -------------------------------------------


def captions(at: AppTest) -> list[str]:
    return [item.value for item in at.caption]


def test_a_presets_caption_goes_once_its_values_are_edited():
    at = interactive(logits="5, 5")
    assert not any(text.startswith("Example (") for text in captions(at))
    next(button for button in at.button if button.label == "(1000, 0, 1000)").click().run()
    shown = EN["softmax.preset_shown"].format(
        logits="1000, 0, 1000", what=EN["softmax.preset.overflow"]
    )
    assert shown in captions(at)
    at.text_input(key="softmax.logits").input("1000, 0, 999").run()
    assert_clean(at)
    assert not any(text.startswith("Example (") for text in captions(at))
    at.slider(key="logit_2").set_value(1000.0).run()  # back to the preset's values
    assert shown in captions(at)


def test_the_animal_presets_caption_needs_its_names_too():
    at = interactive()
    next(button for button in at.button if button.label.startswith("dog")).click().run()
    assert any(EN["softmax.preset.animals"] in text for text in captions(at))
    at.text_input(key="softmax.names").input("dog, cat, hen").run()
    assert not any(text.startswith("Example (") for text in captions(at))


def test_default_names_added_to_too_few_names_are_said():
    at = open_page("softmax", lang="en", logits="1, 2, 3", names="lion")
    expected = EN["softmax.names_filled"].format(given=1, count=3, added="cat, dog")
    assert expected in captions(at)
    at = open_page("softmax", lang="zh", logits="1, 2, 3", names="狮子")
    assert ZH["softmax.names_filled"].format(given=1, count=3, added="猫, 狗") in captions(at)
    at = open_page("softmax", lang="en", logits="1, 2", names="a, b, c")
    assert EN["softmax.names_extra"].format(extra=1, count=2) in captions(at)
    at = open_page("softmax", lang="en", logits="1, 2", names="a, b")
    assert not any("default names" in text for text in captions(at))


def test_typed_class_names_stay_plain_text_in_labels_and_captions():
    at = open_page("softmax", lang="en", logits="3, 1, 0", names="*x*, $y$, :z:", tab="sigmoid")
    assert_clean(at)
    assert at.slider(key="logit_0").label.endswith(r"\*x\*")
    assert at.slider(key="logit_1").label.endswith(r"\$y\$")
    first_two = EN["softmax.first_two"].format(first=r"\*x\*", second=r"\$y\$")
    assert first_two in captions(at)
