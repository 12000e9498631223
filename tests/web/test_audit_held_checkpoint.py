"""An inspector brings back a checkpoint kept outside the server: the audit page checks that the book only grew.

The test book has 10 events, each with its signed checkpoint; the inspector kept the one of size 10. Then the
book grows, or whoever runs the database cuts it back with its checkpoints (a clean rollback), or cuts it and
lets the server sign on (a fork). Both engines; the rollback and the fork by SQL, with the guard triggers gone.
"""

import io

import pytest

from chibo_events.catalogue import check_request
from tests.books import CELL, MEETING, event, snapshot
from tests.integrity.tamper import drop_guards, truncate
from tests.web.pages import csrf_token_of, sign_in

AUDIT = f"/cells/{CELL}/audit"


def speech(summary: str) -> dict:
    return event(MEETING, "SpeechGiven", {"speaker": {"member_id": "duong-thi-le"}, "kind": "opinion",
                                          "summary": summary}, occurred_at="2021-04-07T15:00:00+07:00")


@pytest.fixture
def inspector(client, book, no_csrf):
    sign_in(client, "thanhtra")
    return client


@pytest.fixture
def kept(book):
    """The checkpoint of size 10, as the inspector downloaded it."""
    return book.integrity.checkpoint(CELL)


def bring(client, note: str, as_file: bool = False):
    token = csrf_token_of(client.get(AUDIT).get_data(as_text=True))
    data = {"csrf_token": token}
    if as_file:
        data["checkpoint"] = (io.BytesIO(note.encode()), "checkpoint-th-ky-tho-10.txt")
    else:
        data["note"] = note
    return client.post(f"{AUDIT}/checkpoint", data=data, content_type="multipart/form-data")


def verdict(response) -> str:
    html = response.get_data(as_text=True)
    return html.split('data-verdict="', 1)[1].split('"', 1)[0] if 'data-verdict="' in html else ""


def test_a_book_that_only_grew_is_said_to_have_only_grown(inspector, book, kept):
    for summary in ("một", "hai"):
        book.append(CELL, check_request(speech(summary)), "thuky")

    answer = bring(inspector, kept, as_file=True)

    assert answer.status_code == 200 and verdict(answer) == "grown"
    assert "Sổ chỉ được ghi thêm: 10 bản ghi checkpoint bạn giữ xác nhận vẫn nguyên vẹn trong sổ hiện có 12" in \
        answer.get_data(as_text=True)


def test_a_book_unchanged_since_is_said_to_be_as_it_was(inspector, kept):
    answer = bring(inspector, kept)
    assert verdict(answer) == "same" and "Sổ vẫn như checkpoint bạn giữ: 10 bản ghi" in answer.get_data(as_text=True)


def test_a_clean_rollback_with_its_checkpoints_is_caught(inspector, book, kept):
    drop_guards(book.engine)
    truncate(book.engine, 6, checkpoints_too=True)

    answer = bring(inspector, kept)

    assert verdict(answer) == "rollback"
    said = "SỔ ĐÃ BỊ QUAY LUI: checkpoint bạn giữ xác nhận 10 bản ghi, sổ hiện chỉ có 6"
    assert said in answer.get_data(as_text=True)


def test_a_book_cut_back_and_signed_on_is_caught_as_rewritten(inspector, book, kept):
    drop_guards(book.engine)
    truncate(book.engine, 8, checkpoints_too=True)
    for summary in ("một", "hai", "ba"):  # the server, fooled, signs on from the rolled-back book
        book.append(CELL, check_request(speech(summary)), "thuky")

    answer = bring(inspector, kept)

    assert verdict(answer) == "fork" and "SỔ ĐÃ BỊ VIẾT LẠI" in answer.get_data(as_text=True)


@pytest.mark.parametrize("note, said", [
    ("", "Hãy chọn tệp checkpoint đã lưu hoặc dán nội dung của nó."),
    ("không phải checkpoint", "Không đọc được checkpoint này"),
    ("x" * 5000, "Nội dung dài quá 4096 ký tự"),
])
def test_what_is_not_a_checkpoint_of_this_book_is_refused_saying_why_and_stores_nothing(inspector, book, note, said):
    before = snapshot(book)

    answer = bring(inspector, note)

    assert answer.status_code == 400 and said in answer.get_data(as_text=True)
    assert snapshot(book) == before


def test_another_books_checkpoint_is_refused(inspector, book, kept):
    other = kept.replace(f"/{CELL}\n", "/th-ky-tho-mn\n", 1)  # its signature no longer holds either

    answer = bring(inspector, other)

    assert answer.status_code == 400 and verdict(answer) == "unreadable"


def test_the_page_offers_the_signed_checkpoint_and_the_bundle_to_download(inspector, kept):
    html = inspector.get(AUDIT).get_data(as_text=True)

    assert f'href="/api/v1/cells/{CELL}/checkpoint" download="checkpoint-{CELL}-10.txt"' in html
    assert f'href="/api/v1/cells/{CELL}/export" download' in html
    assert inspector.get(f"/api/v1/cells/{CELL}/checkpoint").get_data(as_text=True) == kept  # what it downloads
