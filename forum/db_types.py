"""Column types shared by every feature."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

# The only clock of the application. Tests move it (``travel_to``) so that no result depends on
# the day they run; it keeps ticking from there, so rows written one after the other stay in order.
_clock_offset = timedelta(0)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC) + _clock_offset


def travel_to(moment: datetime | None) -> None:
    """Let ``utcnow`` read ``moment`` now and tick on from there; ``None`` returns to real time (tests)."""
    global _clock_offset
    _clock_offset = timedelta(0) if moment is None else moment - datetime.now(UTC)


@contextmanager
def clock_at(moment: datetime | None):
    """Run the block as if it were ``moment`` (demo content dated in the past); None changes nothing."""
    global _clock_offset
    saved = _clock_offset
    if moment is not None:
        travel_to(moment)
    try:
        yield
    finally:
        _clock_offset = saved


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back as an aware datetime.

    SQLite drops the offset, PostgreSQL keeps it: this type makes both behave alike.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def render_migration_item(type_, obj, autogen_context):
    """Alembic hook: write ``UTCDateTime`` columns as plain ``sa.DateTime(timezone=True)``."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
