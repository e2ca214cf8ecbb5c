"""The calendar the marketplace runs on: Thailand's (Asia/Bangkok, UTC+7, no daylight saving).

Dates that people choose (a tour's departure, a report's range) are calendar days in
Thailand; "today" is therefore Bangkok's today, not the server's nor UTC's.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def today_in_thailand(now: dt.datetime | None = None) -> dt.date:
    """The calendar date in Thailand at ``now`` (a timezone-aware moment; the current
    time when omitted). Raises ``ValueError`` for a naive ``now``, whose zone is unknown."""
    if now is None:
        now = dt.datetime.now(BANGKOK)
    elif now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(BANGKOK).date()


def start_of_day(day: dt.date) -> dt.datetime:
    """The first instant of the calendar ``day`` in Thailand (midnight in Bangkok), as a UTC
    moment: ``start_of_day(first) <= moment < start_of_day(last + 1 day)`` keeps the moments
    of the inclusive days ``first``–``last``."""
    return dt.datetime.combine(day, dt.time(), tzinfo=BANGKOK).astimezone(dt.UTC)
