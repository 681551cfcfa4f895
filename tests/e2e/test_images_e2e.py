"""The images lesson in Chromium: Play trains the templates live, Pause stops, every tab in
both languages and projection mode, at 1920×1080 and 1280×720."""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app, screenshot, wait_until_idle
from ui.i18n import CATALOGS

SIZES = {"1920": (1920, 1080), "1280": (1280, 720)}


@pytest.fixture(scope="module")
def warm_url(server_url, browser):
    """The server after one visit (see tests/e2e/test_training_e2e.py)."""
    context = browser.new_context()
    open_app(context.new_page(), f"{server_url}/?lang=en")
    context.close()
    return server_url


def _step(page) -> int:
    return int(main(page).locator('[data-testid="stMetricValue"]').first.inner_text())


def _step_on_canvas(page) -> int:
    """The step the templates show (projection mode: the canvas's head names it)."""
    return page.evaluate("() => Number(document.querySelector('.sx-templates').dataset.step)")


def _canvas(page) -> dict:
    """The templates canvas as a data URL, the step it shows, and its coloured share."""
    return page.evaluate(
        """() => {
            const root = document.querySelector('.sx-templates');
            const canvas = root.querySelector('canvas');
            const data = canvas.getContext('2d')
                .getImageData(0, 0, canvas.width, canvas.height).data;
            let coloured = 0;
            for (let k = 0; k < data.length; k += 40) {
                if (data[k + 3] > 0 && (data[k] < 235 || data[k + 1] < 235 || data[k + 2] < 235))
                    coloured++;
            }
            return {url: canvas.toDataURL(), step: Number(root.dataset.step || 0),
                    coloured, samples: data.length / 40};
        }"""
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_play_trains_the_templates_live_and_pause_stops(warm_url, new_page, lang):
    strings = CATALOGS[lang]
    width, height = SIZES["1920"]
    page = open_app(
        new_page(locale="zh-CN" if lang == "zh" else "en-US", width=width, height=height),
        f"{warm_url}/images?lang={lang}&tab=train",
    )
    assert_no_exception(page)
    play = page.locator(".st-key-images-play button")
    expect(play).to_contain_text(strings["training.live.play"])
    assert _step(page) == 0
    play.click()
    expect(play).to_contain_text(strings["training.live.pause"])
    expect(main(page).locator(".sx-templates")).to_contain_text(strings["images.step"])
    page.wait_for_function(
        "() => Number(document.querySelector('.sx-templates')?.dataset.step || 0) >= 5",
        timeout=20_000,
    )
    first = _canvas(page)
    for _ in range(50):  # a later frame, within 10 s even on a busy machine
        page.wait_for_timeout(200)
        second = _canvas(page)
        if second["step"] > first["step"] and second["url"] != first["url"]:
            break
    assert second["step"] > first["step"]
    assert second["url"] != first["url"], "the templates change while training"
    assert second["coloured"] > second["samples"] / 10, "the canvas is drawn, not blank"
    screenshot(page, f"images-playing-{lang}")
    play.click()
    expect(play).to_contain_text(strings["training.live.play"], timeout=15_000)
    wait_until_idle(page)
    paused_at = _step(page)
    assert paused_at > 0
    page.wait_for_timeout(800)
    assert _step(page) == paused_at, "Pause stops the training"
    assert_no_exception(page)
    screenshot(page, f"images-train-{lang}")


@pytest.mark.parametrize("size", list(SIZES))
def test_space_plays_and_pauses_in_projection_mode(warm_url, new_page, size):
    width, height = SIZES[size]
    page = open_app(
        new_page(width=width, height=height), f"{warm_url}/images?lang=en&present=true&tab=train"
    )
    play = page.locator(".st-key-images-play button")
    main(page).locator("h1").first.click()  # focus the page, not a field
    page.keyboard.press("Space")
    expect(play).to_contain_text("Pause")
    page.wait_for_timeout(2500)
    screenshot(page, f"images-playing-en-present-{size}")
    page.keyboard.press("Space")
    expect(play).to_contain_text("Play", timeout=15_000)
    wait_until_idle(page)
    head = main(page).locator(".sx-templates-head")
    expect(head).to_be_visible()
    step = _step_on_canvas(page)
    assert step > 0
    expect(head).to_contain_text(f"{step} ·")  # the paused head names the frame on screen
    assert_no_exception(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", list(SIZES))
def test_every_tab_in_both_languages(warm_url, new_page, lang, size):
    strings = CATALOGS[lang]
    width, height = SIZES[size]
    page = new_page(locale="zh-CN" if lang == "zh" else "en-US", width=width, height=height)
    for tab in ("toy", "image", "calibration"):
        open_app(page, f"{warm_url}/images?lang={lang}&tab={tab}")
        assert_no_exception(page)
        if tab != "toy":
            page.locator(".st-key-images-train_now button").click()
            wait_until_idle(page)
        expect(main(page)).to_contain_text(strings[f"images.tab.{tab}"])
        screenshot(page, f"images-{tab}-{lang}-{size}")
    # On the projector the tab opens on a trained model (trained above, or at once).
    open_app(page, f"{warm_url}/images?lang={lang}&present=true&tab=calibration")
    expect(page.locator(".st-key-images-train_now")).to_have_count(0)
    assert_no_exception(page)
    screenshot(page, f"images-calibration-{lang}-present-{size}")


def test_clicking_a_mistake_opens_it_up_close(warm_url, new_page):
    page = open_app(new_page(width=1920, height=1080), f"{warm_url}/images?lang=en&tab=calibration")
    page.locator(".st-key-images-train_now button").click()
    wait_until_idle(page)
    page.get_by_role("tab", name=CATALOGS["en"]["images.tab.train"]).click()
    wait_until_idle(page)
    gallery = main(page).locator(".st-key-images-mistakes canvas, .st-key-images-mistakes svg")
    gallery.first.scroll_into_view_if_needed()
    box = gallery.first.bounding_box()
    page.mouse.click(box["x"] + 30, box["y"] + 30)  # the first (the surest) mistake
    wait_until_idle(page)
    number = page.locator(".st-key-images-img input")
    expect(number).not_to_have_value("0", timeout=15_000)
    expect(main(page)).to_contain_text("Best-matching template")
    assert_no_exception(page)


def test_a_click_on_a_pixel_of_the_2x2_image_turns_it_black_then_white(warm_url, new_page):
    page = open_app(new_page(width=1280, height=720), f"{warm_url}/images?lang=en&tab=toy")
    image = main(page).locator('[data-testid="stVegaLiteChart"]').first
    x1 = main(page).get_by_role("slider", name="x1")
    expect(x1).to_have_value("0.9")
    for expected in ("0", "1"):  # x₁ is the top-left pixel, 0.9 to start with
        image.scroll_into_view_if_needed()
        box = image.bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25)
        expect(x1).to_have_value(expected, timeout=10_000)
        wait_until_idle(page)
    assert "x1=1" in page.url
    assert_no_exception(page)
