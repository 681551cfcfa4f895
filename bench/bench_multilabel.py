"""Server time and bytes of one Play frame of the multi-label lesson (AppTest, no browser).

    .venv/bin/python bench/bench_multilabel.py [frames] [query ...]   # e.g. 30 L=6 n=500

Opens the page as a link would (defaults: L = 3, n = 200, 300 epochs), presses Play and
reruns it ``frames`` times. ``ui.live.animate`` is wrapped so that only the animated
fragment's call is timed, as a fragment tick on a server would run it, and the bytes are
those of the messages that call enqueued (what a tick sends over the websocket). Prints the
median and quartiles. The browser's painting is not measured here (tests/e2e and
bench/bench_training.py do that for the training page).
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

from tests.apptest import open_page
from ui import live

seconds, sizes = [], []
_inside_frame = [False]
_frame_bytes = [0]
_enqueue = ForwardMsgQueue.enqueue


def _counting_enqueue(self, msg):
    if _inside_frame[0]:
        _frame_bytes[0] += msg.ByteSize()
    return _enqueue(self, msg)


ForwardMsgQueue.enqueue = _counting_enqueue
_animate = live.animate


def _timed_animate(loop, frame, **kwargs):
    def timed(advance):
        _inside_frame[0], _frame_bytes[0] = True, 0
        start = time.perf_counter()
        try:
            frame(advance)
        finally:
            _inside_frame[0] = False
            if advance:
                seconds.append(time.perf_counter() - start)
                sizes.append(_frame_bytes[0])

    _animate(loop, timed, **kwargs)


live.animate = _timed_animate


def main(frames: int, query: dict) -> None:
    at = open_page("multilabel", lang="en", **query)
    at.button(key="multilabel.reset").click().run()
    at.button(key="multilabel.play").click().run()
    for _ in range(frames - 1):
        at.run()
    if at.exception:
        raise SystemExit(at.exception[0].value)
    ms = sorted(1000 * s for s in seconds)
    q1, median, q3 = statistics.quantiles(ms, n=4)
    print(
        f"{len(ms)} Play frames {query or ''}: median {median:.0f} ms "
        f"(quartiles {q1:.0f}–{q3:.0f}), {statistics.median(sizes) / 1000:.1f} KB per frame"
    )


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    main(count, dict(arg.split("=", 1) for arg in sys.argv[2:]))
