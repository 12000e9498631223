"""The chair and the clerk sign approved minutes from the biên bản page, each from their own account."""

from chibo_events.demo import book
from tests.web.pages import text_of

MINUTES = f"/cells/{book.BOOK}/meetings/2021-04-07/minutes"


def signed_in_as(client, username: str, password: str):
    assert client.post("/login", data={"username": username, "password": password}).status_code == 303
    return client


def test_the_chair_sees_one_button_signs_after_ticking_and_the_page_then_says_so(client, demo, no_csrf):
    page = signed_in_as(client, "bithu", "chibo-bithu").get(MINUTES).text
    assert "Ký với tư cách chủ trì" in page and "Ký với tư cách thư ký" not in page
    size = demo.head(book.BOOK).seq

    unticked = client.post(f"{MINUTES[:-len('/minutes')]}/sign", data={"role": "chair"})
    assert unticked.status_code == 422 and "Hãy đánh dấu ô xác nhận" in text_of(unticked.text)
    assert demo.head(book.BOOK).seq == size

    done = client.post(f"{MINUTES[:-len('/minutes')]}/sign", data={"role": "chair", "confirm": "1"})
    assert done.status_code == 303 and demo.head(book.BOOK).seq == size + 1
    after = text_of(client.get(done.headers["Location"]).text)
    assert "Đã ký với tư cách chủ trì" in after and "Đã ký xác nhận trong sổ: chủ trì Nguyễn Thị Hồng Vân" in after
    assert "Ký với tư cách chủ trì" not in after


def test_the_chair_cannot_sign_as_clerk_and_nothing_is_stored(client, demo, no_csrf):
    signed_in_as(client, "bithu", "chibo-bithu")
    size = demo.head(book.BOOK).seq
    refused = client.post(f"{MINUTES[:-len('/minutes')]}/sign", data={"role": "clerk", "confirm": "1"})
    assert refused.status_code == 422 and "tài khoản" in text_of(refused.text)
    assert demo.head(book.BOOK).seq == size


def test_an_inspector_sees_no_signing_and_may_not_sign(client, demo, no_csrf):
    signed_in_as(client, "thanhtra", "chibo-thanhtra")
    assert "Ký xác nhận biên bản" not in client.get(MINUTES).text
    size = demo.head(book.BOOK).seq
    assert client.post(f"{MINUTES[:-len('/minutes')]}/sign", data={"role": "chair", "confirm": "1"}).status_code == 403
    assert demo.head(book.BOOK).seq == size
