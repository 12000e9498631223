"""Realistic books: each cell of a commune, ten years of monthly meetings, as append requests.

A book is what a clerk would record: the roster, then every month a meeting
with attendance, speeches, reports on earlier tasks, new tasks,
commendations, now and then a criticism or a correction, votes, approved
minutes; each December the members' yearly ratings; new members admitted,
made official a year later, some transferred out. Every request is already
in the catalogue's normalised form and obeys the rules, so the store
accepts it through `Store.append` as it is (tests/bench/test_generate.py holds this).
Pure: no database, deterministic for a seed.
"""

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from chibo_events.clock import VIETNAM
from chibo_events.timestamps import occurred_text

FIRST_YEAR, YEARS = 2016, 10
NAMESPACE = uuid.UUID("6b1f0c3e-6a57-4d2e-9a0c-9d3b0b8a1c42")

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thị Thu", "Quang", "Minh", "Thị Ngọc", "Thanh", "Công"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khoa", "Lan", "Long",
         "Mai", "Minh", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Yến"]
POSITIONS = ["Giáo viên", "Trưởng thôn", "Cán bộ văn phòng", "Kế toán", "Y sĩ", "Nông dân", "Cựu chiến binh",
             "Công an viên", "Cán bộ hội phụ nữ", "Kỹ thuật viên"]
CELLS = ["Trường Tiểu học", "Trường THCS", "Trạm Y tế", "Thôn Đông", "Thôn Tây", "Thôn Bắc", "Thôn Nam",
         "Công an xã", "Quân sự xã", "Hợp tác xã"]
TOPICS = ["công tác phòng chống thiên tai", "xây dựng nông thôn mới", "thu nộp đảng phí", "công tác dân vận",
          "chuyển đổi số trong quản lý", "an ninh trật tự thôn xóm", "chăm lo gia đình chính sách",
          "phát triển đảng viên mới", "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
          "vệ sinh môi trường", "kế hoạch sản xuất vụ đông xuân", "phòng chống dịch bệnh"]
OPINIONS = ["Đồng chí đề nghị chi bộ quan tâm hơn tới {t}, phân công rõ người, rõ việc, rõ thời hạn.",
            "Đồng chí nêu khó khăn trong {t} và kiến nghị cấp ủy tháo gỡ sớm để kịp tiến độ.",
            "Đồng chí nhất trí với báo cáo, bổ sung kết quả {t} tháng qua tại địa bàn phụ trách.",
            "Đồng chí đề xuất tăng cường kiểm tra, giám sát việc thực hiện {t} trong quý tới."]
ABSENCE_REASONS = ["Đi công tác", "Ốm", "Việc gia đình", "Đi học lớp bồi dưỡng"]


@dataclass
class Member:
    member_id: str
    full_name: str
    kind: str
    since: date  # became official (or joined, if probationary)


@dataclass
class Cell:
    """What the generator knows of a book while writing it: the rules it must keep."""

    book: str
    rng: random.Random
    seq: int = 0
    members: dict[str, Member] = field(default_factory=dict)
    open_tasks: list[str] = field(default_factory=list)
    next_member: int = 0


def book_name(commune: int, cell: int) -> str:
    return f"xa-{commune:03d}-cb-{cell:02d}"


def cell_data(commune: int, cell: int) -> dict:
    return {"name": f"Chi bộ {CELLS[cell % len(CELLS)]} xã số {commune}",
            "committee": f"Đảng bộ xã số {commune}", "place": f"Xã số {commune}"}


def requests(book: str, seed: int = 0, first_year: int = FIRST_YEAR, years: int = YEARS) -> Iterator[dict]:
    """Yield the append requests of one book after its CellRegistered (seq 1), with a fixed event_id each."""
    cell = Cell(book, random.Random(f"{book}/{seed}"), seq=1)
    start = datetime(first_year, 1, 3, 8, 0, tzinfo=VIETNAM)
    for _ in range(cell.rng.randint(18, 30)):
        yield _join(cell, start, "initial", "official", date(first_year - cell.rng.randint(1, 25), 5, 19))
    for year in range(first_year, first_year + years):
        for month in range(1, 13):
            yield from _roster_changes(cell, year, month)
            yield from _meeting(cell, year, month)
            if month == 12:
                moment = datetime(year, 12, 28, 9, 0, tzinfo=VIETNAM)
                for member in list(cell.members.values()):
                    rating = cell.rng.choice(["excellent", "good", "good", "good", "completed"])
                    yield _event(cell, "cell", "MemberRated", moment,
                                 {"member_id": member.member_id, "year": year, "rating": rating})


def str_uuid(book: str, seq: int) -> str:
    """Return the fixed event_id of the event at `seq` of a generated book."""
    return str(uuid.uuid5(NAMESPACE, f"{book}/{seq}"))


def _event(cell: Cell, stream: str, type_: str, moment: datetime, data: dict) -> dict:
    cell.seq += 1
    event_id = str_uuid(cell.book, cell.seq)
    return {"stream": stream, "type": type_, "data": data, "occurred_at": occurred_text(moment),
            "event_id": event_id}


def _join(cell: Cell, moment: datetime, how: str, kind: str, joined_on: date) -> dict:
    rng, n = cell.rng, cell.next_member
    cell.next_member += 1
    full_name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    member = Member(f"dv-{n:03d}", full_name, kind, joined_on)
    cell.members[member.member_id] = member
    return _event(cell, "cell", "MemberJoined", moment, {
        "member_id": member.member_id, "full_name": full_name, "kind": kind,
        "joined_on": joined_on.isoformat(), "how": how, "position": rng.choice(POSITIONS)})


def _roster_changes(cell: Cell, year: int, month: int) -> Iterator[dict]:
    """Admit a probationary member in March, make last year's official, transfer one out in September."""
    moment = datetime(year, month, 2, 9, 0, tzinfo=VIETNAM)
    if month == 3:
        for member in list(cell.members.values()):
            if member.kind == "probationary" and (moment.date() - member.since).days >= 365:
                member.kind = "official"
                yield _event(cell, "cell", "MemberKindChanged", moment, {"member_id": member.member_id,
                                                                         "kind": "official"})
        yield _join(cell, moment + timedelta(minutes=5), "admitted", "probationary", moment.date())
    if month == 9 and len(cell.members) > 12 and cell.rng.random() < 0.6:
        member_id = cell.rng.choice(_ordinary(cell))
        del cell.members[member_id]
        yield _event(cell, "cell", "MemberLeft", moment, {"member_id": member_id, "how": "transferred_out",
                                                          "note": "Chuyển sinh hoạt đảng về nơi cư trú mới."})


def _ordinary(cell: Cell) -> list[str]:
    """Members who may leave: not the two who chair and keep the minutes."""
    return list(cell.members)[2:]


def _meeting(cell: Cell, year: int, month: int) -> Iterator[dict]:
    rng = cell.rng
    stream = f"meeting:{year}-{month:02d}"
    clock = datetime(year, month, rng.randint(5, 10), 14, 0, tzinfo=VIETNAM)

    def at() -> datetime:
        nonlocal clock
        clock += timedelta(minutes=rng.randint(1, 4), seconds=rng.randint(0, 59))
        return clock

    ids = list(cell.members)
    chair, clerk = ids[0], ids[1]
    topic = rng.choice(TOPICS)
    yield _event(cell, stream, "MeetingOpened", clock, {
        "kind": "thematic" if month % 3 == 0 else "regular",
        "title": f"Sinh hoạt chi bộ {'chuyên đề' if month % 3 == 0 else 'thường kỳ'} tháng {month} năm {year}",
        "location": "Hội trường nhà văn hóa", "chair": chair, "clerk": clerk})
    yield _event(cell, stream, "AgendaSet", at(), {"items": [
        f"Đánh giá kết quả thực hiện nhiệm vụ tháng {month}", f"Chuyên đề: {topic}",
        f"Phương hướng nhiệm vụ tháng {month % 12 + 1}"]})
    present = []
    for member_id in ids:
        roll = rng.random()
        if member_id in (chair, clerk) or roll < 0.86:
            status = "late" if roll > 0.83 else "present"
            present.append(member_id)
            yield _event(cell, stream, "AttendanceRecorded", at(), {"member_id": member_id, "status": status})
        else:
            data = {"member_id": member_id, "status": "absent_excused", "reason": rng.choice(ABSENCE_REASONS)}
            yield _event(cell, stream, "AttendanceRecorded", at(), data)
    if rng.random() < 0.25:
        yield _event(cell, stream, "GuestAttended", at(), {
            "name": f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            "title": "Đảng ủy viên", "organization": "Đảng ủy xã"})
    yield _event(cell, stream, "SpeechGiven", at(), {"speaker": {"member_id": chair}, "kind": "opening",
                                                     "summary": "Đồng chí chủ trì tuyên bố lý do, giới thiệu đại biểu.",
                                                     "agenda_item": 1})
    yield _event(cell, stream, "SpeechGiven", at(), {
        "speaker": {"member_id": chair}, "kind": "report", "agenda_item": 1,
        "summary": f"Báo cáo kết quả tháng {month}: {topic} đạt kế hoạch; còn tồn tại về tiến độ và phối hợp."})
    for task_id in cell.open_tasks[:3]:
        outcome = rng.choice(["done", "done", "in_progress"])
        reporter = rng.choice(present)
        yield _event(cell, stream, "ReportPresented", at(), {
            "member_id": reporter, "subject": f"Nhiệm vụ {task_id}", "task_id": task_id, "outcome": outcome,
            "summary": f"Báo cáo tiến độ nhiệm vụ {task_id}: đã triển khai, kết quả {outcome}."})
        if outcome == "done":
            cell.open_tasks.remove(task_id)
            yield _event(cell, stream, "TaskReported", at(), {"task_id": task_id, "status": "done",
                                                              "note": "Hoàn thành đúng hạn."})
    speeches = []
    for _ in range(rng.randint(5, 9)):
        speaker = rng.choice(present)
        speeches.append(cell.seq + 1)
        yield _event(cell, stream, "SpeechGiven", at(), {
            "speaker": {"member_id": speaker}, "kind": "opinion", "agenda_item": 2,
            "summary": rng.choice(OPINIONS).format(t=topic)})
    for k in range(2):
        task_id = f"nv-{year}-{month:02d}-{k + 1}"
        assignees = rng.sample(present, min(len(present), rng.randint(1, 3)))
        due = date(year + (month == 12), month % 12 + 1, 28).isoformat()
        cell.open_tasks.append(task_id)
        yield _event(cell, stream, "TaskAssigned", at(), {
            "task_id": task_id, "assignees": assignees, "due": due,
            "description": f"Triển khai {topic} tại địa bàn, báo cáo chi bộ kỳ sau."})
    if rng.random() < 0.5:
        yield _event(cell, stream, "MemberCommended", at(), {
            "member_id": rng.choice(present), "reason": "Hoàn thành xuất sắc nhiệm vụ được giao trong tháng."})
    if rng.random() < 0.1:
        yield _event(cell, stream, "MemberCriticized", at(), {
            "member_id": rng.choice(present), "level": "reminder",
            "reason": "Chưa hoàn thành nhiệm vụ đúng thời hạn."})
    if rng.random() < 0.15:  # the clerk got a speech wrong and corrects it during the meeting
        target = rng.choice(speeches)
        yield _event(cell, stream, "EventCorrected", at(), {
            "target_seq": target, "reason": "Ghi nhầm nội dung phát biểu.",
            "data": {"speaker": {"member_id": chair}, "kind": "opinion", "agenda_item": 2,
                     "summary": f"Đồng chí bổ sung ý kiến về {topic}."}})
    officials = sum(1 for m in present if cell.members[m].kind == "official")
    yield _event(cell, stream, "SpeechGiven", at(), {"speaker": {"member_id": chair}, "kind": "conclusion",
                                                     "summary": f"Kết luận: tập trung thực hiện {topic}.",
                                                     "agenda_item": 3})
    yield _event(cell, stream, "ConclusionAdopted", at(), {
        "text": f"Chi bộ thống nhất phương hướng tháng {month % 12 + 1}, tập trung {topic}.",
        "votes_for": officials, "votes_against": 0, "votes_abstain": 0})
    yield _event(cell, stream, "MinutesApproved", at(), {"votes_for": officials, "votes_against": 0,
                                                         "votes_abstain": 0})
    yield _event(cell, stream, "MeetingClosed", at(), {})

