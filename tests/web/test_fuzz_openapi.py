"""Schemathesis against /api/v1/openapi.json: every endpoint, both engines, as admin and as a clerk.

Whatever it sends, the answer is never a 5xx, has a status the description
lists and the schema and content type it documents, every refusal is the
contract's `{"error", "message", "details"}`, a refused request stores
nothing in any book, and an accepted write stores exactly its one event.
One test per operation, and one that mixes them on a book that keeps what
earlier calls wrote (that is how an append could break a later .docx).
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from chibo_events.web import openapi
from tests.books import CELL, MEETING, OTHER, ROSTER, snapshot

SCHEMA = schemathesis.openapi.from_dict(openapi.description())
OPERATIONS = sorted((op.ok().path, op.ok().method.upper()) for op in SCHEMA.get_all_operations())
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
# Negative data needs something to break: an operation without parameters has only the one request.
CASES = [pytest.param(path, method, mode, id=f"{method} {path} {mode.value}")
         for path, method in OPERATIONS for mode in MODES
         if mode is GenerationMode.POSITIVE or SCHEMA[path][method].definition.raw.get("parameters")]
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]
# Per operation, mode and engine: the module stays under a minute per engine, the same cases each run.
# CHIBO_FUZZ_EXAMPLES=500 hunts longer, with fresh random cases.
EXAMPLES = int(os.environ.get("CHIBO_FUZZ_EXAMPLES", "25"))
HUNTING = "CHIBO_FUZZ_EXAMPLES" in os.environ

# Most cases name a cell and a meeting that exist, so the fuzzer gets past the 404s to the parsers and rules.
# None: keep what the fuzzer made up.
cells = st.sampled_from([CELL, CELL, CELL, OTHER, None])
meetings = st.sampled_from(["2021-04-07", "2021-04-07", "khong-co", None])
members = st.sampled_from([m for m, _, _ in ROSTER] + [None])
APPEND = ("/cells/{cell}/events", "POST")


def grounded(body, member: str):
    """Point a generated event at the test book: its meeting, a member on its roll, a time in the meeting."""
    if not isinstance(body, dict) or not isinstance(body.get("data"), dict):
        return body
    data = {key: member if key in ("member_id", "chair") else value for key, value in body["data"].items()}
    if isinstance(data.get("speaker"), dict):
        data["speaker"] = {"member_id": member}
    if "assignees" in data:
        data["assignees"] = [member]
    stream = body.get("stream")
    if isinstance(stream, str) and stream.startswith("meeting:"):
        stream = MEETING
    return {**body, "stream": stream, "data": data, "occurred_at": "2021-04-07T15:00:00+07:00",
            "expected_version": None, "event_id": None}


def changed(before: dict, after: dict) -> dict:
    """Return {book: events added} for every book whose head moved."""
    return {book: head.seq - (before[book].seq if book in before else 0)
            for book, head in after.items() if before.get(book) != head}


@pytest.fixture
def who(tokens, two_books):
    """Headers of an admin and of the clerk of CELL (who may write CELL and may not even read OTHER)."""
    return {"admin": tokens.admin, "clerk": tokens.clerk(CELL)}


def exercise(app, store, case, headers: dict, cell, meeting, member) -> None:
    """Send one generated case, pointed mostly at real things, and check the answer and every book."""
    operation = (case.operation.path, case.operation.method.upper())
    if cell and "cell" in (case.path_parameters or {}):
        case.path_parameters["cell"] = cell
    if meeting and "meeting_id" in (case.path_parameters or {}):
        case.path_parameters["meeting_id"] = meeting
    if member and "member_id" in (case.path_parameters or {}):
        case.path_parameters["member_id"] = member
    if member and operation == APPEND:  # else the rules refuse nearly every event, and nothing is stored
        case.body = grounded(case.body, member)
    before = snapshot(store)
    response = case.call(app=app, headers=headers)
    case.validate_response(response, checks=CHECKS)
    added = changed(before, snapshot(store))
    if response.status_code >= 400:
        assert set(response.json()) == {"error", "message", "details"}, response.text[:500]
        assert isinstance(response.json()["details"], dict) and response.json()["message"]
        assert added == {}, "a refused request changed a book"
    elif response.status_code == 201 and "book" in response.json():  # one envelope: an append, a new book
        assert added == {response.json()["book"]: 1}, "a write stored other than its one event"
    elif response.status_code == 201 and "events" in response.json():  # a batch or an import: all its events
        stored = response.json()["events"]
        assert added == {stored[0]["book"]: len(stored)}, "a batch stored other than its events"
    elif response.status_code == 201:  # a user or a token: no book changes (a first run found this case)
        assert added == {}, "adding a user or a token changed a book"
    else:
        assert added == {}, "a read, or a repeated write, changed a book"


FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not HUNTING,
                suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("path, method, mode", CASES)
def test_every_operation_answers_by_the_contract_whatever_it_is_sent(app, two_books, who, path, method, mode):
    @FUZZ
    @given(case=SCHEMA[path][method].as_strategy(generation_mode=mode), role=st.sampled_from(sorted(who)),
           cell=cells, meeting=meetings, member=members)
    def answer(case, role, cell, meeting, member):
        exercise(app, two_books, case, who[role], cell, meeting, member)

    answer()


def test_calls_in_any_order_on_one_book_answer_by_the_contract(app, two_books, who):
    """What one call writes, a later one reads: e.g. text accepted by an append must not break the .docx."""
    @FUZZ
    @given(cases=st.lists(SCHEMA.as_strategy(), min_size=1, max_size=8), role=st.sampled_from(sorted(who)),
           cell=cells, meeting=meetings, member=members)
    def answer(cases, role, cell, meeting, member):
        for case in cases:
            exercise(app, two_books, case, who[role], cell, meeting, member)

    answer()
