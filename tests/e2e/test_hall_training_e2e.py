"""The training lesson in the lecture hall (issue #12), in Chromium: in projection mode a
link opens one screen holding the regions, Play / Step / Reset, the epoch, loss and
accuracy, and W, b, ∇W, ∇b, at 1920×1080 and 1280×720 (a browser's address bar leaves
about 950 and 620 pixels), in both languages; a link names the epoch on screen."""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, screenshot, wait_until_idle
from ui.i18n import CATALOGS

SCREENS = {"1920": (1920, 950), "1280": (1280, 620)}


def _inside(page, locator, what: str) -> None:
    """``locator``'s box lies wholly inside the window (nothing to scroll to see it)."""
    box = locator.bounding_box()
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    assert box is not None, f"{what} is not on the page"
    assert box["y"] >= 0 and box["y"] + box["height"] <= height + 1, f"{what}: {box} vs {height}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"{what}: {box} vs {width}"


def _open(page, url: str) -> None:
    page.goto(url)
    wait_until_idle(page)
    # The chart's height follows the window's, which the page learns after its first run.
    page.wait_for_timeout(600)
    wait_until_idle(page)


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_trained_view_fits_one_projected_screen(server_url, new_page, lang, screen):
    strings = CATALOGS[lang]
    width, height = SCREENS[screen]
    page = new_page(locale="zh-CN" if lang == "zh" else "en-US", width=width, height=height)
    _open(page, f"{server_url}/training?lang={lang}&present=true&epoch=40")
    assert_no_exception(page)
    body = main(page)
    metrics = body.locator(".sx-player-number")  # above the picture (training/player.py)
    expect(body.locator(".sx-player-epoch")).to_have_text("40")
    _inside(page, body.locator(".st-key-training-play button"), "Play")
    _inside(page, body.locator(".st-key-training-step button"), "Step")
    _inside(page, body.locator(".st-key-training-reset button"), "Reset")
    labels = [strings[key] for key in ("training.epoch", "training.train_loss")]
    labels.append(strings["training.train_accuracy"])
    for label in labels:
        _inside(page, metrics.filter(has_text=label).first, label)
    _inside(page, body.locator(".sx-player canvas"), "the regions")
    tables = body.locator(".sx-readout-matrices")  # beside the picture (training/readout.py)
    expect(tables).to_contain_text("W")
    _inside(page, tables, "W, b, ∇W and ∇b")
    screenshot_name = f"hall-training-{lang}-{screen}"
    page.screenshot(path=_shots() / f"{screenshot_name}.png")
    # Play keeps the picture on the screen.
    body.locator(".st-key-training-play button").click()
    expect(body.locator(".sx-player")).to_have_attribute("data-playing", "1")
    page.wait_for_timeout(1500)
    _inside(page, body.locator(".sx-player canvas"), "the live regions")
    body.locator(".st-key-training-play button").click()
    wait_until_idle(page)
    assert "epoch=" in page.url and "play=" not in page.url


def test_the_settings_wait_beside_play_and_a_link_can_show_them(server_url, new_page):
    page = new_page(width=1920, height=950)
    _open(page, f"{server_url}/training?lang=en&present=true")
    body = main(page)
    expect(
        body.locator('[data-testid="stExpander"]').filter(has_text="Gradient descent")
    ).to_have_count(0)
    body.get_by_role("button", name="Settings").click()
    panel = page.locator('[data-testid="stPopoverBody"]')
    panel.get_by_role("tab", name="Gradient descent").click()
    expect(panel.get_by_text("Learning rate")).to_be_visible()
    page.keyboard.press("Escape")
    _open(page, f"{server_url}/training?lang=en&present=true&settings=shown")
    expect(
        body.locator('[data-testid="stExpander"]').filter(has_text="Gradient descent")
    ).to_have_count(1)
    screenshot(page, "hall-training-settings-shown")
    assert_no_exception(page)


def _shots():
    from tests.e2e.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def test_the_shortcuts_work_whatever_widget_last_had_focus(server_url, new_page):
    """A touched slider keeps → only while the pointer is on it; a clicked button does not
    take Space for itself (ui/keys.js)."""
    page = new_page(width=1400, height=1000)
    _open(page, f"{server_url}/training?lang=en")
    body = main(page)
    metric = body.locator(".sx-player-epoch")
    slider = body.locator(".st-key-training-lr [data-testid='stSlider']")
    slider.hover()
    slider.locator("input[type=range]").focus()  # the learning rate's slider has the focus
    page.keyboard.press("ArrowRight")  # the pointer is on it: the slider's own key
    wait_until_idle(page)
    assert "lr=0.2" in page.url
    expect(metric).to_have_text("0")
    page.mouse.move(5, 5)  # the pointer leaves the slider
    page.keyboard.press("ArrowRight")
    wait_until_idle(page)
    expect(metric).to_have_text("1")  # a Step
    assert "lr=0.2" in page.url  # and the learning rate as it was
    body.locator(".st-key-training-step button").click()
    wait_until_idle(page)
    expect(metric).to_have_text("2")
    page.keyboard.press(" ")  # Space plays, even with Step focused and under the pointer
    expect(body.locator(".st-key-training-play button")).to_contain_text("Pause")
    page.keyboard.press(" ")
    expect(body.locator(".st-key-training-play button")).to_contain_text("Play")
    assert_no_exception(page)


@pytest.mark.parametrize("lesson, tab", [("loss", "information"), ("softmax", "sigmoid")])
def test_a_link_to_a_tab_in_projection_mode_opens_scrolled_to_it(server_url, new_page, lesson, tab):
    """(On a server's very first deep link the page is routed first, ui/nav.py, and opens
    on the right tab unscrolled: a note on issue #12.)"""
    _open(new_page(), f"{server_url}/?lang=zh")  # not the server's first page
    page = new_page(width=1920, height=950)
    _open(page, f"{server_url}/{lesson}?lang=zh&present=true&tab={tab}")
    tabs = main(page).locator('[data-testid="stTabs"]').first
    box = tabs.bounding_box()
    assert box is not None and 0 <= box["y"] < 300, box
    assert_no_exception(page)
