"""The optional "Số: …-BB/CB" of the Word minutes: the meeting's place among the year's minutes, voided ones not."""

import io

from docx import Document

from chibo_events.demo import book

API = f"/api/v1/cells/{book.BOOK}"
APRIL = f"{API}/meetings/2021-04-07/minutes.docx"


def head_of(answer) -> list[str]:
    assert answer.status_code == 200, answer.data[:300]
    left = Document(io.BytesIO(answer.data)).tables[0].rows[0].cells[0]
    return [paragraph.text for paragraph in left.paragraphs]


def open_meeting(client, headers, meeting_id: str, at: str) -> None:
    opening = {"stream": f"meeting:{meeting_id}", "type": "MeetingOpened", "occurred_at": at,
               "data": {"kind": "regular", "title": "Sinh hoạt thường kỳ", "chair": book.VAN, "clerk": book.HOA,
                        "location": book.LOCATION}}
    answer = client.post(f"{API}/events", json=opening, headers=headers)
    assert answer.status_code == 201, answer.json


def test_the_april_minutes_are_the_year_s_second_when_asked_and_unnumbered_by_default(client, tokens, demo):
    assert head_of(client.get(APRIL, query_string={"numbered": 1}, headers=tokens.inspector))[-1] == "Số: 02-BB/CB"
    assert head_of(client.get(APRIL, headers=tokens.inspector))[-1] == "*"


def test_a_meeting_voided_earlier_in_the_year_does_not_take_a_number_and_one_held_does(client, tokens, demo):
    open_meeting(client, tokens.admin, "2021-02-03", "2021-02-03T14:00:00+07:00")
    void = {"stream": "meeting:2021-02-03", "type": "MeetingVoided", "occurred_at": "2021-02-03T14:05:00+07:00",
            "data": {"reason": "Mở nhầm."}}
    assert client.post(f"{API}/events", json=void, headers=tokens.admin).status_code == 201
    assert head_of(client.get(APRIL, query_string={"numbered": 1}, headers=tokens.inspector))[-1] == "Số: 02-BB/CB"

    open_meeting(client, tokens.admin, "2021-01-06", "2021-01-06T14:00:00+07:00")
    assert head_of(client.get(APRIL, query_string={"numbered": 1}, headers=tokens.inspector))[-1] == "Số: 03-BB/CB"


def test_a_numbered_request_for_a_meeting_not_in_the_book_is_a_404(client, tokens, demo):
    answer = client.get(f"{API}/meetings/2021-04-08/minutes.docx", query_string={"numbered": 1},
                        headers=tokens.inspector)
    assert answer.status_code == 404
