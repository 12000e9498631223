"""The rules of a book (contract section 1, "Rules"), as pure functions.

`BookState` is a fold of what the rules need to know: stream versions, the
roster over time, tasks, attendance, closed meetings, retractions. It keeps
only the events that matter to a rule ("facts"), with corrections applied,
so it stays small however long the book grows. `check` decides whether a new
event may follow; it never touches a database. The store runs it inside the
book's lock, where the state cannot change underneath it.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from . import party_rules
from . import vocabulary as words
from .catalogue import NewEvent
from .clock import VIETNAM
from .envelope import Envelope
from .errors import RuleBroken
from .integrity import GENESIS_HASH
from .timestamps import parse_instant
from .upcasting import upcast
from .vocabulary import AMENDMENTS, VOTE_FIELDS, meeting_id_of, meeting_stream

# Events a rule looks back at; every other event only advances versions.
ROSTER_FACTS = frozenset({
    "MemberJoined", "MemberLeft", "MemberKindChanged", "MemberExempted", "MemberExemptionEnded",
    "MemberTemporarilyAway", "MemberReturned", "MemberSuspended", "MemberSuspensionEnded",
})
MEETING_FACTS = frozenset({
    "MeetingOpened", "AgendaSet", "AttendanceRecorded", "MinutesApproved", "MeetingClosed", "MeetingVoided",
    "MinutesSigned",
})
FACT_TYPES = ROSTER_FACTS | MEETING_FACTS | {"TaskAssigned", "DuesPaid", "CellClosed"}
UNRETRACTABLE = frozenset({"CellRegistered", "MeetingOpened"})
AFTER_CLOSING = AMENDMENTS | {"TaskReported", "MinutesSigned", "MeetingVoided"}
# Turned on and off by a pair of roster events, each refused when it would change nothing.
SPELLS = {
    "MemberTemporarilyAway": ("away", True), "MemberReturned": ("away", False),
    "MemberSuspended": ("suspended", True), "MemberSuspensionEnded": ("suspended", False),
}
TWO_THIRDS_DECISIONS = frozenset({"MemberJoined", "MemberKindChanged"})  # admission, recognition as official
FUTURE_SLACK = timedelta(minutes=5)
# A real meeting records a few hundred events; its biên bản (one document, a Word file) is made from
# all of them at once, and 40,000 took 25 s against gunicorn's 30 s timeout. 5,000 is ten real meetings.
MAX_MEETING_EVENTS = 5000
# Whom or what an event is about: a correction fixes what was said, not who it was
# about, so read models can file an amendment where its target was filed.
IDENTITY_FIELDS = ("member_id", "task_id")


@dataclass
class Fact:
    seq: int
    type: str
    stream: str
    occurred: datetime
    data: dict


@dataclass(frozen=True)
class Target:
    """The event an EventCorrected or EventRetracted points at."""

    seq: int
    type: str
    stream: str
    occurred_at: str
    data: dict


class BookState:
    """What the rules know of one book after its first `head_seq` events."""

    def __init__(self, book: str):
        self.book = book
        self.head_seq = 0
        self.head_hash = GENESIS_HASH
        self.versions: dict[str, int] = {}
        self.facts: dict[int, Fact] = {}
        self.roster: dict[str, list[int]] = defaultdict(list)
        self.tasks: dict[str, int] = {}
        self.meetings: dict[str, list[int]] = defaultdict(list)
        self.dues: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.closings: list[int] = []  # CellClosed
        self.retracted: set[int] = set()

    # -- folding -------------------------------------------------------------

    def apply(self, envelope: Envelope) -> None:
        """Fold one stored envelope into the state (in seq order), in its newest schema."""
        envelope = upcast(envelope)
        seq, kind, stream, data = envelope["seq"], envelope["type"], envelope["stream"], envelope["data"]
        self.head_seq = seq
        self.head_hash = envelope["hash"]
        self.versions[stream] = envelope["version"]
        if kind == "EventRetracted":
            self.retracted.add(data["target_seq"])
        elif kind == "EventCorrected":
            if fact := self.facts.get(data["target_seq"]):
                self._forget(fact)
                fact.data = data["data"]
                self._index(fact)
        elif kind in FACT_TYPES:
            fact = Fact(seq, kind, stream, parse_instant(envelope["occurred_at"]), data)
            self.facts[seq] = fact
            self._index(fact)

    def _index(self, fact: Fact) -> None:
        if fact.type == "TaskAssigned":
            self.tasks.setdefault(fact.data["task_id"], fact.seq)
        else:
            self._seqs_of(fact).append(fact.seq)

    def _forget(self, fact: Fact) -> None:
        if fact.type == "TaskAssigned":
            if self.tasks.get(fact.data["task_id"]) == fact.seq:
                del self.tasks[fact.data["task_id"]]
        else:
            self._seqs_of(fact).remove(fact.seq)

    def _seqs_of(self, fact: Fact) -> list[int]:
        if fact.type in MEETING_FACTS:
            return self.meetings[fact.stream]
        if fact.type == "DuesPaid":
            return self.dues[fact.data["member_id"], fact.data["month"]]
        if fact.type == "CellClosed":
            return self.closings
        return self.roster[fact.data["member_id"]]

    def _live(self, seqs) -> list[Fact]:
        return [self.facts[seq] for seq in sorted(seqs) if seq not in self.retracted]

    # -- questions the rules ask ---------------------------------------------

    def _membership_changes(self, member_id: str) -> list[tuple[datetime, Fact]]:
        changes = []
        for fact in self._live(self.roster.get(member_id, ())):
            if fact.type == "MemberJoined":
                day = datetime.fromisoformat(fact.data["joined_on"]).date()
                changes.append((datetime.combine(day, time(), VIETNAM), fact))
            else:
                changes.append((fact.occurred, fact))
        return sorted(changes, key=lambda change: (change[0], change[1].seq))

    def is_member(self, member_id: str, moment: datetime) -> bool:
        """Say whether the member had joined and not left at `moment`."""
        member = False
        for when, fact in self._membership_changes(member_id):
            if when > moment:
                break
            if fact.type == "MemberJoined":
                member = True
            elif fact.type == "MemberLeft":
                member = False
        return member

    def is_on_roll(self, member_id: str) -> bool:
        """Say whether the member's latest joining has not been followed by leaving."""
        changes = [f for _, f in self._membership_changes(member_id) if f.type in ("MemberJoined", "MemberLeft")]
        return bool(changes) and changes[-1].type == "MemberJoined"

    def standing(self, member_id: str, moment: datetime | None = None) -> dict | None:
        """Return the member as the vote base reads them at `moment` (default: after everything): kind, exempt,
        away, suspended; None if not on the roll then."""
        member: dict | None = None
        for when, fact in self._membership_changes(member_id):
            if moment is not None and when > moment:
                break
            if fact.type == "MemberJoined":
                member = {"kind": fact.data["kind"], "exempt": False, "away": False, "suspended": False}
            elif fact.type == "MemberLeft":
                member = None
            elif member is None:
                continue
            elif fact.type == "MemberKindChanged":
                member["kind"] = fact.data["kind"]
            elif fact.type in ("MemberExempted", "MemberExemptionEnded"):
                member["exempt"] = fact.type == "MemberExempted"
            elif fact.type in SPELLS:
                flag, on = SPELLS[fact.type]
                member[flag] = on
        return member

    def is_official(self, member_id: str, moment: datetime) -> bool:
        """Say whether the member was an official (not probationary) member at `moment`."""
        kind = None
        for when, fact in self._membership_changes(member_id):
            if when > moment:
                break
            if fact.type in ("MemberJoined", "MemberKindChanged"):
                kind = fact.data["kind"]
        return kind == "official"

    def task_exists(self, task_id: str) -> bool:
        seq = self.tasks.get(task_id)
        return seq is not None and seq not in self.retracted

    def task_id_taken(self, task_id: str) -> bool:
        return task_id in self.tasks

    def _meeting(self, stream: str, kind: str) -> list[Fact]:
        return [f for f in self._live(self.meetings.get(stream, ())) if f.type == kind]

    def is_closed(self, stream: str) -> bool:
        return bool(self._meeting(stream, "MeetingClosed"))

    def meeting_role(self, stream: str, role: str) -> str | None:
        """Return the member_id of the meeting's chair or clerk (role `chair` or `clerk`)."""
        opened = self._meeting(stream, "MeetingOpened")
        return opened[0].data.get(role) if opened else None

    def agenda_size(self, stream: str) -> int:
        """Return how many items the meeting's agenda has now (its latest AgendaSet); 0 outside a meeting."""
        agendas = self._meeting(stream, "AgendaSet")
        return len(agendas[-1].data["items"]) if agendas else 0

    def is_voided(self, stream: str) -> bool:
        return bool(self._meeting(stream, "MeetingVoided"))

    def is_open(self, stream: str) -> bool:
        """Say whether a meeting has opened and is neither closed nor voided."""
        return self.versions.get(stream, 0) > 0 and not self.is_closed(stream) and not self.is_voided(stream)

    def cell_closed(self) -> bool:
        return any(seq not in self.retracted for seq in self.closings)

    def vote_base(self, stream: str) -> int:
        """The meeting's vote base: the officials summoned, as party_rules.in_vote_base counts them."""
        opened = self._meeting(stream, "MeetingOpened")
        if not opened:
            return 0
        latest = {f.data["member_id"]: f.data["status"] for f in self._meeting(stream, "AttendanceRecorded")}
        count = 0
        for member_id in self.roster:
            member = self.standing(member_id, opened[0].occurred)
            if member is not None and party_rules.in_vote_base(member, latest.get(member_id)):
                count += 1
        return count

    def minutes_sealed(self, stream: str) -> bool:
        """Say whether the meeting's minutes were approved (more than half of its base): settled from then on."""
        approvals = self._meeting(stream, "MinutesApproved")
        if not approvals:
            return False
        base = self.vote_base(stream)
        return any(party_rules.passed(f.data["votes_for"], base) for f in approvals)

    def signed(self, stream: str, role: str) -> bool:
        return any(f.data["role"] == role for f in self._meeting(stream, "MinutesSigned"))

    def dues_paid(self, member_id: str, month: str) -> bool:
        return any(seq not in self.retracted for seq in self.dues.get((member_id, month), ()))

    def officials_present(self, stream: str, moment: datetime) -> int:
        """Count the official members present at `moment` (party_rules.present_for_vote): who may vote then."""
        entries = [
            party_rules.Attendance(f.occurred, f.seq, f.data["member_id"], f.data["status"])
            for f in self._live(self.meetings.get(stream, ())) if f.type == "AttendanceRecorded"
        ]
        return sum(1 for member_id in party_rules.present_for_vote(entries, moment)
                   if self.is_official(member_id, moment))


# -- the check ---------------------------------------------------------------

def _broken(message: str, *path: str | int) -> RuleBroken:
    details: dict | list = [message]
    for key in reversed(("data",) + path):
        details = {key: details}
    assert isinstance(details, dict)  # ("data",) at least wraps the message
    return RuleBroken(message, details)


def member_refs(event_type: str, data: dict) -> list[tuple[tuple, str]]:
    """Return (field path, member_id) for every member an event names."""
    refs: list[tuple[tuple, str]] = []
    if "member_id" in data:
        refs.append((("member_id",), data["member_id"]))
    if event_type == "MeetingOpened":
        refs.append((("chair",), data["chair"]))
    if event_type == "SpeechGiven" and "member_id" in data["speaker"]:
        refs.append((("speaker", "member_id"), data["speaker"]["member_id"]))
    if event_type == "TaskAssigned":
        refs.extend(((("assignees", i), m) for i, m in enumerate(data["assignees"])))
    return refs


def check(
    state: BookState, event: NewEvent, occurred: datetime, now: datetime, target: Target | None = None,
    signer: str | None = None,
) -> None:
    """Raise RuleBroken if `event`, happening at `occurred`, may not follow the book in `state` at `now`.

    `signer` is the roster member the recording account is linked to in this cell, if any: only
    the chair and the clerk sign their minutes (MinutesSigned), each from an account of their own.
    """
    if occurred > now + FUTURE_SLACK:
        raise RuleBroken(
            "Thời điểm xảy ra (occurred_at) ở tương lai quá 5 phút.", {"occurred_at": ["Ở tương lai."]}
        )
    if state.cell_closed() and not (event.type in AMENDMENTS and target is not None and target.type == "CellClosed"):
        raise RuleBroken(
            "Sổ của chi bộ đã đóng (CellClosed): chỉ còn đính chính hay thu hồi chính việc đóng sổ.",
            {"type": ["Sổ đã đóng."]}, code="cell_closed",
        )
    _check_order(state, event, signer)
    if event.type in AMENDMENTS:
        target = _check_amendment(state, event, target)
        if event.type == "EventCorrected":
            _check_facts(
                state, target.type, target.stream, event.data["data"],
                parse_instant(target.occurred_at), correcting=target,
            )
        return
    _check_facts(state, event.type, event.stream, event.data, occurred)


def _check_order(state: BookState, event: NewEvent, signer: str | None = None) -> None:
    if event.type == "CellRegistered":
        if state.head_seq:
            raise RuleBroken("CellRegistered chỉ có thể là sự kiện số 1 của sổ.", {"type": ["Sổ đã được mở."]})
        return
    if not state.head_seq:
        raise RuleBroken("Sổ phải bắt đầu bằng CellRegistered.", {"type": ["Sổ chưa được mở."]})
    if meeting_id_of(event.stream) is None:
        return
    opened = state.versions.get(event.stream, 0) > 0
    if event.type == "MeetingOpened" and opened:
        raise RuleBroken("Cuộc họp này đã khai mạc; mã cuộc họp phải là duy nhất.",
                         {"stream": ["Đã có MeetingOpened."]})
    if event.type != "MeetingOpened" and not opened:
        raise RuleBroken("Cuộc họp phải bắt đầu bằng MeetingOpened.", {"stream": ["Cuộc họp chưa khai mạc."]})
    if state.versions.get(event.stream, 0) >= MAX_MEETING_EVENTS:
        raise RuleBroken(
            f"Một cuộc họp ghi được tối đa {MAX_MEETING_EVENTS} sự kiện; cuộc họp này đã đủ.",
            {"stream": [f"Đã có {MAX_MEETING_EVENTS} sự kiện."]}, code="meeting_full",
        )
    if event.type not in AMENDMENTS and state.is_voided(event.stream):
        raise RuleBroken(
            "Cuộc họp đã bị hủy (mở nhầm): chỉ còn được đính chính hoặc thu hồi.",
            {"type": ["Cuộc họp đã có MeetingVoided."]}, code="meeting_voided",
        )
    if event.type not in AFTER_CLOSING and state.is_closed(event.stream):
        raise RuleBroken(
            "Cuộc họp đã bế mạc: chỉ còn được đính chính, thu hồi, báo cáo nhiệm vụ, ký biên bản hoặc hủy.",
            {"type": ["Cuộc họp đã có MeetingClosed."]},
        )
    if event.type == "MeetingVoided" and state.minutes_sealed(event.stream):
        raise RuleBroken(
            "Biên bản cuộc họp này đã được thông qua: không hủy được như một cuộc họp mở nhầm.",
            {"type": ["Cuộc họp đã có MinutesApproved."]}, code="minutes_sealed",
        )
    if event.type == "MinutesSigned":
        if not state.minutes_sealed(event.stream):
            raise _broken("Chỉ ký được biên bản đã được chi bộ thông qua (quá nửa số đảng viên chính thức "
                          "được triệu tập tán thành).", "role")
        if state.signed(event.stream, event.data["role"]):
            raise _broken(f"Biên bản đã có chữ ký của {words.SIGNING_ROLES.word(event.data['role'])}.", "role")
        holder = state.meeting_role(event.stream, event.data["role"])
        if signer is None or signer != holder:
            raise RuleBroken(
                f"Chỉ đồng chí {words.SIGNING_ROLES.word(event.data['role'])} của cuộc họp ký được, từ tài khoản "
                "gắn với chính mình trong danh sách chi bộ.", {"role": ["Tài khoản này không phải của người ký."]},
                code="not_the_signer",
            )


def _check_amendment(state: BookState, event: NewEvent, target: Target | None) -> Target:
    """Return the amendment's target if the amendment may be made; else raise RuleBroken."""
    seq = event.data["target_seq"]
    if target is None:
        raise _broken(f"Sổ không có sự kiện số {seq}.", "target_seq")
    if target.type in AMENDMENTS:
        raise _broken("Không đính chính hay thu hồi một đính chính; hãy làm trên sự kiện gốc.", "target_seq")
    if meeting_id_of(target.stream) is not None and state.minutes_sealed(target.stream):
        _check_sealed(state, event, target)
    elif target.stream != event.stream:
        raise _broken(f"Sự kiện số {seq} thuộc luồng {target.stream!r}; hãy ghi vào luồng đó.", "target_seq")
    if seq in state.retracted:
        raise _broken(f"Sự kiện số {seq} đã bị thu hồi.", "target_seq")
    if event.type == "EventRetracted" and target.type in UNRETRACTABLE:
        raise _broken(f"Không thu hồi được {target.type}; hãy đính chính.", "target_seq")
    if event.type == "EventCorrected":
        for name in IDENTITY_FIELDS:
            if target.data.get(name) != event.data["data"].get(name):
                raise _broken(
                    f"Đính chính không đổi được {name} (ai, nhiệm vụ nào); hãy thu hồi sự kiện và ghi lại.",
                    "data", name,
                )
    return target


def _check_sealed(state: BookState, event: NewEvent, target: Target) -> None:
    """Approved minutes are settled: a change is the chi bộ's decision, made at another meeting that is open."""
    sealed = meeting_id_of(target.stream)
    if event.stream == target.stream or meeting_id_of(event.stream) is None or not state.is_open(event.stream):
        raise RuleBroken(
            f"Biên bản cuộc họp {sealed} đã được thông qua: việc đính chính hay thu hồi phải do chi bộ quyết định "
            "tại một buổi sinh hoạt khác đang diễn ra; hãy ghi vào luồng của cuộc họp ấy.",
            {"stream": ["Biên bản đã được thông qua."]}, code="minutes_sealed",
        )


def _check_agenda_item(state: BookState, stream: str, number: int, prefix: tuple) -> None:
    """A speech, report or task report names an item of its meeting's agenda, as the agenda stands."""
    size = state.agenda_size(stream)
    if not size:
        raise _broken("Chưa có chương trình (AgendaSet) trong buổi họp này: không gắn được mục chương trình.",
                      *prefix, "agenda_item")
    if number > size:
        raise _broken(f"Chương trình buổi họp chỉ có {size} mục; không có mục {number}.", *prefix, "agenda_item")


def _check_spells(state: BookState, event_type: str, data: dict, prefix: tuple) -> None:
    """Away and back, suspended and reinstated: each only from the other state, and only on the roll."""
    flag, on = SPELLS[event_type]
    member = state.standing(data["member_id"])
    if member is None:
        raise _broken(f"{data['member_id']!r} không còn trong danh sách chi bộ.", *prefix, "member_id")
    if member[flag] == on:  # already so: the event would change nothing
        already = {("away", True): "đang sinh hoạt tạm thời nơi khác",
                   ("away", False): "không đi sinh hoạt tạm thời nơi khác",
                   ("suspended", True): "đang bị đình chỉ sinh hoạt",
                   ("suspended", False): "không bị đình chỉ sinh hoạt"}[flag, on]
        raise _broken(f"{data['member_id']!r} {already}.", *prefix, "member_id")


def _check_decision(state: BookState, event_type: str, decision: dict, prefix: tuple) -> None:
    """The chi bộ's vote that decided a change of membership: at a meeting of the book, passed by its rule."""
    stream = meeting_stream(decision["meeting_id"])
    if state.versions.get(stream, 0) == 0 or state.is_voided(stream):
        raise _broken(f"Sổ không có cuộc họp {decision['meeting_id']!r} (hoặc cuộc họp đã bị hủy).",
                      *prefix, "decision", "meeting_id")
    base = state.vote_base(stream)
    if sum(decision[name] for name in VOTE_FIELDS) > base:
        raise _broken(f"Tổng số phiếu vượt quá số đảng viên chính thức được triệu tập của cuộc họp ấy ({base}).",
                      *prefix, "decision", "votes_for")
    if event_type in TWO_THIRDS_DECISIONS:
        if not party_rules.two_thirds(decision["votes_for"], base):
            raise _broken(f"Kết nạp và công nhận đảng viên chính thức cần ít nhất hai phần ba số đảng viên chính "
                          f"thức được triệu tập tán thành ({decision['votes_for']}/{base}).",
                          *prefix, "decision", "votes_for")
    elif not party_rules.passed(decision["votes_for"], base):
        raise _broken(f"Nghị quyết cần quá nửa số đảng viên chính thức được triệu tập tán thành "
                      f"({decision['votes_for']}/{base}).", *prefix, "decision", "votes_for")


def _check_facts(
    state: BookState, event_type: str, stream: str, data: dict, occurred: datetime,
    correcting: Target | None = None,
) -> None:
    prefix = ("data",) if correcting else ()
    for path, member_id in member_refs(event_type, data):
        if event_type == "MemberJoined":
            continue
        if not state.is_member(member_id, occurred):
            raise _broken(
                f"{member_id!r} không phải đảng viên của chi bộ vào thời điểm đó.", *prefix, *path
            )
    if event_type == "MemberJoined" and state.is_on_roll(data["member_id"]):
        same_member = correcting and correcting.data["member_id"] == data["member_id"]
        if not same_member:
            raise _broken(f"{data['member_id']!r} đã là đảng viên của chi bộ.", *prefix, "member_id")
    if event_type == "TaskAssigned":
        unchanged = correcting and correcting.data["task_id"] == data["task_id"]
        if state.task_id_taken(data["task_id"]) and not unchanged:
            raise _broken(f"Mã nhiệm vụ {data['task_id']!r} đã được dùng trong sổ.", *prefix, "task_id")
    reported = data.get("task_id") if event_type in ("TaskReported", "ReportPresented") else None
    if reported is not None and not state.task_exists(reported):
        raise _broken(f"Sổ không có nhiệm vụ {data['task_id']!r}.", *prefix, "task_id")
    if data.get("agenda_item") is not None:
        _check_agenda_item(state, stream, data["agenda_item"], prefix)
    if event_type in SPELLS:
        _check_spells(state, event_type, data, prefix)
    if data.get("decision") is not None:
        _check_decision(state, event_type, data["decision"], prefix)
    if event_type == "DuesPaid" and state.dues_paid(data["member_id"], data["month"]):
        unchanged = correcting and (correcting.data["member_id"], correcting.data["month"]) == (
            data["member_id"], data["month"])
        if not unchanged:
            raise _broken(f"Đảng phí tháng {data['month']} của {data['member_id']!r} đã được ghi; "
                          "hãy đính chính bản ghi ấy nếu sai.", *prefix, "month")
    if event_type in ("ConclusionAdopted", "MinutesApproved"):
        voters = state.officials_present(stream, occurred)
        if sum(data[name] for name in VOTE_FIELDS) > voters:
            raise _broken(
                f"Tổng số phiếu vượt quá số đảng viên chính thức có mặt lúc biểu quyết ({voters}); "
                "ai về sớm trước đó hoặc đến muộn sau đó không được tính.", *prefix, "votes_for"
            )

