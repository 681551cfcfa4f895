"""Two students train at the same time on one server, with different seeds and settings:
each sees only their own data, run and charts."""

from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app, pause, wait_until_idle
from ui.i18n import CATALOGS

EN = CATALOGS["en"]
ALICE = "K=4&n=150&seed=1&lr=0.2&lang=en"  # none a default: defaults leave the URL
BOB = "K=5&n=300&seed=7&spread=2&lr=0.5&loss=mse&lang=en"


def metrics(page) -> dict[str, str]:
    """What the numbers above the picture say (ui/lessons/training/player.py), label → value."""
    cards = main(page).locator(".sx-player-number")
    values = {}
    for index in range(cards.count()):
        card = cards.nth(index)
        label = card.locator(".sx-player-label").inner_text().strip()
        values[label] = card.locator(".sx-player-value").inner_text().strip()
    return values


def epoch(page) -> int:
    """The epoch on screen: the picture's."""
    return int(main(page).locator(".sx-player-epoch").inner_text().replace(",", ""))


def button(page, key: str):
    return main(page).get_by_role("button", name=EN[key])


def test_two_students_training_at_once_each_see_only_their_own(server_url, new_page):
    alice = open_app(new_page(), f"{server_url}/training?{ALICE}")
    bob = open_app(new_page(), f"{server_url}/training?{BOB}")
    alice_start, bob_start = metrics(alice), metrics(bob)
    assert alice_start != bob_start  # different data and settings, different numbers
    for page in (alice, bob):
        button(page, "training.live.play").click()
    alice.wait_for_timeout(3000)
    # Alice pauses; Bob trains on.
    pause(alice, "training", EN["training.live.play"])
    paused_at = epoch(alice)
    bob_before = epoch(bob)
    bob.wait_for_timeout(2000)
    assert epoch(alice) == paused_at, "Bob's run moved Alice's"
    assert epoch(bob) > bob_before, "Bob's run stopped with Alice's"
    assert paused_at > 0
    pause(bob, "training", EN["training.live.play"])
    for page, query in ((alice, ALICE), (bob, BOB)):
        assert_no_exception(page)
        for pair in query.split("&"):
            assert pair in page.url, f"{pair} lost from {page.url}"
    # Each one's view is their own: a fresh tab on each link (the run paused at its epoch,
    # ?epoch=) shows exactly the numbers that student sees, not the other's.
    for page in (alice, bob):
        assert "epoch=" in page.url
        assert metrics(open_app(new_page(), page.url)) == metrics(page)
    # Reset brings each back to its own start, not to the other's.
    button(alice, "training.live.reset").click()
    wait_until_idle(alice)
    expect(main(alice).locator(".sx-player-epoch")).to_have_text("0")
    assert metrics(alice) == alice_start
