"""The join link as a QR code: an SVG made here by ``segno`` (no network, no image service).

The SVG holds only the code's modules (paths), no text: the link a browser sent (its Host)
cannot put markup into it. Shown with ``st.image``, which places it in an ``<img>``.
"""

import functools

import segno


@functools.lru_cache(maxsize=64)
def svg(link: str) -> str:
    """A black-on-white QR code of ``link``, medium error correction (readable from the back
    of a hall on a projector, and with a finger over a corner on a phone)."""
    code = segno.make(link, error="m")
    return code.svg_inline(scale=10, border=2, dark="#000", light="#fff", omitsize=True)
