"""The biên bản laid out once, as blocks, and printed as plain UTF-8 text.

`minutes_blocks` turns the minutes JSON (contract §3) into the document's
blocks in reading order; `minutes_text` prints them and `minutes_docx` sets
the very same blocks in Word, so both say the same words in the same order.
Pure: no framework, no clock. Optional keys may be missing or null; the
biên bản then says "…" or "Chưa có." rather than failing.
"""

import unicodedata
from dataclasses import dataclass
from itertools import zip_longest

from ..vocabulary import LEADERS, VOTE_FIELDS, capitalised
from .vietnamese import (
    attendance_words,
    criticism_level_words,
    date_words,
    event_type_words,
    kind_words,
    local_date,
    moment_words,
    place_date_line,
    role_words,
    share_of,
    share_words,
    task_status_words,
    time_words,
)

PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
CORRECTED = "(đã đính chính)"
UNKNOWN = "…"
PROCEEDING_TYPES = ("SpeechGiven", "ReportPresented", "TaskReported")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
TEXT_WIDTH = 78
OUTSIDE_AGENDA = {"opening": "Khai mạc", "closing": "Bế mạc"}  # speeches that belong to no agenda item


@dataclass(frozen=True)
class Header:
    """The two-column head of a Party document: the issuing cell left, the Party and the dateline right."""

    superior: str
    issuer: str
    dateline: str
    party: str = PARTY
    number: str | None = None  # "Số: 05-BB/CB", offered, not required (Hướng dẫn 36-HD/VPTW)


@dataclass(frozen=True)
class Title:
    """The centred title: "BIÊN BẢN", the kind of meeting, and the topic of a thematic one."""

    name: str
    subtitle: str
    topic: str | None = None


@dataclass(frozen=True)
class Note:
    """A small italic remark on the state of the record, such as the as_of moment."""

    text: str


@dataclass(frozen=True)
class Heading:
    """A section heading such as "I. THỜI GIAN, ĐỊA ĐIỂM"."""

    text: str


@dataclass(frozen=True)
class Subheading:
    """An agenda item heading inside the proceedings."""

    text: str


@dataclass(frozen=True)
class Line:
    """A paragraph of the body, with its list mark ("-", "+", "1.") when it has one."""

    text: str
    mark: str = ""

    @property
    def words(self) -> str:
        """Return the paragraph as printed: the mark, a space, the text."""
        return f"{self.mark} {self.text}" if self.mark else self.text


@dataclass(frozen=True)
class Signatures:
    """The signature block: the clerk on the left, the chair on the right."""

    left_title: str
    left_name: str
    right_title: str
    right_name: str


Block = Header | Title | Note | Heading | Subheading | Line | Signatures


# ---------------------------------------------------------------- small helpers


def name_of(person: dict | None) -> str:
    """Return a person's full name, or dots when the record does not name them."""
    person = person or {}
    return (person.get("full_name") or person.get("name") or UNKNOWN).strip()


def comrade(person: dict | None) -> str:
    """Return "đồng chí <name>", the way the minutes refer to a member."""
    return f"đồng chí {name_of(person)}"


def clause(text: str | None) -> str:
    """Return text without trailing spaces and full stops, ready to be followed by more words."""
    return (text or "").strip().rstrip(".;").rstrip()


def sentence(text: str | None) -> str:
    """Return text ending with one full stop (or the punctuation it already ends with)."""
    text = (text or "").strip() or UNKNOWN
    return text if text[-1] in ".!?…" else f"{text}."


def marked(text: str, item: dict) -> str:
    """Return text followed by "(đã đính chính)" when the item was corrected after it was first recorded."""
    return f"{text} {CORRECTED}" if item.get("corrected") else text


def nothing(minutes: dict) -> Line:
    """Return the line for an empty section: "Không có." once closed, "Chưa có." while the meeting goes on."""
    return Line("Không có." if is_closed(minutes) else "Chưa có.")


def is_closed(minutes: dict) -> bool:
    """Tell whether the meeting has been closed."""
    return bool(minutes.get("closed_at"))


def with_prefix(name: str, prefix: str, also: tuple[str, ...] = ()) -> str:
    """Return a unit's name in capitals, starting with prefix unless it already names its kind."""
    upper = unicodedata.normalize("NFC", name.strip()).upper()
    if upper.startswith((prefix, *also)):
        return upper
    return f"{prefix} {upper or UNKNOWN}"


# ---------------------------------------------------------------- header and title


def header(minutes: dict) -> Header:
    """Return the head: ĐẢNG BỘ … / CHI BỘ … left, the Party and the place and date right."""
    cell = minutes.get("cell") or {}
    return Header(
        superior=with_prefix(cell.get("committee") or "", "ĐẢNG BỘ", also=("ĐẢNG ỦY", "ĐẢNG UỶ")),
        issuer=with_prefix(cell.get("name") or "", "CHI BỘ"),
        dateline=place_date_line(cell.get("place"), minutes.get("opened_at")),
        number=document_number(minutes.get("number_in_year")),
    )


def document_number(number: int | None) -> str | None:
    """Return "Số: 05-BB/CB" for the fifth minutes of the cell's year (BB: biên bản, CB: chi bộ)."""
    return None if number is None else f"Số: {number:02d}-BB/CB"


def title(minutes: dict) -> Title:
    """Return the title: "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 4 NĂM 2021", and a topic line when not regular."""
    kind = minutes.get("kind") or "regular"
    subtitle = f"SINH HOẠT CHI BỘ {kind_words(kind).upper()}"
    if minutes.get("opened_at"):
        day = local_date(minutes["opened_at"])
        subtitle += f" THÁNG {day.month} NĂM {day.year}"
    topic = clause(minutes.get("title"))
    if kind == "regular" or not topic:
        return Title("BIÊN BẢN", subtitle)
    lead = "Chuyên đề" if kind == "thematic" else "Về việc"
    return Title("BIÊN BẢN", subtitle, f"{lead}: {topic}")


def record_notes(minutes: dict) -> list[Block]:
    """Return the notes above the body: a voided meeting, and the moment the record is shown as of."""
    notes: list[Block] = []
    if voided := minutes.get("voided"):  # kept in the book, out of every statistic (contract §1 v1.1)
        notes.append(Note(f"CUỘC HỌP ĐÃ HỦY (mở nhầm): {sentence(voided.get('reason'))} "
                          "Biên bản này không có giá trị và không được tính vào thống kê nào."))
    if not minutes.get("as_of"):
        return notes
    text = f"Biên bản như đã ghi đến {moment_words(minutes['as_of'])}"
    if minutes.get("last_seq") is not None:
        text += f" (bản ghi cuối: số {minutes['last_seq']})"
    return [*notes, Note(f"{text}.")]


# ---------------------------------------------------------------- sections


def time_and_place(minutes: dict) -> list[Block]:
    """Return when the meeting began and where it was held."""
    opened = minutes.get("opened_at")
    return [
        Line(f"Thời gian: bắt đầu vào hồi {time_words(opened)}, {date_words(opened)}.", "-"),
        Line(f"Địa điểm: {sentence(minutes.get('location'))}", "-"),
    ]


def names_with_reasons(people: list[dict]) -> str:
    """Return " (đồng chí X: lý do; đồng chí Y)" for a count of absent members, or nothing."""
    if not people:
        return ""
    parts = [f"{comrade(p)}: {clause(p['reason'])}" if p.get("reason") else comrade(p) for p in people]
    return f" ({'; '.join(parts)})"


def number_or_dots(value: int | None) -> str:
    """Return a count as digits, or dots when the record does not have it."""
    return UNKNOWN if value is None else str(value)


def roll_count(attendance: dict) -> str:
    """Return the sentence that counts the members: total, kinds, exempt, present, absent."""
    total, official, probationary, exempt_count, present = (
        number_or_dots(attendance.get(key)) for key in ("total", "official", "probationary", "exempt", "present")
    )
    excused = attendance.get("absent_excused") or []
    unexcused = attendance.get("absent_unexcused") or []
    exempt = attendance.get("exempt_members") or []
    if "present_official" in attendance:  # the split shows the base of every vote (domain.md)
        present += f" (chính thức: {attendance['present_official']}, dự bị: {attendance['present_probationary']}"
        present += f", sinh hoạt tạm thời: {attendance['present_temporary']})" if attendance.get(
            "present_temporary") else ")"
    parts = [
        f"Tổng số đảng viên: {total} (chính thức: {official}, dự bị: {probationary})",
        f"miễn sinh hoạt: {exempt_count}{names_with_reasons(exempt)}",
        f"có mặt: {present}",
        f"vắng có lý do: {len(excused)}{names_with_reasons(excused)}",
        f"vắng không lý do: {len(unexcused)}{names_with_reasons(unexcused)}",
    ]
    # Members nobody has marked yet are shown, so a clerk sees the roll is unfinished.
    missing = attendance.get("not_recorded") or []
    if missing:
        parts.append(f"chưa điểm danh: {len(missing)}{names_with_reasons(missing)}")
    if attendance.get("rate") is not None:
        parts.append(f"tỷ lệ có mặt: {share_words(attendance['rate'])}")
    if attendance.get("vote_base") is not None:
        parts.append(f"đảng viên chính thức được triệu tập (cơ sở biểu quyết): {attendance['vote_base']}")
    return "; ".join(parts) + "."


def present_names(attendance: dict) -> list[Block]:
    """Return the names of the members present, noting who came late or left early."""
    present = attendance.get("present_members") or []
    if not present:
        return []
    names = [
        name_of(p) if p.get("status") in (None, "present") else
        f"{name_of(p)} ({attendance_words(p['status'])}{': ' + clause(p['reason']) if p.get('reason') else ''})"
        for p in present
    ]
    return [Line(f"Đảng viên có mặt: {', '.join(names)}.", "-")]


def guest_line(guest: dict) -> Line:
    """Return "Đồng chí <name> – <title>, <organization>." for one guest."""
    words = f"Đồng chí {name_of(guest)}"
    details = [clause(guest.get(key)) for key in ("title", "organization") if clause(guest.get(key))]
    if details:
        words += " – " + ", ".join(details)
    return Line(f"{words}.", "+")


def guests(minutes: dict) -> list[Block]:
    """Return the guests, one line each under their count."""
    invited = minutes.get("guests") or []
    if not invited:
        return [Line("Khách mời: không có.", "-")]
    return [Line(f"Khách mời: {len(invited)} đồng chí:", "-"), *map(guest_line, invited)]


def chair_and_clerk(minutes: dict) -> Line:
    """Return "Chủ trì: đồng chí …; Thư ký: đồng chí …."."""
    chair = minutes.get("chair") or {}
    role = f" ({role_words(chair['role'])} Chi bộ)" if chair.get("role") in LEADERS else ""
    return Line(f"Chủ trì: {comrade(chair)}{role}; Thư ký: {comrade(minutes.get('clerk'))}.", "-")


def participants(minutes: dict) -> list[Block]:
    """Return the Thành phần section: the roll, the guests, the chair and the clerk."""
    attendance = minutes.get("attendance") or {}
    return [
        Line(roll_count(attendance), "-"),
        *present_names(attendance),
        *guests(minutes),
        chair_and_clerk(minutes),
    ]


def agenda(minutes: dict) -> list[Block]:
    """Return the agenda items, numbered."""
    items = minutes.get("agenda") or []
    if not items:
        return [nothing(minutes)]
    return [Line(sentence(item), f"{number}.") for number, item in enumerate(items, 1)]


def agenda_heading(minutes: dict, number: int) -> str:
    """Return the heading of an agenda item in the proceedings, its text when the agenda has it."""
    items = minutes.get("agenda") or []
    if 1 <= number <= len(items):
        return f"{number}. {clause(items[number - 1])}"
    return f"Nội dung {number}"


def proceeding_group(minutes: dict, item: dict) -> str:
    """Return the heading a proceeding stands under: its agenda item, or the opening, closing or other words."""
    if item.get("agenda_item") is not None:
        return agenda_heading(minutes, item["agenda_item"])
    kind = item.get("kind") if item.get("type") == "SpeechGiven" else None
    return OUTSIDE_AGENDA.get(kind or "", "Ý kiến khác")


def proceeding_words(item: dict) -> str:
    """Return what one proceeding says: the projection's sentence, or one built from its fields."""
    if item.get("text"):
        return sentence(item["text"])
    if item.get("type") == "SpeechGiven":
        return sentence(f"Đồng chí {name_of(item.get('speaker'))}: {clause(item.get('summary'))}")
    if item.get("type") == "ReportPresented":
        subject = f" về {clause(item['subject'])}" if item.get("subject") else ""
        return sentence(f"Đồng chí {name_of(item.get('member'))} báo cáo{subject}: {clause(item.get('summary'))}")
    if item.get("type") == "TaskReported":
        return sentence(f"Nhiệm vụ {item.get('task_id', UNKNOWN)}: {task_status_words(item.get('status'))}")
    return sentence(event_type_words(item.get("type")))


def is_closing_speech(item: dict) -> bool:
    return item.get("type") == "SpeechGiven" and item.get("kind") == "closing"


def reported_in_a_report(minutes: dict) -> set[tuple[str, str]]:
    """Return (task_id, outcome) of the reports that already say a task's outcome (ReportPresented)."""
    return {(p["task_id"], p["outcome"]) for p in minutes.get("proceedings") or []
            if p.get("type") == "ReportPresented" and p.get("task_id") and p.get("outcome")}


def proceedings(minutes: dict) -> list[Block]:
    """Return the Diễn biến: speeches, reports and task reports in order, under their agenda item.

    The closing speech is left to the end of the biên bản, after the conclusion, the vote and the approval
    (the order of a meeting's end, domain.md); a task report is printed once, in the report that gave it.
    """
    said = reported_in_a_report(minutes)
    items = [p for p in minutes.get("proceedings") or [] if p.get("type") in PROCEEDING_TYPES
             and not is_closing_speech(p)
             and not (p.get("type") == "TaskReported" and (p.get("task_id"), p.get("status")) in said)]
    if not items:
        return [nothing(minutes)]
    # Without agenda items there is nothing to head; the proceedings are one list in order.
    headed = any(item.get("agenda_item") is not None for item in items)
    blocks: list[Block] = []
    current = None
    for item in items:
        # Order is the record's order; a heading appears when the discussion moves on, so a
        # closing speech never reads as part of the last agenda item.
        group = proceeding_group(minutes, item)
        if item.get("agenda_item") is None and group not in OUTSIDE_AGENDA.values() and current is not None:
            group = current  # a report without an item belongs to the item under discussion
        if headed and group != current:
            blocks.append(Subheading(group))
            current = group
        blocks.append(Line(marked(proceeding_words(item), item), "-"))
    return blocks


def task_line(task: dict) -> Line:
    """Return one assigned task: what, who and by when."""
    words = capitalised(clause(task.get("description")) or UNKNOWN)
    who = ", ".join(comrade(p) for p in task.get("assignees") or [])
    if who:
        words += f"; người thực hiện: {who}"
    if task.get("due"):
        words += f"; thời hạn: {date_words(task['due'])}"
    return Line(marked(f"{words}.", task), "-")


def tasks(minutes: dict) -> list[Block]:
    """Return the tasks assigned at the meeting."""
    assigned = minutes.get("tasks_assigned") or []
    lines: list[Block] = [task_line(t) for t in assigned]
    return lines or [nothing(minutes)]


def commendations(minutes: dict) -> list[Block]:
    """Return the members commended, each with the reason."""
    lines: list[Block] = [
        Line(marked(f"Đồng chí {name_of(c)}: {sentence(c.get('reason'))}", c), "-")
        for c in minutes.get("commendations") or []
    ]
    return lines or [nothing(minutes)]


def criticisms(minutes: dict) -> list[Block]:
    """Return the members reminded or criticised, each with the level and the reason."""
    lines: list[Block] = [
        Line(marked(f"{criticism_level_words(c.get('level'))} {comrade(c)}: {sentence(c.get('reason'))}", c), "-")
        for c in minutes.get("criticisms") or []
    ]
    return lines or [nothing(minutes)]


def vote_count(vote: dict) -> tuple[int, int, int, int]:
    """Return for, against, abstaining and the number entitled to vote (their sum when not given)."""
    votes_for, against, abstain = (int(vote.get(key) or 0) for key in VOTE_FIELDS)
    voters = vote.get("voters")
    return votes_for, against, abstain, votes_for + against + abstain if voters is None else int(voters)


def in_favour(vote: dict) -> str:
    """Return "14/14 đảng viên chính thức được triệu tập tán thành (100%)", of the base where the vote has one."""
    votes_for, _, _, voters = vote_count(vote)
    if vote.get("base") is not None:
        base = int(vote["base"])
        percent = f" ({share_words(vote.get('share_for'))})" if base else ""
        return f"{votes_for}/{base} đảng viên chính thức được triệu tập tán thành{percent}"
    share = vote.get("share_for")
    share = share_of(votes_for, voters) if share is None else share
    percent = f" ({share_words(share)})" if share is not None and voters else ""
    return f"{votes_for}/{voters} đồng chí tán thành{percent}"


def present_voters(vote: dict) -> str:
    """Return " (có mặt khi biểu quyết: 13 đảng viên chính thức)" where the base and the voters differ."""
    voters, base = vote.get("present_voters"), vote.get("base")
    return f" (có mặt khi biểu quyết: {voters} đảng viên chính thức)" if voters is not None and voters != base else ""


def failed(vote: dict) -> bool:
    return vote.get("passed") is False


def vote_words(vote: dict) -> str:
    """Return the vote line: "Biểu quyết: 14/14 đảng viên chính thức được triệu tập tán thành (100%), …"."""
    _, against, abstain, _ = vote_count(vote)
    words = f"Biểu quyết{present_voters(vote)}: {in_favour(vote)}, {against} không tán thành, {abstain} ý kiến khác."
    if failed(vote):  # more than half of the base is needed (Quy định thi hành Điều lệ §9.3)
        words += " Không đủ quá nửa số đảng viên chính thức được triệu tập tán thành: kết luận không được thông qua."
    return words


def conclusions(minutes: dict) -> list[Block]:
    """Return each conclusion put to the vote and its vote; several are numbered."""
    adopted = minutes.get("conclusions") or []
    if not adopted:
        return [nothing(minutes)]
    blocks: list[Block] = []
    for number, conclusion in enumerate(adopted, 1):
        mark = f"{number}." if len(adopted) > 1 else ""
        text = sentence(conclusion.get("text"))
        if failed(conclusion):
            text = f"(Không được thông qua) {text}"
        blocks.append(Line(marked(text, conclusion), mark))
        blocks.append(Line(vote_words(conclusion)))
    return blocks


def approval_words(minutes: dict) -> str:
    """Return the sentence on the approval of the minutes, with its vote; a failed approval says so."""
    approved = minutes.get("minutes_approved")
    if not approved:
        return "Biên bản chưa được thông qua trước chi bộ."
    _, against, abstain, _ = vote_count(approved)
    if failed(approved):
        return (f"Biên bản không được thông qua trước chi bộ{present_voters(approved)}: {in_favour(approved)}, "
                f"{against} không tán thành, {abstain} ý kiến khác, không đủ quá nửa.")
    words = f"Biên bản đã được thông qua trước chi bộ{present_voters(approved)}, {in_favour(approved)}"
    if against or abstain:
        words += f", {against} không tán thành, {abstain} ý kiến khác"
    return f"{words}."


def closing(minutes: dict) -> list[Block]:
    """Return the closing sentence, or the notice that the meeting is still going on."""
    closed = minutes.get("closed_at")
    if not closed:
        # Approval can come before the close, so it is shown even while the meeting goes on.
        approval = f" {approval_words(minutes)}" if minutes.get("minutes_approved") else ""
        return [Line(f"Biên bản đang ghi, cuộc họp chưa kết thúc.{approval}")]
    opened = minutes.get("opened_at")
    same_day = opened is not None and local_date(opened) == local_date(closed)
    day = "cùng ngày" if same_day else date_words(closed)
    speeches = [Line(marked(proceeding_words(p), p), "-") for p in minutes.get("proceedings") or []
                if is_closing_speech(p)]
    return [*speeches,
            Line(f"Buổi sinh hoạt kết thúc vào hồi {time_words(closed)} {day}. {approval_words(minutes)}")]


def correction_line(correction: dict) -> Line:
    """Return one correction note: what was corrected or withdrawn, when, by whom and why."""
    target = f"Bản ghi số {correction.get('target_seq', UNKNOWN)}"
    if correction.get("target_type"):
        target += f" ({event_type_words(correction['target_type'])})"
    done = "đã được rút bỏ" if correction.get("kind") == "retracted" else "đã được đính chính"
    source = f"bản ghi số {correction.get('seq', UNKNOWN)}"
    if recorder := correction.get("recorded_by") or correction.get("actor"):
        source += f", người ghi: {recorder}"
    when = moment_words(correction.get("recorded_at"))
    changes = f" Thay đổi: {correction['changes']}." if correction.get("changes") else ""
    reason = f"Lý do: {sentence(correction.get('reason'))}{changes}"
    if correction.get("decided_in"):  # sealed minutes: the change is a decision of the chi bộ at a meeting
        decided = f"theo quyết định của chi bộ tại buổi sinh hoạt {meeting_words(correction, 'decided')}"
        return Line(f"{target} {done} {decided} ({source}, ghi lúc {when}). {reason}", "-")
    return Line(f"{target} {done} lúc {when} ({source}). {reason}", "-")


def meeting_words(item: dict, which: str) -> str:
    """Name a related meeting by its date ("ngày 05 tháng 5 năm 2021"), else by its id."""
    opened = item.get("decided_on") if which == "decided" else item.get("target_opened_at")
    meeting_id = item.get("decided_in") if which == "decided" else item.get("target_meeting")
    return date_words(opened) if opened else f"{meeting_id or UNKNOWN}"


def decision_line(decision: dict) -> Line:
    """Return one decision of this meeting about the approved minutes of another, with before and after."""
    done = "rút bỏ" if decision.get("kind") == "retracted" else "đính chính"
    target = f"bản ghi số {decision.get('target_seq', UNKNOWN)}"
    if decision.get("target_type"):
        target += f" ({event_type_words(decision['target_type'])})"
    changes = f" Thay đổi: {decision['changes']}." if decision.get("changes") else ""
    return Line(f"Chi bộ quyết định {done} {target} trong biên bản buổi sinh hoạt {meeting_words(decision, 'target')} "
                f"(bản ghi số {decision.get('seq', UNKNOWN)}). Lý do: {sentence(decision.get('reason'))}{changes}", "-")


def correction_notes(minutes: dict) -> list[Block]:
    """Return the Ghi chú đính chính section when anything was corrected or withdrawn, or decided about."""
    notes = minutes.get("corrections") or []
    decisions = minutes.get("decisions") or []
    if not notes and not decisions:
        return []
    return [Heading("Ghi chú đính chính"), *map(correction_line, notes), *map(decision_line, decisions)]


def signatures(minutes: dict) -> Signatures:
    """Return the signature block: THƯ KÝ and the clerk, CHỦ TRÌ and the chair."""
    return Signatures("THƯ KÝ", name_of(minutes.get("clerk")), "CHỦ TRÌ", name_of(minutes.get("chair")))


def signed_note(minutes: dict) -> list[Block]:
    """Say who signed the approved minutes in the book (MinutesSigned), under the signature block."""
    signed = minutes.get("signed") or {}
    at = {s["role"]: s["at"] for s in minutes.get("signatures") or []}
    who = []
    for role, title in (("clerk", "thư ký"), ("chair", "chủ trì")):
        if signed.get(role):
            when = f" lúc {moment_words(at[role])}" if role in at else ""
            who.append(f"{title} {name_of(minutes.get(role))}{when}")
    if not who:
        return []
    return [Note(f"Đã ký xác nhận trong sổ: {'; '.join(who)}.")]


SECTIONS = (
    ("Thời gian, địa điểm", time_and_place),
    ("Thành phần", participants),
    ("Nội dung", agenda),
    ("Diễn biến", proceedings),
    ("Giao nhiệm vụ", tasks),
    ("Biểu dương", commendations),
    ("Nhắc nhở, phê bình", criticisms),
    ("Kết luận", conclusions),
)


def numbered_sections(minutes: dict) -> list[Block]:
    """Return the body sections under their numbered headings."""
    blocks: list[Block] = []
    for number, (name, body) in zip(ROMAN, SECTIONS, strict=False):
        blocks.append(Heading(f"{number}. {name.upper()}"))
        blocks.extend(body(minutes))
    return blocks


ROOT_DIGITS = 16  # of the root's 64 hex digits: enough to match a paper copy to a book, short enough to read out


def evidence_note(minutes: dict) -> list[Block]:
    """Return the footer naming the state of the book the document was made from: book, size, root."""
    evidence = minutes.get("evidence")
    if not evidence:
        return []
    book = (minutes.get("cell") or {}).get("cell_id") or UNKNOWN
    return [Note(f"Lập từ sổ {book} khi sổ có {evidence['size']} sự kiện; "
                 f"root {evidence['root'][:ROOT_DIGITS]}.")]


def minutes_blocks(minutes: dict) -> list[Block]:
    """Return the biên bản as blocks in reading order, for any renderer."""
    return [
        header(minutes),
        title(minutes),
        *record_notes(minutes),
        *numbered_sections(minutes),
        *closing(minutes),
        *correction_notes(minutes),
        signatures(minutes),
        *signed_note(minutes),
        *evidence_note(minutes),
    ]


# ---------------------------------------------------------------- plain text


def centred(text: str, width: int) -> str:
    """Return text centred in width columns, counting composed Vietnamese letters as one."""
    return unicodedata.normalize("NFC", text).center(width).rstrip()


def two_columns(left: list[str], right: list[str], left_width: int) -> list[str]:
    """Return two lists of lines side by side, each centred in its column."""
    right_width = max(TEXT_WIDTH - left_width, 1)
    rows = zip_longest(left, right, fillvalue="")
    return [(centred(a, left_width).ljust(left_width) + centred(b, right_width)).rstrip() for a, b in rows]


def header_text(block: Header) -> list[str]:
    """Return the head as two text columns."""
    left = [block.superior, block.issuer, "*", *([block.number] if block.number else [])]
    width = max(36, *(len(unicodedata.normalize("NFC", line)) + 2 for line in left))
    return two_columns(left, [block.party, block.dateline], width) + [""]


def signatures_text(block: Signatures) -> list[str]:
    """Return the signature block: titles, room to sign, names."""
    half = TEXT_WIDTH // 2
    return ["", *two_columns([block.left_title, "", "", "", block.left_name],
                             [block.right_title, "", "", "", block.right_name], half)]


def block_text(block: Block) -> list[str]:
    """Return the text lines of one block."""
    match block:
        case Header():
            return header_text(block)
        case Title(name=name, subtitle=subtitle, topic=topic):
            return [centred(line, TEXT_WIDTH) for line in (name, subtitle, topic) if line] + [""]
        case Note(text=text):
            return [centred(text, TEXT_WIDTH), ""]
        case Heading(text=text):
            return ["", text]
        case Subheading(text=text):
            return [text]
        case Line():
            return [block.words]
        case Signatures():
            return signatures_text(block)
    raise TypeError(f"not a block of the minutes: {block!r}")


def minutes_text(minutes: dict) -> str:
    """Return the biên bản as plain UTF-8 text, in the same order and wording as the DOCX."""
    lines: list[str] = []
    for block in minutes_blocks(minutes):
        more = block_text(block)
        # Blocks each add the space they need around them; where two meet, one blank line is enough.
        if lines and not lines[-1] and more and not more[0]:
            more = more[1:]
        lines.extend(more)
    return "\n".join(lines).strip("\n") + "\n"
