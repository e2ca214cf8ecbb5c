"""Where a ``next`` link may send someone: back into this site, never out of it."""

from __future__ import annotations

from urllib.parse import urlsplit


def local_url(target: str | None, fallback: str) -> str:
    """``target`` when it is a path on this site (``/orders?page=2``), else ``fallback``.

    Refuses absolute and protocol-relative URLs (``https://evil``, ``//evil``, ``/\\evil``)
    so that a ``next`` parameter can never send someone to another site.
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target
