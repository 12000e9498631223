"""The one clock. Everything that needs 'now' asks here, so freezegun rules all time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)
