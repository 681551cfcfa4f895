"""A link cannot put an attacker's link, image or markup inside the app's own messages.

Every URL parameter any page reads gets Markdown links and images, HTML, KaTeX commands and a
backtick that would end a code span; in Chromium, no element from the input appears and no
request leaves for the address in it.
"""

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import main, open_app
from ui import nav

EVIL = "evil.example"
PAYLOADS = (
    f"`[Session expired - log in again](http://{EVIL}/login)`",
    f"![i](http://{EVIL}/pixel.png)",
    f'<img src="http://{EVIL}/tag.png"><a href="http://{EVIL}/a">x</a>',
    rf"$\href{{http://{EVIL}/k}}{{click}}$ :red[x] :material/home:",
    f"[x](http://{EVIL}/b)",
)
# Every parameter a page reads (ui.urlstate settings, the shell's two, the Ask page's).
PARAMS = {
    "home": ("lang", "present"),
    "softmax": ("logits", "names", "T", "shift", "tab"),
    "loss": ("K", "true", "spread", "p", "pred", "pred2", "point", "P", "Q", "units", "o1", "tab"),
    "training": ("K", "n", "spread", "seed", "split", "lr", "batch", "l2", "loss"),
    "multilabel": ("L", "n", "overlap", "seed", "lr", "epochs", "rule", "k", "label", "point"),
    "ask": ("q", "room"),
    "plan": ("plan", "which"),
}
PATHS = {"home": "", **{lesson.key: lesson.url_path for lesson in (*nav.LESSONS, *nav.TEACHING)}}


@pytest.mark.parametrize("page_key", list(PARAMS))
@pytest.mark.parametrize("payload", range(len(PAYLOADS)))
def test_no_element_or_request_from_a_link(server_url, new_page, page_key, payload):
    text = PAYLOADS[payload]
    names = PARAMS[page_key] if page_key != "home" else ("present",)
    query = "&".join(f"{name}={quote(text)}" for name in names)
    lang = quote(text) if page_key == "home" else "en"
    page = new_page()
    requests = []  # every request's address, less its query (the link itself holds EVIL)
    page.on("request", lambda request: requests.append(request.url))
    open_app(page, f"{server_url}/{PATHS[page_key]}?lang={lang}&{query}")
    body = main(page)
    expect(body.locator(f'a[href*="{EVIL}"]')).to_have_count(0)
    expect(body.locator(f'img[src*="{EVIL}"]')).to_have_count(0)
    expect(page.locator(f'[href*="{EVIL}"], [src*="{EVIL}"]')).to_have_count(0)
    assert not [url for url in requests if EVIL in url.split("?")[0]]
    # The refusal is on the page, with the value shown as text.
    expect(body.locator('[data-testid="stAlert"]').first).to_be_visible()
