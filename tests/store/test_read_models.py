"""Stored read models on both engines: folded once, equal to a rebuild and to a fold in memory.

The property test writes random valid books through the store (the rules
refuse what is not valid, and such actions are skipped), catching the read
models up at random points. However the events arrived, the stored documents
must equal a full rebuild and a fold of the whole book, and every answer
`as_of` a moment must equal the fold of what had been recorded by then.
"""

import contextlib
import itertools
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from chibo_events import answers, integrity, merkle
from chibo_events.access import Member
from chibo_events.catalogue import check_request
from chibo_events.errors import ChiboError
from chibo_events.store.read_tables import read_checkpoints, read_docs
from projections import PROJECTIONS, cell, members, minutes, tasks
from projections.replay import replay
from tests.books import CELL, MEETING, book_with_meeting, event

_books = itertools.count()
SPELLS = {"away": ("MemberTemporarilyAway", {"place": "Chi bộ khác"}), "back": ("MemberReturned", {}),
          "suspend": ("MemberSuspended", {"reason": "Xem xét kỷ luật"}), "reinstate": ("MemberSuspensionEnded", {})}
MEMBERS = ["a", "b", "c", "d"]
TASKS = ["t-1", "t-2", "t-3"]
MEETINGS = ["meeting:m-1", "meeting:m-2"]


def stored_docs(store, book: str) -> dict[str, dict]:
    return {name: store.read_models.docs(book, name) for name in PROJECTIONS}


def test_catching_up_twice_applies_each_event_once(store):
    book_with_meeting(store)
    head = store.head(CELL).seq
    assert store.read_models.catch_up(CELL) == head
    assert store.read_models.catch_up(CELL) == 0
    with store.engine.connect() as conn:
        checkpoints = conn.execute(select(read_checkpoints.c.projection, read_checkpoints.c.last_seq)).all()
    assert sorted(checkpoints) == sorted((name, head) for name in PROJECTIONS)


def test_an_event_appended_after_a_catch_up_reaches_the_minutes(store):
    book_with_meeting(store)
    assert answers.meeting_minutes(store, CELL, "2021-04-07")["commendations"] == []
    reason = "Giáo viên dạy giỏi cấp tỉnh."
    commended = event(MEETING, "MemberCommended", {"member_id": "duong-thi-le", "reason": reason},
                      occurred_at="2021-04-07T15:00:00+07:00")
    store.append(CELL, check_request(commended), "thuky")
    minutes = answers.meeting_minutes(store, CELL, "2021-04-07")
    assert [c["member_id"] for c in minutes["commendations"]] == ["duong-thi-le"]


def test_a_rebuild_switches_to_a_new_generation_with_the_same_documents(store):
    book_with_meeting(store)
    before = stored_docs(store, CELL)
    generations = store.read_models.rebuild(store.book_names())
    assert set(generations.values()) == {1}
    assert stored_docs(store, CELL) == before
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).where(read_docs.c.generation == 0)).scalar() == 0


# -- random valid books ------------------------------------------------------------

def _actions():
    member = st.sampled_from(MEMBERS)
    meeting = st.sampled_from(MEETINGS)
    return st.one_of(
        st.tuples(st.just("join"), member, st.sampled_from(["official", "probationary"])),
        st.tuples(st.just("leave"), member),
        st.tuples(st.just("official"), member),
        st.tuples(st.just("attend"), meeting, member, st.sampled_from(
            ["present", "late", "absent_excused", "absent_unexcused", "left_early"])),
        st.tuples(st.just("commend"), meeting, member),
        st.tuples(st.just("assign"), meeting, st.sampled_from(TASKS), member, st.sampled_from([None, "2021-03-01"])),
        st.tuples(st.just("report"), st.sampled_from(["cell", *MEETINGS]), st.sampled_from(TASKS),
                  st.sampled_from(["done", "in_progress", "cancelled"])),
        st.tuples(st.just("vote"), meeting, st.integers(0, 3)),
        st.tuples(st.just("correct"), st.integers(2, 30)),
        st.tuples(st.just("retract"), st.integers(2, 30)),
        # v1.1: approvals seal minutes, which are then amended from another meeting; voids, signatures,
        # dues, temporary sinh hoạt elsewhere and suspensions.
        st.tuples(st.just("approve"), meeting, st.integers(0, 3)),
        st.tuples(st.just("correct_at"), st.integers(2, 40), meeting),
        st.tuples(st.just("retract_at"), st.integers(2, 40), meeting),
        st.tuples(st.just("void"), meeting),
        st.tuples(st.just("sign"), meeting, st.sampled_from(["chair", "clerk"])),
        st.tuples(st.just("dues"), member, st.sampled_from(["2021-01", "2021-02", "2021-03"])),
        st.tuples(st.sampled_from(["away", "back", "suspend", "reinstate"]), member),
        st.tuples(st.just("catch_up")),
    )


def _request(action, day: int, envelopes: list[dict]) -> dict | None:
    at = f"2021-{1 + day // 28:02d}-{1 + day % 28:02d}T10:00:00+07:00"
    kind = action[0]
    if kind == "join":
        return event("cell", "MemberJoined", {"member_id": action[1], "full_name": f"Đảng viên {action[1].upper()}",
                                              "kind": action[2], "joined_on": "2020-01-01", "how": "initial"},
                     occurred_at=at)
    if kind == "leave":
        return event("cell", "MemberLeft", {"member_id": action[1], "how": "transferred_out"}, occurred_at=at)
    if kind == "official":
        return event("cell", "MemberKindChanged", {"member_id": action[1], "kind": "official"}, occurred_at=at)
    if kind == "open":
        return event(action[1], "MeetingOpened", {"kind": "regular", "title": "Họp", "location": "Phòng họp",
                                                  "chair": "a", "clerk": "Thư ký"}, occurred_at=at)
    if kind == "attend":
        return event(action[1], "AttendanceRecorded", {"member_id": action[2], "status": action[3]}, occurred_at=at)
    if kind == "commend":
        return event(action[1], "MemberCommended", {"member_id": action[2], "reason": "Tốt"}, occurred_at=at)
    if kind == "assign":
        due = {"due": action[4]} if action[4] else {}
        data = {"task_id": action[2], "assignees": [action[3]], "description": "Việc", **due}
        return event(action[1], "TaskAssigned", data, occurred_at=at)
    if kind == "report":
        return event(action[1], "TaskReported", {"task_id": action[2], "status": action[3]}, occurred_at=at)
    if kind == "vote":
        return event(action[1], "ConclusionAdopted", {"text": "Kết luận", "votes_for": action[2], "votes_against": 0,
                                                      "votes_abstain": 0}, occurred_at=at)
    if kind == "close":
        return event(action[1], "MeetingClosed", {}, occurred_at=at)
    if kind == "approve":
        return event(action[1], "MinutesApproved", {"votes_for": action[2], "votes_against": 0, "votes_abstain": 0},
                     occurred_at=at)
    if kind == "void":
        return event(action[1], "MeetingVoided", {"reason": "Mở nhầm."}, occurred_at=at)
    if kind == "sign":
        return event(action[1], "MinutesSigned", {"role": action[2]}, occurred_at=at)
    if kind == "dues":
        return event("cell", "DuesPaid", {"member_id": action[1], "month": action[2], "amount": 30000},
                     occurred_at=at)
    if kind in SPELLS:
        type_, extra = SPELLS[kind]
        return event("cell", type_, {"member_id": action[1], **extra}, occurred_at=at)
    if kind in ("correct_at", "retract_at") and action[1] <= len(envelopes):
        found = _request((kind[:-3], action[1]), day, envelopes)
        return {**found, "stream": action[2]} if found else None
    if kind in ("correct", "retract") and action[1] <= len(envelopes):
        target = envelopes[action[1] - 1]
        if kind == "retract":
            return event(target["stream"], "EventRetracted", {"target_seq": target["seq"], "reason": "Nhầm."})
        data = dict(target["data"])
        for field, value in (("full_name", "Tên đã sửa"), ("reason", "Lý do đã sửa"), ("status", "late"),
                             ("description", "Việc đã sửa"), ("title", "Họp (đã sửa)")):
            if field in data:
                data[field] = value
        return event(target["stream"], "EventCorrected", {"target_seq": target["seq"], "data": data, "reason": "Sửa."})
    return None


# Every random book starts with a roster and two open meetings, so that most random actions are
# valid, and ends by closing one of them.
PROLOGUE = [("join", "a", "official"), ("join", "b", "official"), ("join", "c", "probationary")] + [
    action for meeting in MEETINGS for action in
    [("open", meeting)] + [("attend", meeting, m, "present") for m in ("a", "b", "c")]
]
EPILOGUE = [("close", MEETINGS[0]), ("report", "cell", "t-1", "done")]


def _write(store, book: str, actions) -> list[dict]:
    store.register_book(book, {"name": "Chi bộ thử", "committee": "Đảng bộ thử"}, "admin",
                        occurred_at="2020-12-01T08:00:00+07:00")
    chair = f"chu-tri-{book}"  # the chair's own account: only it signs the minutes as chair
    if not store.accounts.find(chair):
        store.accounts.add(chair, "x", "member", [book], Member(book, "a"))
    for day, action in enumerate(PROLOGUE + list(actions) + EPILOGUE):
        if action[0] == "catch_up":
            store.read_models.catch_up(book)
            continue
        body = _request(action, day, store.page(book, limit=1000))
        if body is None:
            continue
        with contextlib.suppress(ChiboError):  # refused by the rules: a random book keeps what a real one could
            store.append(book, check_request(body), chair if action[0] == "sign" else "thuky")
    return store.page(book, limit=1000)


def _answers_from(folded, book: str, as_of: str | None, day: date, envelopes: list[dict]) -> dict:
    """The answers derived from an in-memory fold of `envelopes`, the way chibo_events.answers derives them."""
    docs = folded.docs
    # Minutes name the state of the book they were made from: its size and the Merkle root of it.
    evidence = {"size": len(envelopes), "root": merkle.root([integrity.leaf_hash(e) for e in envelopes]).hex()}
    names = {m: members.full_name(d) for m, d in docs["members"].items()}
    board = tasks.board(docs["tasks"].values(), day, names)
    meeting_minutes = {
        # Corrections name who recorded them; the clerk "thuky" of these books is linked to nobody.
        key: {**minutes.with_people(minutes.render(
                  doc, docs["members"], cell.describe(docs["cell"].get(cell.KEY)), as_of,
                  {t: docs["tasks"][t] for t in minutes.reported_tasks(doc) if t in docs["tasks"]},
                  {m: docs["minutes"][m] for m in minutes.related_meetings(doc) if m in docs["minutes"]}), {}),
              "evidence": evidence}
        for key, doc in docs["minutes"].items() if minutes.summary(doc)
    }
    held = [s for doc in docs["minutes"].values() if (s := minutes.summary(doc))]
    kinds = {f"meeting:{m['meeting_id']}": m["kind"] for m in held}
    voided = frozenset(f"meeting:{m['meeting_id']}" for m in held if m.get("voided"))
    return {
        "minutes": meeting_minutes,
        "members": members.statuses(docs["members"].values(), docs["records"], day, board, kinds, voided),
        "tasks": tasks.board(docs["tasks"].values(), day, names, "all"),
    }


def _answers_from_store(store, book: str, as_of: str | None, day: date) -> dict:
    listed = answers.meetings(store, book, as_of)
    return {
        "minutes": {m["meeting_id"]: answers.meeting_minutes(store, book, m["meeting_id"], as_of) for m in listed},
        "members": answers.member_statuses(store, book, day, as_of),
        "tasks": answers.task_board(store, book, "all", day, as_of),
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(actions=st.lists(_actions(), min_size=15, max_size=60), cut=st.floats(0, 1))
def test_incremental_read_models_equal_a_rebuild_and_every_as_of_equals_a_fold(store, actions, cut):
    book = f"random-{next(_books)}"
    envelopes = _write(store, book, actions)
    incremental = stored_docs(store, book)
    folded = replay(envelopes)
    assert incremental == folded.docs

    store.read_models.rebuild([book])
    assert stored_docs(store, book) == folded.docs

    day = date(2021, 6, 30)
    assert _answers_from_store(store, book, None, day) == _answers_from(folded, book, None, day, envelopes)
    as_of = envelopes[int(cut * (len(envelopes) - 1))]["recorded_at"]
    recorded = [e for e in envelopes if e["recorded_at"] <= as_of]
    assert _answers_from_store(store, book, as_of, day) == _answers_from(replay(recorded), book, as_of, day, recorded)
