"""The chair and the clerk sign approved minutes (MinutesSigned) from their own accounts, nobody else."""

from chibo_events.access import Member
from chibo_events.demo import book
from tests.books import snapshot

API = f"/api/v1/cells/{book.BOOK}"
APRIL = "meeting:2021-04-07"


def bearer(store, username: str) -> dict:
    return {"Authorization": f"Bearer {store.accounts.issue_token(username)}"}


def sign(client, headers, role: str):
    body = {"stream": APRIL, "type": "MinutesSigned", "data": {"role": role},
            "occurred_at": "2021-04-07T16:45:00+07:00"}
    return client.post(f"{API}/events", json=body, headers=headers)


def test_an_account_not_linked_to_the_chair_cannot_sign_as_chair_and_nothing_is_stored(client, tokens, demo):
    demo.accounts.update("thuky", member=Member(book.BOOK, book.HOA))  # the clerk, not the chair
    before = snapshot(demo)
    for headers in (tokens.admin, bearer(demo, "thuky")):
        answer = sign(client, headers, "chair")
        assert (answer.status_code, answer.json["error"]) == (422, "not_the_signer"), answer.json
    assert snapshot(demo) == before


def test_an_unlinked_member_is_refused_before_anything_is_read(client, demo):
    demo.accounts.add("chua-gan", "x", "member", [book.BOOK])  # a member of the cell, linked to nobody
    before = snapshot(demo)
    assert sign(client, bearer(demo, "chua-gan"), "chair").status_code == 403
    assert snapshot(demo) == before


def test_the_chair_a_member_signs_as_chair_and_the_clerk_as_clerk_and_the_biên_bản_says_so(client, tokens, demo):
    # The demo links thuky to the clerk Phan Thị Hoa and bithu to the chair Nguyễn Thị Hồng Vân.
    assert demo.accounts.find("bithu")[0].member == Member(book.BOOK, book.VAN)
    assert sign(client, bearer(demo, "thuky"), "clerk").status_code == 201
    assert sign(client, bearer(demo, "bithu"), "chair").status_code == 201

    minutes = client.get(f"{API}/meetings/2021-04-07/minutes", headers=tokens.inspector).json
    assert minutes["signed"] == {"chair": True, "clerk": True}
    assert [s["role"] for s in minutes["signatures"]] == ["clerk", "chair"]


def test_a_linked_member_may_sign_but_records_nothing_else(client, demo):
    before = snapshot(demo)
    speech = {"stream": APRIL, "type": "SpeechGiven", "occurred_at": "2021-04-07T15:00:00+07:00",
              "data": {"speaker": {"member_id": book.LE}, "kind": "opinion", "summary": "Ý kiến"}}
    assert client.post(f"{API}/events", json=speech, headers=bearer(demo, "bithu")).status_code == 403
    assert snapshot(demo) == before
