"""Whatever a client sends to the append endpoint, the answer is the contract's, never a 500."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import validate

from chibo_events import catalogue
from chibo_events.catalogue import SCHEMAS
from tests.books import CELL, MEETING, ROSTER, post_book_with_meeting

EVENTS = f"/api/v1/cells/{CELL}/events"
FIELD_NAMES = sorted({name for schema in SCHEMAS.values() for name in schema.fields} | {"guest", "x"})
ANSWERS = {200, 201, 400, 409, 422}

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False), st.text(max_size=30),
    st.sampled_from([m for m, _, _ in ROSTER] + ["2021-04-07", "2021-04-07T15:00:00+07:00", "t-1", MEETING]),
)
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=4)), max_leaves=12)
MEMBERS = [m for m, _, _ in ROSTER] + ["nobody"]


def plausible(field) -> st.SearchStrategy:
    """Values a client might send for a catalogue field: mostly valid, sometimes not."""
    if isinstance(field, catalogue.Choice):
        choices = next(v.choices for v in field.validators if isinstance(v, validate.OneOf))
        return st.sampled_from(list(choices) * 3 + ["khac"])
    if isinstance(field, catalogue.Slug):
        return st.sampled_from(MEMBERS * 2 + ["t-1", "t-2", "X Y"])
    if isinstance(field, catalogue.Count):
        return st.sampled_from([0, 1, 2, 3, 1, 2, 2021, -1, 7])
    if isinstance(field, catalogue.Day):
        return st.sampled_from(["2010-09-01", "2021-04-07", "2021-05-31", "2021-06-30", "1929-01-01", "7/4/2021"])
    if isinstance(field, catalogue.Items):
        return st.lists(plausible(field.inner), min_size=1, max_size=3) | st.just([])
    if isinstance(field, catalogue.Obj):
        return st.sampled_from([{"member_id": m} for m in MEMBERS] + [{"guest": "Dương Đình Hới"}, {}])
    if isinstance(field, catalogue.AnyObject):
        return st.dictionaries(st.sampled_from(FIELD_NAMES), st.sampled_from(MEMBERS + ["present", "done", 1]),
                               max_size=4)
    return st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyÀĐỆỮ .,:<>&\"'", min_size=1, max_size=20) | st.just("")


def plausible_event(name: str) -> st.SearchStrategy:
    fields = SCHEMAS[(name, 1)].fields
    return st.fixed_dictionaries({
        "stream": st.sampled_from(["cell", MEETING] if name in catalogue.EITHER_TYPES else
                                  ["cell"] if name in catalogue.CELL_TYPES else [MEETING, MEETING, "meeting:khac"]),
        "type": st.just(name),
        "data": st.fixed_dictionaries(
            {k: plausible(f) for k, f in fields.items() if f.required},
            optional={k: plausible(f) for k, f in fields.items() if not f.required}),
    }, optional={"occurred_at": st.sampled_from(["2021-04-07T15:00:00+07:00", "2021-04-07T15:00:00",
                                                  "2099-01-01T00:00:00Z"]),
                 "expected_version": st.integers(min_value=0, max_value=12),
                 "event_id": st.sampled_from(["0b6c5e9e-0d6a-4a63-9d1a-6a4b2f1c9e01", "not-a-uuid"])})


near_valid = st.sampled_from(sorted(name for name, _ in SCHEMAS)).flatmap(plausible_event)
fuzz_settings = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def head(client) -> int:
    return client.application.extensions["chibo_store"].head(CELL).seq


def assert_contract_answer(response, before: int, after: int):
    """Check the answer's shape, and that exactly a 201 stored one event."""
    assert response.status_code in ANSWERS, (response.status_code, response.get_data(as_text=True)[:500])
    if response.status_code >= 400:
        assert set(response.json) == {"error", "message", "details"} and response.json["message"]
    assert after == before + (1 if response.status_code == 201 else 0)


@fuzz_settings
@given(body=near_valid)
def test_near_valid_events_get_a_contract_answer(client, tokens, body):
    if client.get(f"/api/v1/cells/{CELL}/events", headers=tokens.admin).status_code != 200:
        post_book_with_meeting(client, tokens.admin)  # the first example writes the book the others share
    before = head(client)
    response = client.post(EVENTS, json=body, headers=tokens.admin)
    assert_contract_answer(response, before, head(client))


@fuzz_settings
@given(body=st.one_of(json_values, st.binary(max_size=64)))
def test_any_body_gets_a_contract_answer(client, tokens, body):
    if client.get(f"/api/v1/cells/{CELL}/events", headers=tokens.admin).status_code != 200:
        post_book_with_meeting(client, tokens.admin)  # the first example writes the book the others share
    before = head(client)
    if isinstance(body, bytes):
        response = client.post(EVENTS, data=body, headers=tokens.admin, content_type="application/json")
    else:
        response = client.post(EVENTS, json=body, headers=tokens.admin)
    assert_contract_answer(response, before, head(client))
