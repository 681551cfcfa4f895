"""What a test does with a page: open a link, wait until the app has finished, look at it."""

from playwright.sync_api import Page, expect

from tests.e2e.conftest import SCREENSHOTS


def wait_until_idle(page: Page, timeout: float = 60_000) -> None:
    """Wait as Streamlit's own e2e tests do: script not running, no skeleton left."""
    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=timeout)
    # A rerun may start right after (a bound widget writing the URL): settle once more.
    page.wait_for_timeout(300)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)


def pause(page: Page, loop: str, play_label: str) -> None:
    """Click the Play/Pause button of ``ui.live.Loop(loop)`` while it plays, and wait until
    the click's run has drawn the page (the button says Play again).

    Idle alone is not enough while playing: between two ticks the script is not running,
    and a loaded machine may read that before the click's run has started.
    """
    button = main(page).locator(f".st-key-{loop}-play button")
    button.click()
    expect(button).to_contain_text(play_label, timeout=15_000)
    wait_until_idle(page)


def open_app(page: Page, url: str) -> Page:
    page.goto(url)
    wait_until_idle(page)
    return page


def main(page: Page):
    """The main block: scope locators here (the header has its own Stop button while running)."""
    return page.locator('[data-testid="stMain"]')


def assert_no_exception(page: Page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(main(page).locator('[data-testid="stAlertContentError"]')).to_have_count(0)


def screenshot(page: Page, name: str) -> None:
    """The whole page. Streamlit scrolls inside its own container, so ``full_page`` alone
    captures one screen: grow the viewport to the content's height for the shot."""
    SCREENSHOTS.mkdir(exist_ok=True)
    viewport = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...Array.from(document.querySelectorAll("
        '\'[data-testid="stMain"], [data-testid="stAppViewContainer"]\'), '
        "element => element.scrollHeight))"
    )
    page.set_viewport_size({"width": viewport["width"], "height": min(max(height, 600), 12000)})
    page.wait_for_timeout(400)  # let charts re-lay out at the new size
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    page.set_viewport_size(viewport)
    # The page may answer the resize: a viewport probe (ui/viewport.js) sends the new room
    # 250 ms after it, and the page runs again. Let that run end before the test goes on.
    page.wait_for_timeout(400)
    wait_until_idle(page)


def press_to(page: Page, thumb, key: str, value: str, tries: int = 3) -> None:
    """Press ``key`` on a slider's thumb until it shows ``value``, one press at a time and
    the app idle in between: a press that lands while a rerun redraws the slider can be
    lost, as a person's would be, who would press again."""
    for _ in range(tries):
        thumb.focus()
        thumb.press(key)
        wait_until_idle(page)
        if thumb.input_value() == value:
            return
    expect(thumb).to_have_value(value)
