"""Bad input to a page is a 400 or a 404 page, never a 500: on both engines (PostgreSQL refuses NUL in text)."""

import pytest

from tests.web.pages import MEETING_PAGE, sign_in

CELL_PAGE = "/cells/th-ky-tho"


@pytest.mark.parametrize(("path", "status"), [
    ("/cells/th-ky-tho/meetings/2021-04-07%00", 404),
    ("/cells/th-ky-tho/meetings/x%00y/minutes", 404),
    ("/cells/th-ky-tho/meetings/%E2%80%AE/live", 404),
    ("/cells/th-ky-tho/meetings/a%00/live", 404),
    (MEETING_PAGE + "/live?after_seq=" + "9" * 25, 400),
    (MEETING_PAGE + "?correct=" + "9" * 25, 400),
    (MEETING_PAGE + "/correction?seq=-1", 400),
    ("/cells/th-ky-tho/audit?member=a%00b", 400),
    ("/cells/th-ky-tho/audit?stream=" + "x" * 500, 400),
    ("/cells/th-ky-tho/audit?after_seq=" + "1" * 30, 400),
    ("/cells/th-ky-tho/members?on=2021-02-30", 400),
    ("/cells/th-ky-tho%00/members", 404),
])
def test_a_bad_page_request_is_refused_with_a_vietnamese_page(client, book, no_csrf, path, status):
    sign_in(client, "thuky")
    response = client.get(path)
    assert response.status_code == status, response.text[:300]
    assert "<html" in response.text and "Traceback" not in response.text


def test_the_same_pages_with_good_input_answer_200(client, book, no_csrf):
    sign_in(client, "thuky")
    for path in (MEETING_PAGE, MEETING_PAGE + "/minutes", CELL_PAGE + "/audit?member=duong-thi-le",
                 CELL_PAGE + "/members?on=2021-04-07"):
        assert client.get(path).status_code == 200, path
