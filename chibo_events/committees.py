"""The committee's view (contract §3 v1.1): the cells of an đảng bộ, and each cell's figures for a month.

A committee is the `committee` its cells were registered with; its id is that name made a slug, as member ids
are. The figures of a cell for a month are those on the month's last day (today for the month under way), from
the book as it stands: a meeting typed in late counts in its month. Each cell's line comes from that cell's own
answers (answers.py) and is kept with the book's size and the day it is for (store/overview_rows.py), so an
overview that nothing has changed since is read, not folded; the verification (the audit page's quick look)
is made again only when the book has grown.
"""

import calendar as month_days
import re
from collections.abc import Callable
from datetime import date

from . import answers, clock
from .errors import Malformed, NotFound
from .member_ids import slug
from .store import Store
from .store.overview_rows import Kept
from .timestamps import parse_instant, utc_text, vietnam_date

MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def committee_id(name: str) -> str:
    return slug(name)


def this_month() -> str:
    return answers.today().strftime("%Y-%m")


def figures_day(month: str) -> date:
    """Return the day a month's figures are for: its last day, or today for the month under way."""
    found = MONTH.fullmatch(month or "")
    if not found:
        raise Malformed("Tháng phải có dạng YYYY-MM, ví dụ 2026-11.", {"month": (month or "")[:20]})
    year, number = int(found[1]), int(found[2])
    today = answers.today()
    if (year, number) > (today.year, today.month):
        raise Malformed(f"Tháng {number}/{year} chưa tới.", {"month": month})
    last = date(year, number, month_days.monthrange(year, number)[1])
    return min(last, today)


def committees(store: Store, may_read: Callable[[str], bool]) -> list[dict]:
    """Return [{committee_id, name, cells: [cell_id]}] of the open cells the reader may read, by name."""
    found: dict[str, dict] = {}
    for book in store.book_names():
        if not may_read(book):
            continue
        described = answers.describe_cell(store, book)
        if described["committee"] and "closed" not in described:
            key = committee_id(described["committee"])
            found.setdefault(key, {"committee_id": key, "name": described["committee"], "cells": []})
            found[key]["cells"].append(book)
    return sorted(found.values(), key=lambda c: c["name"])


def overview(store: Store, wanted: str, month: str | None, may_read: Callable[[str], bool]) -> dict:
    """Return the committee's overview for `month` (default this month): a line per open cell it may read."""
    month = month or this_month()
    day = figures_day(month)
    sizes, kept = store.overview.sizes(), store.overview.month(month)
    name, lines = None, []
    for book in sorted(sizes):
        if not may_read(book):
            continue
        line = kept.get(book)
        if line is None or line.size != sizes[book] or line.on_day != day.isoformat():
            line = _make_line(store, book, month, day, sizes[book], line, wanted)
        if line.committee_id != wanted or not line.row.get("name") or line.row.get("closed"):
            continue
        if "verification" not in line.row:  # kept when another committee was asked for: only its name
            line = _make_line(store, book, month, day, sizes[book], line, wanted)
        name = line.row["committee"]
        lines.append({k: v for k, v in line.row.items() if k not in ("committee", "closed")})
    # What witnesses said changes without the book growing: read now, not kept with the line.
    witnessed, refused = store.witnessed.sizes(), store.witnessed.refused_books()
    for line_ in lines:
        line_["witnessed_size"] = witnessed.get(line_["cell_id"])
        line_["witness_alarms"] = [witness_alarm(r, line_["verification"]["size"])
                                   for r in refused.get(line_["cell_id"], [])]
    if name is None:
        raise NotFound(f"Không có đảng bộ {wanted[:80]!r} (hoặc không có chi bộ nào được xem).",
                       {"committee_id": wanted[:80]})
    return {"committee_id": wanted, "name": name, "month": month, "on": day.isoformat(),
            "cells": sorted(lines, key=lambda line: line["name"])}


def _make_line(store: Store, book: str, month: str, day: date, size: int, old: Kept | None, wanted: str) -> Kept:
    """Make and keep the book's line: its figures if it is of the committee `wanted`, else only what it is."""
    described = answers.describe_cell(store, book)
    committee = committee_id(described["committee"] or "")
    if committee != wanted or "closed" in described:
        # Another committee's cell (or a closed one) costs one look at its name until the book changes.
        row = {"cell_id": book, "name": described["name"], "committee": described["committee"],
               **({"closed": True} if "closed" in described else {})}
    else:
        # The verification depends on the book only: kept while the book has the size it was checked at.
        checked = old.row.get("verification") if old is not None and old.size == size else None
        row = cell_line(store, book, month, day, described, checked)
    line = Kept(committee, size, day.isoformat(), row)
    store.overview.keep(book, month, line)
    return line


def cell_line(store: Store, book: str, month: str, day: date, described: dict,
              verification: dict | None = None) -> dict:
    """Return one cell's figures for the month, as of `day` (its last day, or today)."""
    held = [m for m in answers.meetings(store, book)
            if not m.get("voided") and vietnam_date(parse_instant(m["opened_at"])) <= day]
    opened_on = {m["meeting_id"]: vietnam_date(parse_instant(m["opened_at"])) for m in held}
    this_month = [m for m in held if opened_on[m["meeting_id"]].strftime("%Y-%m") == month]
    quarter = (day.month - 1) // 3
    in_quarter = [m for m in held if opened_on[m["meeting_id"]].year == day.year
                  and (opened_on[m["meeting_id"]].month - 1) // 3 == quarter]
    rates, flags = [], []
    for meeting in this_month:
        quality = answers.meeting_minutes(store, book, meeting["meeting_id"])["quality"]
        if quality["attendance_rate"] is not None:
            rates.append(quality["attendance_rate"])
        flags.extend(f for f in quality["flags"] if f not in flags)
    tasks = answers.task_board(store, book, "open", on=day)
    statuses = [m for m in answers.member_statuses(store, book, on=day) if m["active"]]
    warned = [m for m in statuses if m.get("removal_warning")]
    overdue = [m for m in statuses if m.get("probation_overdue")]
    if verification is None:
        report = store.quick_verify(book)
        verification = {"ok": report.ok, "size": report.size, "checked_at": utc_text(clock.now())}
    last = held[-1] if held else None
    return {
        "cell_id": book, "name": described["name"], "committee": described["committee"],
        **({"closed": True} if "closed" in described else {}),
        "last_meeting": {k: last[k] for k in ("meeting_id", "kind", "opened_at")} if last else None,
        "meetings_this_month": [{k: m[k] for k in ("meeting_id", "kind", "opened_at")} for m in this_month],
        "regular_meeting_held": any(m["kind"] == "regular" for m in this_month),
        "thematic_this_quarter": any(m["kind"] == "thematic" for m in in_quarter),
        "attendance_rate": round(sum(rates) / len(rates), 1) if rates else None,
        "quality_flags": flags,
        "open_tasks": len(tasks),
        "overdue_tasks": sum(1 for t in tasks if t.get("overdue")),
        "removal_warnings": [m["member_id"] for m in warned],
        "probation_overdue": [m["member_id"] for m in overdue],
        "people": {m["member_id"]: m["full_name"] for m in warned + overdue},
        "verification": verification,
        "witnessed_size": None,  # filled in when the overview is read: witnesses answer between appends
    }


def witness_alarm(refusal, size: int) -> str:
    """Say a witness's refusal of the book as an inspector reads it."""
    if refusal.status == 409 and refusal.witnessed_size is not None and refusal.witnessed_size > size:
        return (f"Nhân chứng {refusal.witness} đã đồng ký {refusal.witnessed_size} bản ghi, sổ chỉ có {size}: "
                "sổ đã bị quay lui.")
    if refusal.status in (409, 422):
        return f"Nhân chứng {refusal.witness} từ chối cây hiện nay của sổ: không nhất quán với cây nó đã đồng ký."
    return f"Nhân chứng {refusal.witness} từ chối ({refusal.status}): {refusal.said}"


def books_to_search(store: Store, may_read: Callable[[str], bool], cell: str | None = None,
                    committee: str | None = None) -> list[str]:
    """Return the books a reader may search: all it may read, or one cell's, or one committee's cells'."""
    if cell:
        return [cell] if store.book_exists(cell) and may_read(cell) else []
    if committee:
        return next((c["cells"] for c in committees(store, may_read) if c["committee_id"] == committee), [])
    return [book for book in store.book_names() if may_read(book)]
