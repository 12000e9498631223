"""Whatever a browser asks of a page, the answer is a page or a redirect, never a 500.

Like the API's fuzz tests, on both engines: PostgreSQL refuses NUL in text, so a path segment or a query
value that reaches it unchecked is a 500 there and nowhere else.
"""

from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.pages import MEETING_ID, sign_in

CELL = "th-ky-tho"
ANSWERS = {200, 204, 302, 303, 308, 400, 403, 404}  # 308: the router folding an encoded slash
PAGES = [
    "/cells/{cell}", "/cells/{cell}/meetings/{meeting}", "/cells/{cell}/meetings/{meeting}/live",
    "/cells/{cell}/meetings/{meeting}/minutes", "/cells/{cell}/meetings/{meeting}/correction",
    "/cells/{cell}/members", "/cells/{cell}/audit",
    # v1.1: one member's record, the roster and its import, the admin's pages, one's own page
    "/cells/{cell}/members/{meeting}", "/cells/{cell}/roster", "/cells/{cell}/roster/import",
    "/admin", "/admin/users/{meeting}", "/me",
    "/committees/{cell}", "/committees/dang-bo-xa-ky-tho",  # a committee's overview
    "/search",
]
PARAMETERS = ["q", "cell", "committee", "month", "as_of", "on", "after_seq", "correct", "seq", "proof", "stream",
              "type", "member", "actor", "from", "to"]

segments = st.one_of(st.sampled_from([CELL, MEETING_ID, "khong-co", "chi-bo-khac", "dang-bo-xa-ky-tho"]),
                     st.text(min_size=1, max_size=12))
values = st.one_of(st.sampled_from(["2021-04", "2099-01", "2021-04-07", "2021-04-07T15:00", "1", "0", "-1", "9" * 30,
                                    "cell",
                                    f"meeting:{MEETING_ID}", "duong-thi-le", "\x00", "%"]),
                   st.text(max_size=20))
requests = st.tuples(st.sampled_from(PAGES), segments, segments,
                     st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=4))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(asked=requests)
def test_any_page_request_gets_a_page(client, book, no_csrf, asked):
    page, cell, meeting, query = asked
    sign_in(client, "thanhtra")
    path = page.format(cell=quote(cell, safe=""), meeting=quote(meeting, safe=""))
    response = client.get(path, query_string=query, headers={"HX-Request": "true"} if "correction" in page else {})
    assert response.status_code in ANSWERS, (path, query, response.status_code, response.text[:300])


ADMIN_PAGES = ["/admin", "/admin/users/{segment}", "/me", "/cells/{segment}/roster", "/cells/{segment}/roster/import"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.sampled_from(ADMIN_PAGES), segment=segments,
       query=st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=3))
def test_any_admin_page_request_gets_a_page(client, book, no_csrf, page, segment, query):
    sign_in(client, "quantri")
    response = client.get(page.format(segment=quote(segment, safe="")), query_string=query)
    assert response.status_code in ANSWERS, (page, segment, query, response.status_code, response.text[:300])
