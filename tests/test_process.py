"""What the sessions of one process share (ui/process.py): the animation's pace is shared
fairly among the sessions playing, the server sets it whatever the browser asks, and the
count of people's runs is exact."""

import time

import pytest

from ui import process
from ui.process import BUDGET, CHUNK, EARLY, FPS, LATE, MIN_FPS, STALE, Process


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def shared(clock):
    return Process(clock=clock)


def test_alone_a_session_plays_at_full_speed(shared):
    pace = shared.pace("a")
    assert pace.fps == FPS
    assert pace.tick == pytest.approx(CHUNK / FPS)
    assert pace.panels == pytest.approx(0.25)
    assert Process.pace_alone() == pace


@pytest.mark.parametrize("sessions", [2, 4, 10, 20, 30, 200])
def test_many_sessions_share_the_budget_down_to_the_floor(shared, sessions):
    for index in range(sessions):
        pace = shared.pace(f"s{index}")
    assert pace.fps == pytest.approx(max(MIN_FPS, min(FPS, BUDGET / sessions)))
    assert pace.tick == pytest.approx(CHUNK / pace.fps)
    assert sessions * pace.fps <= max(BUDGET, sessions * MIN_FPS)


def test_a_session_that_pauses_or_goes_quiet_stops_counting(shared, clock):
    names = ("a", "b", *(f"s{index}" for index in range(8)))  # ten: each under FPS
    for name in names:
        shared.pace(name)
    assert shared.pace("a").fps == pytest.approx(BUDGET / 10)
    shared.leave("b")
    assert shared.pace("a").fps == pytest.approx(BUDGET / 9)
    clock.now += STALE + 1
    assert shared.pace("a").fps == FPS  # the others took no batch for a while


def test_a_batch_follows_the_pace_of_now_not_of_when_the_page_ran(shared, clock):
    tick = shared.pace("first").tick  # alone: CHUNK frames every tick
    assert shared.batch("first", tick) == process.Share(CHUNK, pytest.approx(FPS))
    for index in range(30):  # the class joins; the first session's timer keeps its tick
        shared.pace(f"s{index}")
    clock.now += tick
    share = shared.batch("first", tick)
    fair = max(MIN_FPS, BUDGET / 31)
    assert share.frames == round(fair * tick)
    assert share.fps == pytest.approx(share.frames / tick)  # the batch lasts one tick on screen
    assert share.fps <= fair + 1 / tick
    clock.now += 0.001
    assert shared.batch("other", 0.001).frames == 1  # never none


def test_when_the_class_stops_a_crowded_session_asks_for_a_faster_timer(shared, clock):
    for index in range(30):
        shared.pace(f"s{index}")
    crowded = shared.pace("last").tick  # its page ran while 31 played
    assert shared.batch("last", crowded).frames <= CHUNK
    for index in range(30):
        shared.leave(f"s{index}")
    clock.now += crowded
    assert shared.batch("last", crowded) is None  # alone it may tick far more often
    # Its last batch was long ago: it catches up as much as a late tick may, at the pace.
    late = process.Share(round(LATE * CHUNK), pytest.approx(FPS))
    assert shared.batch("last", shared.pace("last").tick) == late


@pytest.mark.parametrize("asks_per_second", [2.5, 5, 20, 200])
def test_the_server_sets_the_pace_however_often_the_browser_asks(shared, clock, asks_per_second):
    """A client that ignores its timer gets no more frames than its share."""
    tick = shared.pace("eager").tick
    frames = trained_ticks = 0
    for _ in range(int(10 * asks_per_second)):  # ten seconds of asking
        share = shared.batch("eager", tick)
        frames += share.frames
        trained_ticks += share.frames > 0
        clock.now += 1 / asks_per_second
    assert frames <= 10 * FPS + CHUNK
    assert trained_ticks <= 10 / (EARLY * tick) + 1
    if asks_per_second <= 1 / tick:
        assert frames >= 10 * FPS * 0.9  # an honest browser still gets its whole share


def test_a_too_early_tick_trains_nothing_and_an_honest_one_its_share(shared, clock):
    tick = shared.pace("a").tick
    assert shared.batch("a", tick).frames == CHUNK
    clock.now += EARLY * tick / 2
    assert shared.batch("a", tick).frames == 0
    clock.now += tick
    # A quarter of an interval late: the frames it earned (a canvas paints them at the pace
    # and is never left without a frame), not one interval's.
    assert shared.batch("a", tick) == process.Share(round(1.25 * CHUNK), pytest.approx(FPS))
    clock.now += tick
    assert shared.batch("a", tick) == process.Share(CHUNK, pytest.approx(FPS))


def test_people_are_counted_while_their_run_lasts_even_when_it_fails(shared):
    with shared.person():
        with shared.person():
            assert shared.people == 2
        assert shared.people == 1
    with pytest.raises(RuntimeError), shared.person():
        raise RuntimeError
    assert shared.people == 0


def test_one_process_object_per_server_process():
    assert process.shared() is process.shared()


def test_a_cpu_budget_runs_out_after_its_seconds_of_this_threads_cpu():
    keep_going = process.cpu_budget(0.02)
    assert keep_going()
    spins = 0
    while keep_going():
        spins += 1
        sum(range(1000))
    assert spins > 0 and not keep_going()


def test_a_timers_work_stops_sooner_than_a_persons():
    """A timer's tick (the class's animations, a comparison training on) works at most
    ``live.TICK_CPU``; a person's run ``process.RUN_CPU`` (issue #17)."""
    from ui import live

    person, background = live.budget(background=False), live.budget(background=True)
    start = time.thread_time()
    while background():
        sum(range(1000))
    spent = time.thread_time() - start
    assert live.TICK_CPU - 0.01 <= spent < live.TICK_CPU + 0.05
    assert person()  # still within its larger budget
    assert live.TICK_CPU < process.RUN_CPU


def test_a_timers_cpu_is_shared_fairly_among_those_playing(shared, clock):
    """Issue #17: a student whose every frame is costly gets its share of the core over
    time, 1 / n with n playing, then trains nothing until it is paid back."""
    for session in ("heavy", *(f"light{i}" for i in range(9))):
        shared.pace(session)  # ten playing: a tenth of the core each
    window = process.SHARE_WINDOW / 10
    assert shared.allowance("heavy") == pytest.approx(window)
    shared.charge("heavy", 0.15)
    assert shared.allowance("heavy") == pytest.approx(window - 0.15)
    shared.charge("heavy", 0.15)
    assert shared.allowance("heavy") == 0  # over its share
    assert shared.allowance("light0") == pytest.approx(window)  # the others keep theirs
    clock.now += 1.0  # a tenth of a second of CPU paid back
    assert shared.allowance("heavy") == pytest.approx(window - 0.2)
    for session in [f"light{i}" for i in range(9)]:
        shared.leave(session)
    # Alone, it is paid back at the whole core a second: the second since is plenty.
    assert shared.allowance("heavy") == pytest.approx(process.SHARE_WINDOW)
