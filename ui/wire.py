"""A widget value a browser sends that Streamlit itself cannot read is dropped, not raised.

Streamlit turns each widget's value from the browser into Python before any script code
runs; a modified client that sends a value of another wire type (an integer where a
select slider sends its pair of indices, say) made Streamlit's own deserializer raise, and
the session showed "This app has encountered an error" (issue #17). Here, once per
process, such a value is treated as absent, as Streamlit already treats a value it has no
deserializer for: the widget keeps the value it had, and the page's own checks
(ui/urlstate.py) see only values of the right type.
"""

import logging

from streamlit.runtime.state.session_state import WStates

_LOGGER = logging.getLogger(__name__)
_getitem = WStates.__getitem__


def _readable_or_absent(self: WStates, key: str):
    try:
        return _getitem(self, key)
    except KeyError:
        raise
    except Exception as error:  # the deserializer's, on a value no browser of ours sends
        _LOGGER.warning("a browser sent a widget value Streamlit cannot read; dropped: %r", error)
        raise KeyError(key) from error


# Streamlit 1.67's store of widget values (tests/test_security.py fails if it moves).
WStates.__getitem__ = _readable_or_absent
