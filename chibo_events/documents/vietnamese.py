"""Vietnamese words for the biên bản: dates, times, vote shares and the names of codes.

Pure and standard library only. Every moment is shown in Vietnam time
(Asia/Ho_Chi_Minh), whatever offset it was written with; a naive one is
already Vietnam time, as everywhere else in chibo. The words of codes are
those of chibo_events.vocabulary; an unknown code is shown as itself rather
than raising, so a newer event never breaks an older reader.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from .. import vocabulary as words
from ..clock import VIETNAM

UNKNOWN_DATE = "ngày … tháng … năm …"
UNKNOWN_TIME = "… giờ …"


def local_moment(value: datetime | str) -> datetime:
    """Return an ISO 8601 string or a datetime as an aware datetime in Vietnam time."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM)


def local_date(value: date | datetime | str) -> date:
    """Return the Vietnam calendar day of a date, a datetime or an ISO 8601 string."""
    if isinstance(value, str) and len(value) == 10:
        return date.fromisoformat(value)
    if isinstance(value, (datetime, str)):
        return local_moment(value).date()
    return value


def date_words(d: date | datetime | str | None) -> str:
    """Return a day as "ngày 7 tháng 4 năm 2021" (dots when unknown)."""
    if d is None:
        return UNKNOWN_DATE
    day = local_date(d)
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def month_words(month: str | None) -> str:
    """Return a month YYYY-MM as "tháng 4/2021"."""
    if not month:
        return UNKNOWN_DATE
    year, number = month.split("-")
    return f"tháng {int(number)}/{year}"


def time_words(dt: datetime | str | None) -> str:
    """Return the Vietnam clock time of a moment as "14 giờ 00" (dots when unknown)."""
    if dt is None:
        return UNKNOWN_TIME
    moment = local_moment(dt)
    return f"{moment.hour} giờ {moment.minute:02d}"


def moment_words(dt: datetime | str | None) -> str:
    """Return a moment as "16 giờ 40 ngày 7 tháng 4 năm 2021", in Vietnam time."""
    if dt is None:
        return f"{UNKNOWN_TIME} {UNKNOWN_DATE}"
    return f"{time_words(dt)} {date_words(local_moment(dt))}"


def place_date_line(place: str | None, d: date | datetime | str | None) -> str:
    """Return the dateline "Kỳ Thọ, ngày 7 tháng 4 năm 2021"; without a place it starts "Ngày"."""
    words = date_words(d)
    if place and place.strip():
        return f"{place.strip()}, {words}"
    return words[0].upper() + words[1:]


def share_words(share: float | int | None) -> str:
    """Return a percentage as "100%" or "93,3%": one decimal at most, with a decimal comma."""
    if share is None:
        return ""
    rounded = Decimal(str(share)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    # A vote that was not unanimous must never read 100%, nor one with a vote in favour 0%.
    if rounded >= 100 and share < 100:
        rounded = Decimal("99.9")
    elif rounded <= 0 < share:
        rounded = Decimal("0.1")
    text = f"{rounded:f}".removesuffix(".0").replace(".", ",")
    return f"{text}%"


def money_words(amount: int | None) -> str:
    """Return an amount of đồng as "50.000 đồng": thousands set apart by dots."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".") + " đồng"


def share_of(part: int, whole: int | None) -> float | None:
    """Return part as a percentage of whole, or None when there is no whole to share."""
    if not whole:
        return None
    return 100.0 * part / whole


def kind_words(kind: str | None) -> str:
    """Return a meeting kind as it stands in the title: regular → "THƯỜNG KỲ"."""
    return words.MEETING_KINDS.word(kind).upper()


def attendance_words(status: str | None) -> str:
    """Return an attendance status: late → "đến muộn"."""
    return words.ATTENDANCE_SHOWN.word(status)


def task_status_words(status: str | None) -> str:
    """Return a task status: done → "đã hoàn thành"."""
    return words.TASK_STATUSES.word(status)


def rating_words(rating: str | None) -> str:
    """Return a yearly rating: good → "Hoàn thành tốt nhiệm vụ"."""
    return words.RATINGS.word(rating)


def role_words(role: str | None) -> str:
    """Return a position in the cell: bi_thu → "Bí thư"."""
    return words.ROLES.word(role)


def member_kind_words(kind: str | None) -> str:
    """Return a membership kind: probationary → "dự bị"."""
    return words.MEMBER_KINDS.word(kind)


def criticism_level_words(level: str | None) -> str:
    """Return a criticism level as the verb that opens its line: reminder → "Nhắc nhở"."""
    return words.capitalised(words.CRITICISM_LEVELS.word(level))


def event_type_words(event_type: str | None) -> str:
    """Return what an event type records, for the correction notes and the audit trail: SpeechGiven → "phát biểu"."""
    return words.EVENT_TYPES.word(event_type)


def account_role_words(role: str | None) -> str:
    """Return an account's role: clerk → "Thư ký"."""
    return words.ACCOUNT_ROLES.word(role)
