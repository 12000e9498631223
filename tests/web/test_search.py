"""Search across the minutes (GET /api/v1/search, the page /search): FTS5 on SQLite, tsvector on PostgreSQL.

Two books of one committee: Kỳ Thọ's April meeting hears about the school gate ("cổng trường") and the library;
the other cell's about its own gate. Vietnamese without its marks finds the text with them; a reader finds only
what it may read; a withdrawn speech is not found; a corrected one is found, marked, beside its correction.
"""

import pytest

from chibo_events.catalogue import check_request
from tests.books import CELL, CELL_DATA, MEETING, OTHER, book_with_meeting, event, snapshot

GATE = "Đề nghị sửa cổng trường trước năm học mới, làm hàng rào phía sau."
LIBRARY = "Thư viện cần thêm sách tham khảo cho học sinh lớp 5."
WITHDRAWN = "Ý kiến ghi nhầm về nhà xe của trường."
TYPO = "Khen ngợi đội văn nghệ của trường."
OTHER_GATE = "Cổng trường mầm non đã được sơn lại."


def speech(summary: str, member: str = "duong-thi-le", stream: str = MEETING) -> dict:
    return event(stream, "SpeechGiven", {"speaker": {"member_id": member}, "kind": "opinion", "summary": summary},
                 occurred_at="2021-04-07T15:00:00+07:00")


@pytest.fixture
def books(app):
    store = app.extensions["chibo_store"]
    book_with_meeting(store)
    stored = {text: store.append(CELL, check_request(speech(text)), "admin")[0]
              for text in (GATE, LIBRARY, WITHDRAWN, TYPO)}
    store.append(CELL, check_request(event(MEETING, "EventRetracted", {
        "target_seq": stored[WITHDRAWN]["seq"], "reason": "Ghi nhầm."}, occurred_at="2021-04-07T15:10:00+07:00")),
        "admin")
    store.append(CELL, check_request(event(MEETING, "EventCorrected", {
        "target_seq": stored[TYPO]["seq"], "reason": "Sai tên đội.",
        "data": {"speaker": {"member_id": "duong-thi-le"}, "kind": "opinion",
                 "summary": "Khen ngợi đội bóng đá của trường."}}, occurred_at="2021-04-07T15:20:00+07:00")), "admin")
    book_with_meeting(store, cell=OTHER)
    store.append(OTHER, check_request(speech(OTHER_GATE)), "admin")
    return store, stored


def found(client, headers, **query) -> list[dict]:
    answer = client.get("/api/v1/search", query_string=query, headers=headers)
    assert answer.status_code == 200, answer.json
    return answer.json["results"]


def test_words_without_their_marks_find_the_text_with_them(client, tokens, books):
    with_marks = found(client, tokens.inspector, q="cổng trường", cell=CELL)
    without = found(client, tokens.inspector, q="cong truong", cell=CELL)

    assert with_marks == without
    assert [(r["cell"], r["meeting_id"], r["type"]) for r in without] == [(CELL, "2021-04-07", "SpeechGiven")]
    assert without[0]["seq"] == books[1][GATE]["seq"]
    assert "cổng trường" in without[0]["snippet"]


def test_the_last_word_may_be_the_start_of_one_and_every_word_must_be_there(client, tokens, books):
    assert [r["seq"] for r in found(client, tokens.inspector, q="thu vi", cell=CELL)] == [books[1][LIBRARY]["seq"]]
    assert found(client, tokens.inspector, q="thu vien cong", cell=CELL) == []


def test_across_the_committee_both_gates_are_found_and_a_clerk_finds_only_its_own(client, tokens, books):
    everywhere = found(client, tokens.inspector, q="cong truong", committee="dang-bo-xa-ky-tho")
    assert {r["cell"] for r in everywhere} == {CELL, OTHER}

    own = found(client, tokens.clerk(cell=OTHER), q="cong truong")
    assert [r["cell"] for r in own] == [OTHER] and "Cổng trường mầm non" in own[0]["snippet"]
    assert found(client, tokens.clerk(cell=OTHER), q="cong truong", cell=CELL) == []  # not its cell: nothing


def test_a_withdrawn_speech_is_not_found_and_a_corrected_one_is_marked_beside_its_correction(client, tokens, books):
    assert found(client, tokens.inspector, q="nha xe", cell=CELL) == []

    results = found(client, tokens.inspector, q="khen ngoi doi", cell=CELL)

    by_type = {r["type"]: r for r in results}
    assert set(by_type) == {"SpeechGiven", "EventCorrected"}
    assert by_type["SpeechGiven"]["corrected"] and not by_type["EventCorrected"]["corrected"]
    assert "bóng đá" in by_type["EventCorrected"]["snippet"]


@pytest.mark.parametrize("q", ["", "a", "x" * 201, "\x00ab"])
def test_a_missing_short_or_bad_query_is_a_400_that_says_why_and_stores_nothing(client, tokens, books, q):
    before = snapshot(books[0])

    answer = client.get("/api/v1/search", query_string={"q": q}, headers=tokens.inspector)

    assert (answer.status_code, answer.json["error"]) == (400, "malformed")
    assert "q" in answer.json["details"]
    assert snapshot(books[0]) == before
    assert client.get("/api/v1/search", query_string={"q": "ab"}, headers=tokens.inspector).status_code == 200


def test_punctuation_alone_finds_nothing_rather_than_failing(client, tokens, books):
    assert found(client, tokens.inspector, q='"*" OR (') == []


def test_the_page_lists_the_results_linked_to_the_event_in_its_meeting(client, tokens, books):
    page = client.get("/search", query_string={"q": "cong truong", "committee": "dang-bo-xa-ky-tho"},
                      headers=tokens.inspector)

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "2 kết quả cho “cong truong”" in html
    assert f'href="/cells/{CELL}/meetings/2021-04-07#su-kien-{books[1][GATE]["seq"]}"' in html
    assert CELL_DATA["name"] in html


def test_the_page_says_when_nothing_is_found_and_refuses_a_short_word_beside_its_field(client, tokens, books):
    none = client.get("/search", query_string={"q": "khong co dau"}, headers=tokens.inspector)
    assert "Không tìm thấy “khong co dau”" in none.get_data(as_text=True)

    short = client.get("/search", query_string={"q": "a"}, headers=tokens.inspector)
    assert short.status_code == 400 and 'id="q-error"' in short.get_data(as_text=True)


def test_a_speech_withdrawn_after_it_was_found_is_found_no_more(client, tokens, books):
    store, stored = books
    assert len(found(client, tokens.inspector, q="hang rao", cell=CELL)) == 1  # read for search now

    store.append(CELL, check_request(event(MEETING, "EventRetracted", {
        "target_seq": stored[GATE]["seq"], "reason": "Đã ghi ở mục khác."},
        occurred_at="2021-04-07T15:30:00+07:00")), "admin")

    assert found(client, tokens.inspector, q="hang rao", cell=CELL) == []
