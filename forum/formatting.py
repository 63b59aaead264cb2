"""French dates and durations in the reader's time zone (Jinja filters), and « de » before a name."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date, format_datetime, format_timedelta
from flask import Flask
from flask_login import current_user

from forum.db_types import utcnow

LOCALE = "fr_FR"


def reader_zone(zone: str | None = None) -> ZoneInfo:
    """The given time zone, else the zone of the person reading the page."""
    try:
        return ZoneInfo(zone or getattr(current_user, "time_zone", None) or "Europe/Paris")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Paris")


def _first_of_month(text: str) -> str:
    """French writes « 1er décembre », not « 1 décembre »."""
    return re.sub(r"(^|\s)1 (?=[a-zéû]+ \d{4})", r"\g<1>1er ", text)


def long_datetime(value: datetime | None, zone: str | None = None) -> str:
    """« jeudi 14 mars 2024, 23 h 40 » in the reader's zone (or ``zone``, for e-mails)."""
    if value is None:
        return ""
    text = format_datetime(value, "EEEE d MMMM y, H' h 'mm", tzinfo=reader_zone(zone), locale=LOCALE)
    return _first_of_month(text)


def short_date(value: datetime | None) -> str:
    """« 14 mars 2024 » in the reader's zone."""
    if value is None:
        return ""
    return _first_of_month(format_date(value.astimezone(reader_zone()).date(), "d MMMM y", locale=LOCALE))


def relative_time(value: datetime | None, now: datetime | None = None) -> str:
    """« il y a 3 heures », « à l'instant »."""
    if value is None:
        return ""
    delta = value - (now or utcnow())
    if abs(delta.total_seconds()) < 45:
        return "à l'instant"
    return format_timedelta(delta, add_direction=True, threshold=1.1, locale=LOCALE)


def of(name: str) -> str:
    """« de Marc », « d'Omar »: French elides « de » before a vowel (a name's h is left alone)."""
    return f"d'{name}" if name[:1].lower() in "aeiouyàâäéèêëîïôöùûü" else f"de {name}"


def iso(value: datetime | None) -> str:
    """Machine-readable time for <time datetime>."""
    return value.isoformat() if value else ""


def init_formatting(app: Flask) -> None:
    """Register the filters."""
    app.jinja_env.filters.update(
        long_datetime=long_datetime, short_date=short_date, relative_time=relative_time, iso=iso
    )
