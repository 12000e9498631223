"""A roster file (CSV or XLSX) read into rows, each row checked and made a MemberJoined append request.

Contract §3 (v1.1): columns `họ và tên`, `loại` (chính thức / dự bị / tạm
thời), `ngày vào Đảng`, `chức vụ` and `nghề nghiệp` (both optional). A clerk
copies the paper roster (sổ danh sách đảng viên) into a spreadsheet, so the
reading is kind where people differ and strict where the book would be
wrong: headers match without regard to case or marks, dates may be written
as Vietnamese people write them (19/05/2004) or as ISO, and every row gets
every error it has, in Vietnamese, so that one look at the preview is
enough to fix the file. The catalogue's own check runs on each request
built; the book's rules run when the batch is appended.

Pure: the standard library, openpyxl (a reader, no framework) and the core.
"""

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Collection, Generator, Iterable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime

from .catalogue import check_request
from .errors import ChiboError, Invalid
from .member_ids import member_id_for, slug
from .timestamps import FIRST_YEAR
from .vocabulary import CELL_STREAM, MEMBER_KINDS

# The app takes bodies of at most 1 MiB (MAX_CONTENT_LENGTH, and the proxy's client_max_body_size in the
# README): a roster of 1,000 members is about 100 KB as CSV and less as XLSX, so the file is bounded the same.
MAX_BYTES = 1024 * 1024
# One batch appends every row under the book's lock; the batch API takes at most 1,000 events, and a chi bộ
# has tens of members (a few hundred in the largest), so a file of more is a mistake, not a roster.
MAX_ROWS = 1000
# An XLSX file is a zip: its sheets unpacked may be far larger than the file. Bounded before openpyxl
# reads them, so that a small file cannot make the server unpack gigabytes (a "zip bomb").
MAX_UNPACKED = 32 * 1024 * 1024
MAX_COLUMNS = 26  # A to Z: the five columns, a "STT" and room for notes a clerk keeps beside them
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FIELDS = ("full_name", "kind", "joined_on", "position", "occupation")
REQUIRED = ("full_name", "kind", "joined_on")
# The header of each column as the contract writes it, and as the template and the messages show it.
HEADERS = {
    "full_name": "họ và tên",
    "kind": "loại",
    "joined_on": "ngày vào Đảng",
    "position": "chức vụ",
    "occupation": "nghề nghiệp",
}
# Other headers that name the same columns on rosters people already keep; None: a column to leave
# unread (the row number every Vietnamese list begins with).
OTHER_HEADERS: dict[str, str | None] = {
    "họ tên": "full_name",
    "loại đảng viên": "kind",
    "ngày kết nạp": "joined_on",
    "stt": None,
    "tt": None,
    "số thứ tự": None,
}
# The words of each kind, and the short "tạm thời" that rosters use for sinh hoạt tạm thời.
KIND_WORDS = {**{words: code for code, words in MEMBER_KINDS.words.items()}, "tạm thời": "temporary"}
# How a member joins the book by an import: those of this cell were on the paper roster when the book was
# started (initial); a member of another cell who sinh hoạt tạm thời here comes as temporary_in.
HOW = {"official": "initial", "probationary": "initial", "temporary": "temporary_in"}

# The template's example row, recognised if it is sent back unchanged (a clerk who forgot to delete it).
EXAMPLE = {"full_name": "Nguyễn Văn An", "kind": "chính thức", "joined_on": "19/05/2004",
           "position": "Tổ trưởng chuyên môn", "occupation": "Giáo viên"}
# What a person reads beside a catalogue refusal of a field of the event.
LABELS = {"member_id": "Mã đảng viên", "full_name": "Họ và tên", "kind": "Loại", "joined_on": "Ngày vào Đảng",
          "position": "Chức vụ, nghề nghiệp", "how": "Cách vào chi bộ"}


class RosterTooLarge(ChiboError):
    """The file is larger, or has more rows, than an import takes."""

    status = 413
    code = "too_large"


class UnreadableRoster(Invalid):
    """The file cannot be read as a roster at all: not CSV or XLSX, no header, unknown columns."""

    code = "invalid_roster"


class RosterRefused(Invalid):
    """Some rows have errors: nothing is stored, and every row is answered with its own."""

    code = "invalid_roster"


@dataclass(frozen=True)
class Row:
    """One member as the file writes it: text as typed (a date cell written dd/mm/yyyy), its row number."""

    number: int  # as the spreadsheet numbers it: the header is row 1 when it is the first
    full_name: str = ""
    kind: str = ""
    joined_on: str = ""
    position: str = ""
    occupation: str = ""
    stray: tuple[str, ...] = ()  # letters of the columns with something written under no header

    def cells(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True)
class Checked:
    """A row with the member_id it gets, the append request it makes (None if it has errors) and its errors."""

    row: Row
    member_id: str | None
    request: dict | None
    errors: tuple[str, ...] = field(default=())

    def answer(self) -> dict:
        """Return the row as the API answers it: {row, member_id, full_name, errors}."""
        return {"row": self.row.number, "member_id": self.member_id, "full_name": _clean(self.row.full_name),
                "errors": list(self.errors)}


# -- reading a file ------------------------------------------------------------

def read_file(content: bytes) -> list[Row]:
    """Return the members of a roster file, CSV or XLSX (told apart by their first bytes), or refuse it."""
    check_size(len(content))
    if content.startswith(b"PK\x03\x04"):
        table = _xlsx_table(content)
    elif content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableRoster("Tệp Excel 97–2003 (.xls) chưa đọc được: hãy mở bằng Excel và lưu thành .xlsx "
                               "(Sổ làm việc Excel) hoặc CSV UTF-8.", {"file": ["Tệp .xls."]})
    else:
        table = _csv_table(content)
    with closing(table):  # at once, not when collected: read-only openpyxl holds the archive open until then
        return _rows(table)


def check_size(size: int | None) -> None:
    """Refuse a file of more than MAX_BYTES (a size not known yet passes: the reading bounds it)."""
    if size is not None and size > MAX_BYTES:
        raise too_large()


def too_large() -> RosterTooLarge:
    return RosterTooLarge(f"Tệp quá lớn: tối đa {MAX_BYTES // 1024 // 1024} MB (đủ cho hơn {_thousands(MAX_ROWS)} "
                          "đảng viên).", {"file": [f"Tối đa {MAX_BYTES} byte."]})


def _csv_table(content: bytes) -> Generator[tuple[int, list[object]]]:
    try:
        text = content.decode("utf-8-sig")  # Excel's "CSV UTF-8" begins with a byte order mark
    except UnicodeDecodeError:
        raise UnreadableRoster("Tệp CSV phải viết bằng UTF-8: trong Excel chọn Lưu thành → CSV UTF-8 "
                               "(phân tách bằng dấu phẩy).", {"file": ["Không phải UTF-8."]}) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    # Excel set to Vietnamese writes CSV with semicolons (the comma is the decimal mark); headers hold neither.
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, record in enumerate(reader, start=1):
            yield number, list(record)
    except csv.Error as error:
        raise UnreadableRoster(f"Tệp CSV hỏng ở dòng {reader.line_num}: {error}.",
                               {"file": [str(error)]}) from None


def _xlsx_table(content: bytes) -> Generator[tuple[int, list[object]]]:
    import openpyxl  # here: a CSV import, and every other module of the core, never need it

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _not_xlsx() from None
    if unpacked > MAX_UNPACKED:
        raise RosterTooLarge(f"Tệp XLSX khi giải nén quá {MAX_UNPACKED // 1024 // 1024} MB: đây không phải một danh "
                             "sách đảng viên. Hãy chỉ để danh sách trong tệp, hoặc xuất ra CSV UTF-8.",
                             {"file": [f"Giải nén {unpacked} byte."]})
    try:
        # read_only streams the sheet; data_only gives a formula's last value, as the clerk saw it.
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl refuses a bad file with many kinds of error (zip, XML, KeyError, its own)
        raise _not_xlsx() from None
    try:
        if not workbook.worksheets:
            raise _not_xlsx()
        sheet = workbook.worksheets[0]  # the first sheet, as the template has it: not whichever was last open
        rows = sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, max_row=_MAX_SCANNED, values_only=True)
        for number, values in enumerate(rows, start=1):
            yield number, list(values)
    except ChiboError:
        raise
    except Exception:
        raise _not_xlsx() from None
    finally:
        workbook.close()  # read-only mode keeps the archive open until closed


# Rows looked at in a sheet, blank ones included: a sheet formatted down to row 1,048,576 is read no further.
_MAX_SCANNED = 20 * MAX_ROWS


def _not_xlsx() -> UnreadableRoster:
    return UnreadableRoster("Không đọc được tệp Excel (.xlsx): hãy mở bằng Excel, lưu lại thành .xlsx, hoặc xuất "
                            "ra CSV UTF-8.", {"file": ["Không phải tệp .xlsx đọc được."]})


def _rows(table: Iterable[tuple[int, list[object]]]) -> list[Row]:
    """Read the header (the first row with anything in it), then one Row per non-blank row under it."""
    columns: dict[int, str | None] | None = None
    rows: list[Row] = []
    for number, values in table:
        texts = [_cell_text(value) for value in values]
        if not any(texts):
            continue
        if columns is None:
            columns = _columns(texts)
            continue
        if len(rows) == MAX_ROWS:
            raise RosterTooLarge(f"Tệp có hơn {_thousands(MAX_ROWS)} dòng đảng viên; một lần nhập tối đa "
                                 f"{_thousands(MAX_ROWS)} dòng.", {"file": [f"Quá {MAX_ROWS} dòng."]})
        cells = {columns[i]: text for i, text in enumerate(texts) if columns.get(i) and text}
        stray = tuple(_letter(i) for i, text in enumerate(texts) if text and i not in columns)
        rows.append(Row(number, stray=stray, **{name: text for name, text in cells.items() if name}))
    if columns is None:
        raise UnreadableRoster("Tệp trống: không có dòng tiêu đề (họ và tên, loại, ngày vào Đảng…).",
                               {"file": ["Tệp trống."]})
    if not rows:
        raise UnreadableRoster("Tệp không có đảng viên nào dưới dòng tiêu đề.", {"file": ["Không có dòng nào."]})
    return rows


def _columns(header: list[str]) -> dict[int, str | None]:
    """Return {column index: field, or None for a column left unread}; refuse unknown, repeated or missing ones."""
    known = {fold(words): name for name, words in HEADERS.items()} | {fold(w): n for w, n in OTHER_HEADERS.items()}
    columns: dict[int, str | None] = {}
    unknown, repeated = [], []
    for index, text in enumerate(header):
        if not text:
            continue
        name = known.get(fold(text), "?")
        if name == "?":
            unknown.append(text)
        elif name is not None and name in columns.values():
            repeated.append(text)
        else:
            columns[index] = name
    missing = [HEADERS[name] for name in REQUIRED if name not in columns.values()]
    problems = []
    if unknown:
        problems.append("Cột không rõ: " + ", ".join(f"“{_short(t)}”" for t in unknown) + ".")
    if repeated:
        problems.append("Cột có hai lần: " + ", ".join(f"“{_short(t)}”" for t in repeated) + ".")
    if missing:
        problems.append("Thiếu cột: " + ", ".join(f"“{t}”" for t in missing) + ".")
    if problems:
        expected = ", ".join(HEADERS[n] + ("" if n in REQUIRED else " (không bắt buộc)") for n in FIELDS)
        raise UnreadableRoster(" ".join(problems) + f" Dòng tiêu đề cần các cột: {expected}. "
                               "Hãy tải tệp mẫu và chép danh sách vào đó.", {"columns": problems})
    return columns


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _clean(str(value))


def _clean(text: str) -> str:
    """Return text in composed form with its spaces evened out.

    Vietnamese keyboards (Unikey's "Unicode tổ hợp", macOS) may type a mark as a separate character;
    composed, the same name is always the same text in the book.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def _letter(index: int) -> str:
    """Return a column's letters as a spreadsheet names them: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 1.000, as Vietnamese writes it


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def fold(text: str) -> str:
    """Return text as headers and kinds are matched, without marks or case: "Ngày vào Đảng" → "ngay-vao-dang"."""
    return slug(text)


# -- rows from a form ------------------------------------------------------------

def rows_from(values: Iterable[Mapping[str, str]]) -> list[Row]:
    """Return the rows a person edited in the preview: each {number, full_name, kind, …} as text."""
    rows = []
    for values_of in values:
        number = values_of.get("number", "")
        cells = {name: _clean(values_of.get(name) or "") for name in FIELDS}
        rows.append(Row(int(number) if number.isascii() and number.isdigit() and len(number) < 9 else 0,
                        cells["full_name"], cells["kind"], cells["joined_on"], cells["position"], cells["occupation"]))
    if len(rows) > MAX_ROWS:
        raise RosterTooLarge(f"Một lần nhập tối đa {MAX_ROWS} dòng.", {"rows": [f"Quá {MAX_ROWS} dòng."]})
    return rows


# -- checking the rows ---------------------------------------------------------------

def parse_kind(text: str) -> str | None:
    """Return the kind a roster writes ("chính thức", "Dự bị", "tạm thời", or a code), else None."""
    words = {fold(w): code for w, code in KIND_WORDS.items()} | {code: code for code in MEMBER_KINDS}
    folded = fold(text)
    return words.get(folded) or words.get(folded.removeprefix("dang-vien-"))


_DAY_FIRST = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_IN_WORDS = re.compile(r"ngay-(\d{1,2})-thang-(\d{1,2})-nam-(\d{4})")


def parse_day(text: str) -> date | None:
    """Return the date of 19/05/2004, 19-05-2004, 19.5.2004, 2004-05-19 or "ngày 19 tháng 5 năm 2004", else None."""
    text = text.strip()
    found = _DAY_FIRST.fullmatch(text)
    if found:
        day, month, year = int(found[1]), int(found[3]), int(found[4])
    elif found := _ISO.fullmatch(text):
        year, month, day = int(found[1]), int(found[2]), int(found[3])
    elif found := _IN_WORDS.fullmatch(fold(text)):
        day, month, year = int(found[1]), int(found[2]), int(found[3])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def vn_day(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def name_key(full_name: str) -> str:
    """Return a name as two spellings of one person compare: composed, spaces evened, case set aside."""
    return _clean(full_name).casefold()


def check_rows(rows: list[Row], *, taken: Collection[str], on_roll: Mapping[str, str], today: date) -> list[Checked]:
    """Check every row; give each the member_id it will have and the MemberJoined request it makes.

    `taken`: every member_id the book has given (a member who left keeps theirs, so a namesake gets a new one);
    `on_roll`: member_id → full name of those on the roll now; `today`: in Vietnam, for dates in the future.
    A row's id is also taken from the rows after it, so two namesakes in one file are "-2" apart.
    """
    given = set(taken)
    names_on_roll = {name_key(name): member_id for member_id, name in on_roll.items()}
    seen: dict[tuple[str, str], int] = {}
    checked = []
    for row in rows:
        errors, flagged = [], set()
        full_name = _clean(row.full_name)
        member_id = member_id_for(full_name, given) if full_name else None
        if not full_name:
            errors.append("Thiếu họ và tên.")
            flagged |= {"full_name", "member_id"}
        elif member_id is None:
            errors.append(f"Họ và tên “{_short(full_name)}” không có chữ cái nào để làm mã đảng viên.")
            flagged |= {"full_name", "member_id"}
        else:
            given.add(member_id)
        if full_name and (known := names_on_roll.get(name_key(full_name))):
            errors.append(f"Chi bộ đã có đồng chí {on_roll[known]} (mã {known}) trong danh sách. Nếu là người "
                          "khác trùng tên, hãy thêm đồng chí ấy ở trang danh sách đảng viên.")
        kind = parse_kind(row.kind)
        if kind is None:
            errors.append(f"Loại “{_short(row.kind)}” không rõ: hãy ghi chính thức, dự bị hoặc tạm thời." if row.kind
                          else "Thiếu loại đảng viên: chính thức, dự bị hoặc tạm thời.")
            flagged.add("kind")
        joined = parse_day(row.joined_on)
        if joined is None:
            errors.append(f"Ngày vào Đảng “{_short(row.joined_on)}” không đúng: hãy ghi ngày/tháng/năm, vd. 19/05/2004."
                          if row.joined_on else "Thiếu ngày vào Đảng.")
            flagged.add("joined_on")
        elif joined > today:
            errors.append(f"Ngày vào Đảng {vn_day(joined)} ở sau hôm nay ({vn_day(today)}).")
            flagged.add("joined_on")
        elif joined.year < FIRST_YEAR:
            errors.append(f"Ngày vào Đảng {vn_day(joined)} ở trước năm {FIRST_YEAR}, năm thành lập Đảng.")
            flagged.add("joined_on")
        if row.stray:
            errors.append(f"Có chữ ở cột {', '.join(row.stray)}, cột không có tiêu đề: hãy thêm tiêu đề đúng "
                          "hoặc xóa đi.")
        same = (name_key(full_name), joined.isoformat() if joined else row.joined_on)
        if full_name and same in seen:
            errors.append(f"Trùng với dòng {seen[same]}: cùng họ tên và ngày vào Đảng.")
        elif full_name:
            seen[same] = row.number
        if full_name and joined and name_key(full_name) == name_key(EXAMPLE["full_name"]) \
                and vn_day(joined) == EXAMPLE["joined_on"]:
            errors.append("Đây là dòng ví dụ của tệp mẫu: hãy xóa đi hoặc thay bằng một đảng viên của chi bộ.")
        request = _request(member_id, full_name, kind, joined, _position(row))
        errors += _catalogue_errors(request, flagged)
        checked.append(Checked(row, member_id, None if errors else request, tuple(errors)))
    return checked


def _position(row: Row) -> str | None:
    """Return the event's one `position` text: the chức vụ and the nghề nghiệp, the same words once.

    MemberJoined carries one text for what a member does ("Giáo viên", "Hiệu trưởng"); a roster with both
    columns keeps both in it, the chức vụ first as the paper roster lists them.
    """
    parts = dict.fromkeys(p for p in (_clean(row.position), _clean(row.occupation)) if p)
    return ", ".join(parts) or None


def _request(member_id: str | None, full_name: str, kind: str | None, joined: date | None,
             position: str | None) -> dict:
    data = {
        "member_id": member_id, "full_name": full_name, "kind": kind,
        "joined_on": joined.isoformat() if joined else None, "how": HOW.get(kind or "", "initial"),
    }
    if position:
        data["position"] = position
    return {"stream": CELL_STREAM, "type": "MemberJoined", "data": data}


def _catalogue_errors(request: dict, flagged: set[str]) -> list[str]:
    """Return what the catalogue says of the request, but not of the fields the row's own errors explain."""
    # Those fields get a value the catalogue accepts, so that it speaks only of the others.
    stand_in = {"member_id": "a", "full_name": "A", "kind": "official", "joined_on": "2000-01-01"}
    data = {name: stand_in[name] if name in flagged or value is None else value
            for name, value in request["data"].items()}
    try:
        check_request({**request, "data": data})
    except Invalid as error:
        return [f"{LABELS.get(path[-1], path[-1])}: {message}" for path, message in _messages(error.details)
                if not (len(path) > 1 and path[1] in flagged)]
    return []


def _messages(details: object, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(details, dict):
        for key, value in details.items():
            yield from _messages(value, (*path, str(key)))
    elif isinstance(details, list):
        for value in details:
            yield from _messages(value, path)
    else:
        yield path, str(details)


def requests(checked: list[Checked]) -> list[dict]:
    """Return the append requests of rows none of which has an error (the caller has made sure)."""
    found = [c.request for c in checked]
    assert all(r is not None for r in found)
    return [r for r in found if r is not None]


def refused(checked: list[Checked]) -> RosterRefused | None:
    """Return the refusal of a file with rows in error, answering every row; None if none has any."""
    bad = [c for c in checked if c.errors]
    if not bad:
        return None
    lines = ", ".join(str(c.row.number) for c in bad[:10]) + ("…" if len(bad) > 10 else "")
    return RosterRefused(f"Có {len(bad)} dòng lỗi (dòng {lines}); chưa nhập ai. Hãy sửa rồi gửi lại cả tệp.",
                         {"rows": [c.answer() for c in checked]})


def refused_by_the_book(checked: list[Checked], error: ChiboError) -> ChiboError:
    """Return the store's refusal of the batch as a refusal of the file: every row, the refused one with its error.

    The rules (run under the book's lock) name the event by its index in the batch, which is the row's.
    """
    rows = [c.answer() for c in checked]
    index = error.details.get("index")
    said = (error.original or error).message
    if isinstance(index, int) and 0 <= index < len(rows):
        rows[index]["errors"].append(said)
        message = f"Dòng {checked[index].row.number}: {said} Chưa nhập ai."
    else:
        message = f"{said} Chưa nhập ai."
    refusal = RosterRefused(message, {"rows": rows, **({"index": index} if index is not None else {})})
    refusal.status, refusal.code = error.status, error.code
    return refusal


# -- the template ----------------------------------------------------------------

def template_csv() -> bytes:
    """Return the template as CSV: the header row and the example row, UTF-8 with a byte order mark.

    The mark is what makes Excel open a CSV file as UTF-8; without it the names come out garbled.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([HEADERS[name] for name in FIELDS])
    writer.writerow([EXAMPLE[name] for name in FIELDS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    """Return the template as an XLSX workbook: the header row, the example row, a list to pick the kind from."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách đảng viên"
    sheet.append([HEADERS[name] for name in FIELDS])
    example = dict(EXAMPLE)
    joined = parse_day(example["joined_on"])
    sheet.append([joined if name == "joined_on" else example[name] for name in FIELDS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet["C2"].number_format = "DD/MM/YYYY"  # a real date cell, shown as Vietnamese people write it
    for letter, width in zip("ABCDE", (28, 14, 16, 24, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    kinds = DataValidation(type="list", formula1='"chính thức,dự bị,tạm thời"', allow_blank=False,
                           error="Hãy chọn chính thức, dự bị hoặc tạm thời.", errorTitle="Loại đảng viên")
    kinds.add(f"B2:B{MAX_ROWS + 1}")
    sheet.add_data_validation(kinds)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
