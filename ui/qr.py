"""Links as QR codes: an SVG made here by ``segno`` (no network, no image service), and the
address of a view of this server as a student's phone would open it.

The SVG holds only the code's modules (paths), no text: the link a browser sent (its Host)
cannot put markup into it. Shown with ``st.image``, which places it in an ``<img>``.
"""

import functools
from urllib.parse import quote, unquote, urlencode, urlsplit

import segno


@functools.lru_cache(maxsize=64)
def svg(link: str) -> str:
    """A black-on-white QR code of ``link``, medium error correction (readable from the back
    of a hall on a projector, and with a finger over a corner on a phone)."""
    code = segno.make(link, error="m")
    return code.svg_inline(scale=10, border=2, dark="#000", light="#fff", omitsize=True)


def view_link(browser_url: str | None, url_path: str, params: dict[str, str]) -> str:
    """``<this server>/<url_path>?<params>`` from the address a browser opened
    (``browser_url``, Streamlit's ``st.context.url``); relative when it is not known.
    Served under a prefix (``server.baseUrlPath``), everything before the page's name is kept.
    Commas stay readable (``logits=2,1,0.1``)."""
    url = urlsplit(browser_url or "")
    base = f"{url.scheme}://{url.netloc}" if url.scheme and url.netloc else ""
    path = url.path.rstrip("/")
    prefix = path.rsplit("/", 1)[0] if path.count("/") > 1 else ""
    query = urlencode(params, quote_via=quote, safe=",")
    return f"{base}{prefix}/{url_path}" + (f"?{query}" if query else "")


def readable(link: str) -> str:
    """The link as a person reads and types it: no ``http://`` (a browser adds it), and its
    letters as letters (``names=体育``, not ``%E4%BD%93…``: a browser encodes them again)."""
    return unquote(link.split("://", 1)[-1])
