"""Minutes (biên bản): one document per meeting stream, rendered to the contract's minutes JSON.

The document keeps the meeting's facts; `render` reads them with the roster
(member documents) to name people and count who was on the roll when the
meeting opened. Corrections and retractions stay visible in `corrections`.
"""

from datetime import datetime

from chibo_events import party_rules
from chibo_events import vocabulary as words
from chibo_events.documents.vietnamese import date_words
from chibo_events.timestamps import parse_instant
from chibo_events.vocabulary import AMENDMENTS, ATTENDING, VOTE_FIELDS, capitalised, meeting_id_of

from . import members as members_projection
from .facts import fact_of, fold_fact, last_seq, live, new_doc

NAME = "minutes"


def keys(envelope: dict, target: dict | None) -> list[str]:
    """The meeting of the event's stream; for an amendment decided at another meeting, the amended one too."""
    found = [meeting_id] if (meeting_id := meeting_id_of(envelope["stream"])) else []
    if envelope["type"] in AMENDMENTS and target is not None:
        amended = meeting_id_of(target["stream"])
        if amended and amended not in found:
            found.append(amended)
    return found


def apply(doc: dict | None, key: str, envelope: dict, target: dict | None = None) -> dict | None:
    if envelope["type"] in AMENDMENTS and target is not None and meeting_id_of(target["stream"]) != key:
        # This meeting decided to amend sealed minutes of another (rules._check_sealed): keep the decision.
        doc = doc or new_doc(meeting_id=key)
        if not doc["facts"] or doc["facts"][-1]["seq"] < envelope["seq"]:  # folded in seq order, once
            doc["facts"].append({**fact_of(envelope), "target_meeting": meeting_id_of(target["stream"]),
                                 "target_type": target["type"]})
        return doc
    return fold_fact(doc, envelope, meeting_id=key)


def with_people(rendered: dict, people: dict[str, str]) -> dict:
    """Name who recorded each correction as the person ("Phan Thị Hoa (thuky)") where the account is linked.

    `people` maps usernames to those names (chibo_events.users.people; offline, the bundle's header).
    """
    for correction in rendered.get("corrections", []):
        correction["recorded_by"] = people.get(correction.get("actor") or "", correction.get("actor"))
    return rendered


def summary(doc: dict) -> dict | None:
    """Return the meeting's line in a list of meetings: {meeting_id, kind, title, opened_at, closed_at}."""
    opened = live(doc, frozenset({"MeetingOpened"}))
    if not opened:
        return None
    closed = live(doc, frozenset({"MeetingClosed"}))
    data = opened[0]["data"]
    return {
        "meeting_id": doc["meeting_id"], "kind": data["kind"], "title": data["title"],
        "opened_at": opened[0]["occurred_at"], "closed_at": closed[-1]["occurred_at"] if closed else None,
        # Only when true: the summaries stored before MeetingVoided existed stay what a fold gives.
        **({"voided": True} if live(doc, frozenset({"MeetingVoided"})) else {}),
    }


# -- rendering ------------------------------------------------------------------

class _Names:
    """Names of members and guests, as the roster and the meeting give them."""

    def __init__(self, member_docs: dict[str, dict], guests: list[dict]):
        self._docs = member_docs
        self._guests = {g["name"]: g for g in guests}

    def member(self, member_id: str) -> dict:
        return {"member_id": member_id, "full_name": members_projection.full_name(self._docs.get(member_id))}

    def name(self, member_id: str) -> str:
        return self.member(member_id)["full_name"] or member_id

    def clerk(self, clerk: str) -> dict:
        """The clerk is a member_id or, for someone outside the cell, a name."""
        return self.member(clerk) if clerk in self._docs else {"member_id": None, "full_name": clerk}

    def speaker(self, speaker: dict) -> dict:
        if "member_id" in speaker:
            return self.member(speaker["member_id"])
        guest = self._guests.get(speaker["guest"], {})
        return {"guest": speaker["guest"], "full_name": speaker["guest"], "title": guest.get("title")}


def related_meetings(doc: dict) -> list[str]:
    """Return the meetings whose sealed minutes this one amended, and those that amended this one's."""
    amended = {f["target_meeting"] for f in doc["facts"] if f["type"] in AMENDMENTS and "target_meeting" in f}
    deciding = {a["decided_in"] for a in doc["amendments"] if "decided_in" in a}
    return sorted(amended | deciding)


def _opened_on(docs: dict[str, dict] | None, meeting_id: str) -> str | None:
    """Return when a related meeting opened (its date names it in the biên bản), if its document is at hand."""
    opened = live(docs[meeting_id], frozenset({"MeetingOpened"})) if docs and meeting_id in docs else []
    return opened[0]["occurred_at"] if opened else None


def _decision(fact: dict, docs: dict[str, dict] | None) -> dict:
    """Return a decision of this meeting about another's sealed minutes, with the figures before and after."""
    amended = (docs or {}).get(fact["target_meeting"])
    record = next((a for a in amended["amendments"] if a["seq"] == fact["seq"]), None) if amended else None
    return {
        "seq": fact["seq"], "kind": "corrected" if fact["type"] == "EventCorrected" else "retracted",
        "target_meeting": fact["target_meeting"], "target_opened_at": _opened_on(docs, fact["target_meeting"]),
        "target_seq": fact["data"]["target_seq"], "target_type": fact.get("target_type"),
        "reason": fact["data"]["reason"],
        "before": record["before"] if record else None, "after": record["after"] if record else None,
        "changes": change_words(record["before"], record["after"]) if record else "",
    }


def reported_tasks(doc: dict) -> list[str]:
    """Return the ids of the tasks reported on in the meeting, to describe them from the tasks projection."""
    return sorted({f["data"]["task_id"] for f in live(doc, frozenset({"TaskReported", "ReportPresented"}))
                   if "task_id" in f["data"]})


def render(doc: dict, member_docs: dict[str, dict], cell: dict, as_of: str | None = None,
           task_docs: dict[str, dict] | None = None, amended_docs: dict[str, dict] | None = None) -> dict:
    """Return the minutes JSON of contract section 3 for a meeting document.

    `amended_docs`: the documents of the meetings this one's decisions amended, and of those whose
    decisions amended this one (`related_meetings`), for the figures before and after and the dates.
    """
    facts = live(doc)
    opened = next(f for f in facts if f["type"] == "MeetingOpened")
    head = opened["data"]
    guests = [
        {"name": f["data"]["name"], "title": f["data"]["title"], "organization": f["data"].get("organization")}
        for f in facts if f["type"] == "GuestAttended"
    ]
    names = _Names(member_docs, guests)
    closed = [f for f in facts if f["type"] == "MeetingClosed"]
    agenda = [f for f in facts if f["type"] == "AgendaSet"]
    opened_at = parse_instant(opened["occurred_at"])
    attendance = _attendance(facts, member_docs, opened_at, names)
    votes = _vote_counter(facts, member_docs, attendance["vote_base"])
    descriptions = {
        task_id: assigned[0]["data"]["description"]
        for task_id, task in (task_docs or {}).items()
        if (assigned := live(task, frozenset({"TaskAssigned"})))
    }
    rendered = {
        "cell": cell,
        "meeting_id": doc["meeting_id"],
        "kind": head["kind"],
        "title": head["title"],
        "location": head["location"],
        "opened_at": opened["occurred_at"],
        "closed_at": closed[-1]["occurred_at"] if closed else None,
        "chair": {**names.member(head["chair"]), "role": _role_at(member_docs, head["chair"], opened)},
        "clerk": names.clerk(head["clerk"]),
        "attendance": attendance,
        "guests": guests,
        "agenda": agenda[-1]["data"]["items"] if agenda else [],
        "proceedings": [_proceeding(f, names, descriptions) for f in facts],
        "tasks_assigned": [
            {"seq": f["seq"], "task_id": f["data"]["task_id"],
             "assignees": [names.member(m) for m in f["data"]["assignees"]],
             "description": f["data"]["description"], "due": f["data"].get("due"), "corrected": _corrected(f)}
            for f in facts if f["type"] == "TaskAssigned"
        ],
        "tasks_reported": [
            {"seq": f["seq"], "task_id": f["data"]["task_id"], "status": f["data"]["status"],
             "note": f["data"].get("note"), "description": descriptions.get(f["data"]["task_id"]),
             "corrected": _corrected(f)}
            for f in facts if f["type"] == "TaskReported"
        ],
        "commendations": [
            {"seq": f["seq"], **names.member(f["data"]["member_id"]), "reason": f["data"]["reason"],
             "corrected": _corrected(f)}
            for f in facts if f["type"] == "MemberCommended"
        ],
        "criticisms": [
            {"seq": f["seq"], **names.member(f["data"]["member_id"]), "level": f["data"]["level"],
             "reason": f["data"]["reason"], "corrected": _corrected(f)}
            for f in facts if f["type"] == "MemberCriticized"
        ],
        "conclusions": [
            {"seq": f["seq"], "text": f["data"]["text"], **votes(f), "corrected": _corrected(f)}
            for f in facts if f["type"] == "ConclusionAdopted"
        ],
        "minutes_approved": next(
            ({"seq": f["seq"], **votes(f), "corrected": _corrected(f)}
             for f in reversed(facts) if f["type"] == "MinutesApproved"), None,
        ),
        "corrections": [
            {**{k: a[k] for k in ("seq", "target_seq", "target_type", "kind", "reason", "recorded_at", "actor")},
             **({"decided_in": a["decided_in"], "decided_on": _opened_on(amended_docs, a["decided_in"]),
                 "before": a["before"], "after": a["after"], "changes": change_words(a["before"], a["after"])}
                if "decided_in" in a else {})}
            for a in doc["amendments"]
        ],
        "decisions": [_decision(f, amended_docs) for f in facts if f["type"] in AMENDMENTS],
        "voided": next(({"reason": f["data"]["reason"], "seq": f["seq"]}
                        for f in facts if f["type"] == "MeetingVoided"), None),
        "signed": {role: any(f["type"] == "MinutesSigned" and f["data"]["role"] == role for f in facts)
                   for role in words.SIGNING_ROLES},
        # Who signed when: the chair or the clerk of the meeting, each from their own account (rules.py).
        "signatures": [{"role": f["data"]["role"], "at": f["occurred_at"], "seq": f["seq"]}
                       for f in facts if f["type"] == "MinutesSigned"],
        "as_of": as_of,
        "last_seq": last_seq(doc),
    }
    rendered["quality"] = quality(rendered)
    return rendered


def quality(rendered: dict) -> dict:
    """Return {attendance_rate, flags}: what Hướng dẫn 12-HD/BTCTW asks of a meeting that the record can show.

    Flags, not refusals: each is a judgement for the chi ủy and the inspectors (domain.md).
    """
    attendance = rendered["attendance"]
    present = {m["member_id"] for m in attendance["present_members"]}
    votes = [*rendered["conclusions"], *([rendered["minutes_approved"]] if rendered["minutes_approved"] else [])]
    approval = rendered["minutes_approved"]
    clerk = rendered["clerk"].get("member_id")
    checks = {
        "attendance_at_most_85": attendance["rate"] is not None and attendance["rate"] <= party_rules.GOOD_ATTENDANCE,
        "unexcused_absence": bool(attendance["absent_unexcused"]),
        "officials_present_at_most_half": 2 * attendance["present_official"] <= attendance["vote_base"],
        "vote_failed": any(not vote["passed"] for vote in votes),
        "closed_without_approval": rendered["closed_at"] is not None and not (approval and approval["passed"]),
        "chair_absent": rendered["chair"]["member_id"] not in present,
        "clerk_absent": clerk is not None and clerk not in present,
        "chair_not_leader": rendered["chair"]["role"] not in words.LEADERS,
    }
    return {"attendance_rate": attendance["rate"], "flags": [code for code, found in checks.items() if found]}


def _role_at(member_docs: dict[str, dict], member_id: str, opened: dict) -> str | None:
    doc = member_docs.get(member_id)
    member = members_projection.member_at(doc, parse_instant(opened["occurred_at"])) if doc else None
    return member["role"] if member else None


def _corrected(fact: dict) -> bool:
    return "corrected_by" in fact


def _attendance(facts: list[dict], member_docs: dict[str, dict], opened: datetime, names: _Names) -> dict:
    roll = members_projection.roll_at(member_docs.values(), opened)
    latest = {}
    for fact in facts:
        if fact["type"] == "AttendanceRecorded":
            latest[fact["data"]["member_id"]] = fact["data"]
    by_status: dict[str, list[dict]] = {status: [] for status in words.ATTENDANCE}
    for member_id, data in latest.items():
        by_status[data["status"]].append({**names.member(member_id), "reason": data.get("reason")})
    exempt = [m for m in roll if m["exempt"]]
    status = {member_id: data["status"] for member_id, data in latest.items()}
    kind = {m["member_id"]: m["kind"] for m in roll}
    attending = [member_id for member_id, s in status.items() if s in ATTENDING]
    # Expected: on the roll, less the exempt, the away and the suspended who did not come.
    excused = [m for m in roll if (m["exempt"] or m.get("away") or m.get("suspended")) and
               status.get(m["member_id"]) not in ATTENDING]
    return {
        "total": len(roll),
        "official": sum(1 for m in roll if m["kind"] == "official"),
        "probationary": sum(1 for m in roll if m["kind"] == "probationary"),
        "exempt": len(exempt),
        "present": len(attending),
        "present_official": sum(1 for m in attending if kind.get(m) == "official"),
        "present_probationary": sum(1 for m in attending if kind.get(m) == "probationary"),
        "present_temporary": sum(1 for m in attending if kind.get(m) == "temporary"),
        "vote_base": sum(1 for m in roll if party_rules.in_vote_base(m, status.get(m["member_id"]))),
        "rate": party_rules.rate(len(attending), len(roll) - len(excused)),
        "present_members": [
            {**names.member(member_id), "status": data["status"], "reason": data.get("reason")}
            for member_id, data in latest.items() if data["status"] in ATTENDING
        ],
        "absent_excused": by_status["absent_excused"],
        "absent_unexcused": by_status["absent_unexcused"],
        "not_recorded": [
            names.member(m["member_id"]) for m in roll if m["member_id"] not in latest and not m["exempt"]
        ],
        "exempt_members": [names.member(m["member_id"]) for m in exempt],
    }


def _vote_counter(facts: list[dict], member_docs: dict[str, dict], base: int):
    """Return a function giving a vote's counts, its voters (officials present at its moment), base and outcome."""
    entries = [
        party_rules.Attendance(parse_instant(f["occurred_at"]), f["seq"], f["data"]["member_id"], f["data"]["status"])
        for f in facts if f["type"] == "AttendanceRecorded"
    ]

    def counted(fact: dict) -> dict:
        moment = parse_instant(fact["occurred_at"])
        voters = 0
        for member_id in party_rules.present_for_vote(entries, moment):
            member = members_projection.member_at(member_docs[member_id], moment) if member_id in member_docs else None
            if member and member["kind"] == "official":
                voters += 1
        counts = {name: fact["data"][name] for name in VOTE_FIELDS}
        return {
            **counts, "voters": voters, "present_voters": voters, "base": base,
            "passed": party_rules.passed(counts["votes_for"], base),
            "share_for": party_rules.share(counts["votes_for"], base),
        }

    return counted


def _proceeding(fact: dict, names: _Names, descriptions: dict[str, str]) -> dict:
    item = {"seq": fact["seq"], "type": fact["type"], "occurred_at": fact["occurred_at"],
            "agenda_item": fact["data"].get("agenda_item"), "corrected": _corrected(fact)}
    data = fact["data"]
    if fact["type"] == "SpeechGiven":
        speaker = names.speaker(data["speaker"])
        item.update(speaker=speaker, kind=data["kind"], summary=data["summary"])
    elif fact["type"] == "ReportPresented":
        item.update(member=names.member(data["member_id"]), subject=data["subject"], summary=data["summary"],
                    task_id=data.get("task_id"), outcome=data.get("outcome"))
    elif fact["type"] == "TaskReported":
        item.update(task_id=data["task_id"], status=data["status"], note=data.get("note"))
    item["text"] = _sentence(fact, names, descriptions)
    return item


def _task_name(task_id: str, descriptions: dict[str, str]) -> str:
    """Name a task by what it asked, as the minutes of the meeting that gave it said; else by its id."""
    return f"“{descriptions[task_id].rstrip('.')}”" if task_id in descriptions else task_id


def _sentence(fact: dict, names: _Names, descriptions: dict[str, str]) -> str:
    """Say what happened in one Vietnamese sentence, as a clerk would write it."""
    data, kind = fact["data"], fact["type"]
    if kind == "MeetingOpened":
        return (f"Khai mạc: {data['title']}, tại {_bare(data['location'])}. "
                f"Chủ trì: đồng chí {names.name(data['chair'])}; "
                f"thư ký: đồng chí {names.clerk(data['clerk'])['full_name']}.")
    if kind == "AgendaSet":
        return "Thông qua chương trình: " + "; ".join(f"{i}) {t}" for i, t in enumerate(data["items"], 1)) + "."
    if kind == "AttendanceRecorded":
        reason = f" ({_bare(data['reason'])})" if data.get("reason") else ""
        return f"Điểm danh: đồng chí {names.name(data['member_id'])}: {words.ATTENDANCE.word(data['status'])}{reason}."
    if kind == "GuestAttended":
        organization = f", {_bare(data['organization'])}" if data.get("organization") else ""
        title = _bare(data["title"]) if not organization else data["title"]
        return f"Khách mời: đồng chí {data['name']} – {title}{organization}."
    if kind == "SpeechGiven":
        speaker = names.speaker(data["speaker"])
        title = f" ({speaker['title']})" if speaker.get("title") else ""
        return f"Đồng chí {speaker['full_name']}{title} {words.SPEECH_VERBS.word(data['kind'])}: {data['summary']}"
    if kind == "ReportPresented":
        outcome = ""
        if data.get("task_id") and data.get("outcome"):
            result = words.TASK_STATUSES.word(data["outcome"])
            outcome = f" (nhiệm vụ {_task_name(data['task_id'], descriptions)}: {result})"
        return f"Đồng chí {names.name(data['member_id'])} báo cáo {data['subject']}{outcome}: {data['summary']}"
    if kind == "TaskAssigned":
        who = ", ".join(f"đồng chí {names.name(m)}" for m in data["assignees"])
        due = f"; thời hạn: {date_words(data['due'])}" if data.get("due") else ""
        return f"Giao nhiệm vụ cho {who}: {_bare(data['description'])}{due}."
    if kind == "TaskReported":
        note = f" – {_bare(data['note'])}" if data.get("note") else ""
        result = words.TASK_STATUSES.word(data["status"])
        return f"Nhiệm vụ {_task_name(data['task_id'], descriptions)}: {result}{note}."
    if kind == "MemberCommended":
        return f"Biểu dương đồng chí {names.name(data['member_id'])}: {data['reason']}"
    if kind == "MemberCriticized":
        level = capitalised(words.CRITICISM_LEVELS.word(data["level"]))
        return f"{level} đồng chí {names.name(data['member_id'])}: {data['reason']}"
    if kind in ("ConclusionAdopted", "MinutesApproved"):
        votes = (f"{data['votes_for']} tán thành, {data['votes_against']} không tán thành, "
                 f"{data['votes_abstain']} ý kiến khác")
        if kind == "ConclusionAdopted":
            return f"Kết luận: {data['text']} (biểu quyết: {votes})."
        return f"Thông qua biên bản ({votes})."
    if kind == "MeetingClosed":
        return "Bế mạc buổi sinh hoạt."
    if kind == "MeetingVoided":
        return f"Hủy cuộc họp (mở nhầm): {data['reason']}"
    if kind == "MinutesSigned":
        return f"Đồng chí {words.SIGNING_ROLES.word(data['role'])} ký biên bản."
    if kind == "DuesPaid":
        return f"Đồng chí {names.name(data['member_id'])} nộp đảng phí tháng {data['month']}: {data['amount']:,} đồng."
    if kind in AMENDMENTS:  # a decision of this meeting about sealed minutes of another
        done = "đính chính" if kind == "EventCorrected" else "rút bỏ"
        return (f"Chi bộ quyết định {done} bản ghi số {data['target_seq']} "
                f"({words.EVENT_TYPES.word(fact.get('target_type'))}) của buổi sinh hoạt "
                f"{fact.get('target_meeting')}: {data['reason']}")
    return kind


def sentence(fact: dict, member_docs: dict[str, dict]) -> str:
    """Say one event of a meeting as the biên bản does, naming members from `member_docs` (the audit trail)."""
    return _sentence(fact, _Names(member_docs, []), {})


def _bare(text: str) -> str:
    """Text that our own full stop follows, without its own: never "..", however the clerk typed it."""
    return text.rstrip().rstrip(".").rstrip() or text


def change_words(before: dict | None, after: dict | None) -> str:
    """Say what a correction changed, field by field: "tán thành: 1 → 4; không tán thành: 3 → 0"."""
    if before is None:
        return ""
    if after is None:
        return "bản ghi được rút bỏ"
    changed = []
    for field in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(field), after.get(field)
        if old != new:
            label = words.VOTES.word(field) if field in words.VOTES else field
            changed.append(f"{label}: {_value_words(old)} → {_value_words(new)}")
    return "; ".join(changed)


def _value_words(value) -> str:
    if value is None:
        return "(không có)"
    return f"“{value}”" if isinstance(value, str) else str(value)
