"""The join link as a QR code: the shared kit's (``ui.qr``), named here for the Ask page."""

from ui.qr import svg

__all__ = ["svg"]
