"""The roster page: each form stores its event in the cell stream, bad input stores nothing and says why beside
the field, joining makes the id from the name, dues for many members are one batch, and only the cell's clerk
and the admins may use it."""

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chibo_events import clock
from chibo_events.catalogue import check_request
from chibo_events.timestamps import vietnam_date
from chibo_events.web.roster_forms import ROSTER_FORMS
from tests.books import CELL, MEETING, snapshot
from tests.web.pages import csrf_token_of, events, sign_in, text_of

ROSTER_PAGE = f"/cells/{CELL}/roster"
A_DAY = "2021-05-03"  # after the April meeting of tests/books.py, long before today
ON_A_DAY = "2021-05-03T00:00:00+07:00"
TASK = "nv-ho-so"


@pytest.fixture
def clerk(client, book, no_csrf):
    sign_in(client, "thuky")
    return client


@pytest.fixture
def task(store):
    """A task given at the April meeting, to report on between meetings."""
    store.append(CELL, check_request({"stream": MEETING, "type": "TaskAssigned", "data": {
        "task_id": TASK, "assignees": ["duong-thi-le"], "description": "Hoàn thiện hồ sơ"}}), "thuky")


def post(client, form: str, data: dict, *, event_id: str | None = None):
    """Post a roster form as the page would, with an event_id of its own unless one is given."""
    return client.post(f"{ROSTER_PAGE}/forms/{form}", data={"event_id": event_id or str(uuid.uuid4()), **data})


def last(store) -> dict:
    return events(store)[-1]


def today() -> str:
    return vietnam_date(clock.now()).isoformat()


DECISION = {"decision_meeting_id": "2021-04-07", "decision_votes_for": "3", "decision_votes_against": "0",
            "decision_votes_abstain": "0"}
STORED = [
    # (forms posted first, form, data, type stored, data stored)
    ([], "join", {"full_name": "Hồ Thị Thanh Huyền", "kind": "probationary", "how": "admitted",
                  "joined_on": "2021-03-01", "position": "Giáo viên"},
     "MemberJoined", {"member_id": "ho-thi-thanh-huyen", "full_name": "Hồ Thị Thanh Huyền", "kind": "probationary",
                      "how": "admitted", "joined_on": "2021-03-01", "position": "Giáo viên"}),
    ([], "role", {"member_id": "duong-thi-le", "role": "pho_bi_thu", "occurred_on": A_DAY},
     "MemberRoleChanged", {"member_id": "duong-thi-le", "role": "pho_bi_thu"}),
    ([], "kind", {"member_id": "nguyen-thi-thuong", "kind": "official", "occurred_on": A_DAY},
     "MemberKindChanged", {"member_id": "nguyen-thi-thuong", "kind": "official"}),
    ([], "kind", {"member_id": "nguyen-thi-thuong", "kind": "official", "occurred_on": A_DAY, **DECISION},
     "MemberKindChanged", {"member_id": "nguyen-thi-thuong", "kind": "official", "decision": {
         "meeting_id": "2021-04-07", "votes_for": 3, "votes_against": 0, "votes_abstain": 0}}),
    ([], "exempt", {"member_id": "nguyen-huy-tho", "reason": "Tuổi cao, sức khỏe yếu", "occurred_on": A_DAY},
     "MemberExempted", {"member_id": "nguyen-huy-tho", "reason": "Tuổi cao, sức khỏe yếu"}),
    ([("exempt", {"member_id": "nguyen-huy-tho", "reason": "Ốm dài ngày", "occurred_on": A_DAY})],
     "exemption-end", {"member_id": "nguyen-huy-tho", "occurred_on": A_DAY},
     "MemberExemptionEnded", {"member_id": "nguyen-huy-tho"}),
    ([], "away", {"member_id": "duong-thi-le", "place": "Chi bộ Trường THCS Kỳ Thọ", "until": "2021-12-31",
                  "occurred_on": A_DAY},
     "MemberTemporarilyAway", {"member_id": "duong-thi-le", "place": "Chi bộ Trường THCS Kỳ Thọ",
                               "until": "2021-12-31"}),
    ([("away", {"member_id": "duong-thi-le", "place": "Xã Kỳ Hà", "occurred_on": A_DAY})],
     "return", {"member_id": "duong-thi-le", "occurred_on": A_DAY},
     "MemberReturned", {"member_id": "duong-thi-le"}),
    ([], "suspend", {"member_id": "nguyen-huy-tho", "reason": "Đang bị xem xét kỷ luật", "until": "",
                     "occurred_on": A_DAY},
     "MemberSuspended", {"member_id": "nguyen-huy-tho", "reason": "Đang bị xem xét kỷ luật"}),
    ([("suspend", {"member_id": "nguyen-huy-tho", "reason": "Xem xét kỷ luật", "occurred_on": A_DAY})],
     "suspension-end", {"member_id": "nguyen-huy-tho", "occurred_on": A_DAY},
     "MemberSuspensionEnded", {"member_id": "nguyen-huy-tho"}),
    ([], "rating", {"member_id": "duong-thi-le", "year": "2021", "rating": "excellent", "occurred_on": A_DAY},
     "MemberRated", {"member_id": "duong-thi-le", "year": 2021, "rating": "excellent"}),
    ([], "leave", {"member_id": "nguyen-huy-tho", "how": "transferred_out", "note": "Chuyển công tác",
                   "occurred_on": A_DAY},
     "MemberLeft", {"member_id": "nguyen-huy-tho", "how": "transferred_out", "note": "Chuyển công tác"}),
    ([], "leave", {"member_id": "nguyen-huy-tho", "how": "removed", "occurred_on": A_DAY, **DECISION},
     "MemberLeft", {"member_id": "nguyen-huy-tho", "how": "removed", "decision": {
         "meeting_id": "2021-04-07", "votes_for": 3, "votes_against": 0, "votes_abstain": 0}}),
    ([], "dues", {"month": "2021-04", "amount": "25000", "paid": ["duong-thi-le"], "occurred_on": A_DAY},
     "DuesPaid", {"member_id": "duong-thi-le", "month": "2021-04", "amount": 25000}),
]


@pytest.mark.parametrize("given, form, data, event_type, stored", STORED,
                         ids=[f"{c[1]}-{i}" for i, c in enumerate(STORED)])
def test_each_roster_form_stores_its_event_in_the_cell_stream(clerk, store, given, form, data, event_type, stored):
    for earlier, earlier_data in given:
        assert post(clerk, earlier, earlier_data).status_code == 303
    before = len(events(store))
    response = post(clerk, form, data)
    assert response.status_code == 303 and response.headers["Location"] == f"{ROSTER_PAGE}#danh-sach"
    assert len(events(store)) == before + 1
    event = last(store)
    assert (event["stream"], event["type"], event["data"], event["actor"]) == ("cell", event_type, stored, "thuky")
    if "occurred_on" in data:
        assert event["occurred_at"] == ON_A_DAY  # the day the clerk gave, from its start in Vietnam
    assert "Đã ghi: sự kiện số" in clerk.get(ROSTER_PAGE).text


def test_a_task_reported_between_meetings_goes_to_the_cell_stream(clerk, store, task):
    page = clerk.get(ROSTER_PAGE).text
    assert "Hoàn thiện hồ sơ — Dương Thị Lê" in page  # the task picked by what it is and who has it
    response = post(clerk, "task-report", {"task_id": TASK, "status": "done", "note": "Xong", "occurred_on": A_DAY})
    assert response.status_code == 303
    assert (last(store)["stream"], last(store)["type"], last(store)["data"]) == (
        "cell", "TaskReported", {"task_id": TASK, "status": "done", "note": "Xong"})


def test_a_change_dated_today_happens_now(clerk, store):
    post(clerk, "role", {"member_id": "duong-thi-le", "role": "chi_uy_vien", "occurred_on": today()})
    assert last(store)["occurred_at"][:10] == today() and not last(store)["occurred_at"].endswith("T00:00:00+07:00")


BAD = [
    # (forms posted first, form, data, field beside which the refusal shows, its words)
    ([], "join", {"full_name": "", "kind": "official", "how": "initial", "joined_on": "2010-09-01"},
     "join-full_name", "Thiếu trường bắt buộc."),
    ([], "join", {"full_name": "???", "kind": "official", "how": "initial", "joined_on": "2010-09-01"},
     "join-full_name", "Họ và tên phải có chữ cái."),
    ([], "join", {"full_name": "Lê Văn Nam", "kind": "official", "how": "initial", "joined_on": "01/09/2010"},
     "join-joined_on", "Phải là ngày dạng YYYY-MM-DD."),
    ([], "join", {"full_name": "Lê Văn Nam", "kind": "chinh-thuc", "how": "initial", "joined_on": "2010-09-01"},
     "join-kind", "Phải là một trong"),
    ([], "join", {"full_name": "Lê Văn Nam", "kind": "official", "how": "transferred_in", "joined_on": "2010-09-01",
                  **DECISION},
     "join-decision", "Chỉ việc kết nạp (how = admitted) mới ghi nghị quyết của chi bộ."),
    ([], "kind", {"member_id": "nguyen-thi-thuong", "kind": "official", "occurred_on": A_DAY, **DECISION,
                  "decision_votes_for": "1"},
     "kind-decision_votes_for", "cần ít nhất hai phần ba số đảng viên chính thức được triệu tập tán thành (1/3)"),
    ([], "kind", {"member_id": "nguyen-thi-thuong", "kind": "official", "occurred_on": A_DAY, **DECISION,
                  "decision_meeting_id": ""},
     "kind-decision_meeting_id", "Thiếu trường bắt buộc."),
    ([], "role", {"member_id": "duong-thi-le", "role": "", "occurred_on": A_DAY}, "role-role",
     "Thiếu trường bắt buộc."),
    ([], "role", {"member_id": "", "role": "bi_thu", "occurred_on": A_DAY}, "role-member_id",
     "Thiếu trường bắt buộc."),
    ([], "role", {"member_id": "duong-thi-le", "role": "bi_thu", "occurred_on": "2009-01-05"}, "role-member_id",
     "Dương Thị Lê không phải đảng viên của chi bộ vào thời điểm đó."),
    ([], "role", {"member_id": "duong-thi-le", "role": "bi_thu", "occurred_on": "2999-01-05"}, "role-occurred_on",
     "Không được là một ngày sau hôm nay."),
    ([], "role", {"member_id": "duong-thi-le", "role": "bi_thu", "occurred_on": "hôm qua"}, "role-occurred_on",
     "Phải là ngày dạng YYYY-MM-DD"),
    ([], "return", {"member_id": "duong-thi-le", "occurred_on": A_DAY}, "return-member_id",
     "Dương Thị Lê không đi sinh hoạt tạm thời nơi khác."),
    ([("away", {"member_id": "duong-thi-le", "place": "Xã Kỳ Hà", "occurred_on": A_DAY})],
     "away", {"member_id": "duong-thi-le", "place": "Xã Kỳ Hà", "occurred_on": A_DAY}, "away-member_id",
     "Dương Thị Lê đang sinh hoạt tạm thời nơi khác."),
    ([], "away", {"member_id": "duong-thi-le", "place": " ", "occurred_on": A_DAY}, "away-place",
     "Thiếu trường bắt buộc."),
    ([], "suspension-end", {"member_id": "nguyen-huy-tho", "occurred_on": A_DAY}, "suspension-end-member_id",
     "Nguyễn Huy Thọ không bị đình chỉ sinh hoạt."),
    ([], "suspend", {"member_id": "nguyen-huy-tho", "reason": "Xét kỷ luật", "until": "31/12/2021",
                     "occurred_on": A_DAY}, "suspend-until", "Phải là ngày dạng YYYY-MM-DD."),
    ([], "exempt", {"member_id": "nguyen-huy-tho", "reason": "", "occurred_on": A_DAY}, "exempt-reason",
     "Thiếu trường bắt buộc."),
    ([], "rating", {"member_id": "duong-thi-le", "year": "hai nghìn", "rating": "good", "occurred_on": A_DAY},
     "rating-year", "Phải là số nguyên."),
    ([], "rating", {"member_id": "duong-thi-le", "year": "1900", "rating": "good", "occurred_on": A_DAY},
     "rating-year", "Phải từ 1930 đến 2999."),
    ([], "leave", {"member_id": "nguyen-huy-tho", "how": "", "occurred_on": A_DAY}, "leave-how",
     "Thiếu trường bắt buộc."),
    ([], "leave", {"member_id": "nguyen-huy-tho", "how": "transferred_out", "occurred_on": A_DAY, **DECISION},
     "leave-decision", "Chỉ việc xóa tên hay khai trừ mới ghi nghị quyết của chi bộ."),
    ([], "task-report", {"task_id": "khong-co", "status": "done", "occurred_on": A_DAY}, "task-report-task_id",
     "Sổ không có nhiệm vụ"),
    ([], "dues", {"month": "2021-04", "amount": "25000", "occurred_on": A_DAY}, "dues-paid",
     "Hãy chọn ít nhất một đồng chí đã nộp."),
    ([], "dues", {"month": "04/2021", "amount": "25000", "paid": ["duong-thi-le"], "occurred_on": A_DAY},
     "dues-month", "Phải là tháng dạng YYYY-MM"),
    ([], "dues", {"month": "2021-04", "amount": "", "paid": ["duong-thi-le"], "occurred_on": A_DAY},
     "dues-amount", "Thiếu trường bắt buộc."),
    ([], "dues", {"month": "2021-04", "amount": "25000", "paid": ["duong-thi-le"], "amount-duong-thi-le": "0",
                  "occurred_on": A_DAY}, "dues-amount-duong-thi-le", "Phải từ 1 đến"),
]


@pytest.mark.parametrize("given, form, data, field, words", BAD, ids=[f"{c[3]}-{i}" for i, c in enumerate(BAD)])
def test_a_refusal_shows_its_vietnamese_message_beside_the_field_and_stores_nothing(clerk, store, task, given, form,
                                                                                    data, field, words):
    for earlier, earlier_data in given:
        assert post(clerk, earlier, earlier_data).status_code == 303
    before = snapshot(store)
    response = post(clerk, form, data)
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.text
    assert words in text_of(response.text)
    assert 'class="alert"' in response.text
    assert f'<details class="panel" id="muc-{form}" open>' in response.text  # the refused form is left open
    assert snapshot(store) == before


def test_a_refused_form_keeps_what_was_typed(clerk, store):
    response = post(clerk, "exempt", {"member_id": "nguyen-huy-tho", "reason": "", "occurred_on": "2021-06-07"})
    assert 'value="2021-06-07"' in response.text
    assert '<option value="nguyen-huy-tho" selected>' in response.text


# -- joining: the id is made from the name -------------------------------------------------------

def join(client, full_name: str, event_id: str | None = None):
    return post(client, "join", {"full_name": full_name, "kind": "official", "how": "transferred_in",
                                 "joined_on": "2020-09-01"}, event_id=event_id)


def test_joining_makes_the_member_id_from_the_vietnamese_name(clerk, store):
    join(clerk, "  Đặng Thị Ngọc Ánh ")
    assert last(store)["data"]["member_id"] == "dang-thi-ngoc-anh"
    assert last(store)["data"]["full_name"] == "Đặng Thị Ngọc Ánh"


def test_a_name_already_in_the_book_gets_a_number_added(clerk, store):
    join(clerk, "Dương Thị Lê")  # tests/books.py has a Dương Thị Lê already
    assert last(store)["data"]["member_id"] == "duong-thi-le-2"
    join(clerk, "Dương Thị Lê")
    assert last(store)["data"]["member_id"] == "duong-thi-le-3"


def test_a_joining_sent_twice_stores_one_member(clerk, store):
    event_id = str(uuid.uuid4())
    join(clerk, "Dương Thị Lê", event_id)
    before = len(events(store))
    again = join(clerk, "Dương Thị Lê", event_id)
    assert again.status_code == 303 and len(events(store)) == before
    assert "Đã ghi từ trước" in clerk.get(ROSTER_PAGE).text


def test_the_member_id_is_shown_to_nobody_and_two_of_one_name_are_told_apart(clerk, store):
    join(clerk, "Dương Thị Lê")
    page = clerk.get(ROSTER_PAGE).text
    assert "duong-thi-le" not in text_of(page)  # only in the pickers' values, which nobody reads
    assert "Dương Thị Lê (từ 1/9/2010)" in page and "Dương Thị Lê (từ 1/9/2020)" in page


# -- dues of a month for many members at once ----------------------------------------------------

THREE = ["duong-thi-le", "nguyen-huy-tho", "nguyen-thi-thuong"]


def test_dues_for_three_members_are_three_events_in_one_batch(clerk, store, monkeypatch):
    batches = []
    append_batch = store.append_batch

    def spy(book, asked, actor):
        batches.append([event.type for event in asked])
        return append_batch(book, asked, actor)

    monkeypatch.setattr(store, "append_batch", spy)
    before = len(events(store))
    response = post(clerk, "dues", {"month": "2021-04", "amount": "20000", "paid": THREE,
                                    "amount-nguyen-thi-thuong": "15000", "occurred_on": A_DAY})
    assert response.status_code == 303
    assert batches == [["DuesPaid"] * 3]
    paid = [e["data"] for e in events(store)[before:]]
    assert paid == [{"member_id": "duong-thi-le", "month": "2021-04", "amount": 20000},
                    {"member_id": "nguyen-huy-tho", "month": "2021-04", "amount": 20000},
                    {"member_id": "nguyen-thi-thuong", "month": "2021-04", "amount": 15000}]


def test_a_dues_batch_with_one_member_already_paid_stores_none_and_names_that_member(clerk, store):
    post(clerk, "dues", {"month": "2021-04", "amount": "20000", "paid": ["nguyen-huy-tho"], "occurred_on": A_DAY})
    before = snapshot(store)
    response = post(clerk, "dues", {"month": "2021-04", "amount": "20000", "paid": THREE, "occurred_on": A_DAY})
    assert response.status_code == 422
    assert 'id="dues-paid-nguyen-huy-tho-error"' in response.text
    assert "Đảng phí tháng 2021-04 của Nguyễn Huy Thọ đã được ghi" in text_of(response.text)
    assert "Chưa ghi đảng phí của ai" in text_of(response.text)
    assert snapshot(store) == before


def test_a_dues_form_sent_twice_stores_each_member_once(clerk, store):
    event_id, data = str(uuid.uuid4()), {"month": "2021-04", "amount": "20000", "paid": THREE, "occurred_on": A_DAY}
    post(clerk, "dues", data, event_id=event_id)
    before = len(events(store))
    post(clerk, "dues", data, event_id=event_id)
    assert len(events(store)) == before
    assert "Đã ghi từ trước" in clerk.get(ROSTER_PAGE).text


# -- the page ------------------------------------------------------------------------------------

def test_the_page_lists_the_roster_with_its_badges_above_the_forms(clerk, store):
    post(clerk, "away", {"member_id": "duong-thi-le", "place": "Xã Kỳ Hà", "occurred_on": A_DAY})
    post(clerk, "exempt", {"member_id": "nguyen-huy-tho", "reason": "Ốm", "occurred_on": A_DAY})
    post(clerk, "suspend", {"member_id": "nguyen-thi-hong-van", "reason": "Xét kỷ luật", "occurred_on": A_DAY})
    page = clerk.get(ROSTER_PAGE).text
    roster = text_of(page.split('id="ghi"')[0])
    assert "Đảng viên đang sinh hoạt (4)" in roster
    assert "Nguyễn Thị Thương Đảng viên · dự bị" in roster
    assert "sinh hoạt tạm thời tại Xã Kỳ Hà" in roster and "miễn sinh hoạt" in roster
    assert "đình chỉ sinh hoạt" in roster


def test_every_form_is_collapsible_and_names_its_event_type_its_event_id_and_its_csrf_token(clerk):
    page = clerk.get(ROSTER_PAGE).text
    for name, form in ROSTER_FORMS.items():
        start = page.index(f'<details class="panel" id="muc-{name}">')
        section = page[start:page.index("</details>", page.index(f'id="form-{name}"'))]
        assert f'data-event-type="{form.event_type}"' in section
        assert 'name="csrf_token"' in section and 'name="event_id"' in section


def test_a_form_needs_the_pages_csrf_token(clerk, app, store):
    app.config["WTF_CSRF_ENABLED"] = True
    token = csrf_token_of(clerk.get(ROSTER_PAGE).text)
    before = snapshot(store)
    assert post(clerk, "role", {"member_id": "duong-thi-le", "role": "bi_thu"}).status_code == 400
    assert snapshot(store) == before
    answer = post(clerk, "role", {"member_id": "duong-thi-le", "role": "bi_thu", "csrf_token": token})
    assert answer.status_code == 303 and last(store)["type"] == "MemberRoleChanged"


def test_pickers_offer_only_the_members_a_form_can_change(clerk, store):
    page = clerk.get(ROSTER_PAGE).text
    kind_form = page[page.index('id="form-kind"'):page.index("</form>", page.index('id="form-kind"'))]
    assert "Nguyễn Thị Thương" in kind_form and "Dương Thị Lê" not in kind_form  # only the probationary
    return_form = page[page.index('id="form-return"'):page.index("</form>", page.index('id="form-return"'))]
    assert "Không có đồng chí nào" in return_form  # nobody is away


def test_the_page_works_without_the_import_page_and_links_to_it_once_it_exists(clerk, app, monkeypatch):
    if "roster_import_page.import_roster" in app.view_functions:
        assert "/roster/import" in clerk.get(ROSTER_PAGE).text
        monkeypatch.delitem(app.view_functions, "roster_import_page.import_roster")
    page = clerk.get(ROSTER_PAGE)
    assert page.status_code == 200 and "Nhập danh sách từ tệp" not in page.text


def test_the_cell_page_links_the_roster_for_its_clerk_only(client, book, no_csrf):
    sign_in(client, "thuky")
    assert f'href="{ROSTER_PAGE}"' in client.get(f"/cells/{CELL}").text
    assert f'href="{ROSTER_PAGE}"' in client.get(f"/cells/{CELL}/members").text
    client.post("/logout")
    sign_in(client, "dangvien")
    assert f'href="{ROSTER_PAGE}"' not in client.get(f"/cells/{CELL}").text


def test_an_admin_may_use_the_roster_page(client, book, no_csrf, store):
    sign_in(client, "quantri")
    assert client.get(ROSTER_PAGE).status_code == 200
    post(client, "rating", {"member_id": "duong-thi-le", "year": "2021", "rating": "good", "occurred_on": A_DAY})
    assert (last(store)["type"], last(store)["actor"]) == ("MemberRated", "quantri")


@pytest.mark.parametrize("username", ["thanhtra", "dangvien", "thuky-khac", "dangvien-khac"])
def test_other_roles_get_403_and_store_nothing(client, book, no_csrf, store, username):
    sign_in(client, username)
    assert client.get(ROSTER_PAGE).status_code == 403
    before = snapshot(store)
    for form in ("join", "dues"):
        response = post(client, form, {"full_name": "Lê Văn Nam", "kind": "official", "how": "initial",
                                       "joined_on": "2010-09-01", "month": "2021-04", "amount": "1",
                                       "paid": ["duong-thi-le"]})
        assert response.status_code == 403
    assert snapshot(store) == before


def test_a_signed_out_reader_is_sent_to_sign_in(client, book, no_csrf, store):
    assert client.get(ROSTER_PAGE).status_code in (302, 303)
    before = snapshot(store)
    assert post(client, "role", {"member_id": "duong-thi-le", "role": "bi_thu"}).status_code in (302, 303, 401)
    assert snapshot(store) == before


def test_an_unknown_form_is_404(clerk):
    assert post(clerk, "khong-co", {}).status_code == 404


FIELDS = ["full_name", "kind", "how", "joined_on", "position", "member_id", "role", "occurred_on", "month", "amount",
          "paid", "amount-duong-thi-le", "decision_meeting_id", "decision_votes_for", "year", "rating", "place",
          "until", "reason", "note", "task_id", "status", "event_id"]
VALUES = st.one_of(st.sampled_from(["", "duong-thi-le", "nguyen-huy-tho", "official", "initial", "admitted",
                                    "bi_thu", "good", "done", "2021-04", "2021-05-03", "2999-01-01", "20000", "0",
                                    "-1", "9" * 30, "2021-04-07", "Nguyễn Văn An", "\x00", "%", str(uuid.uuid4())]),
                   st.text(max_size=20))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=st.sampled_from(list(ROSTER_FORMS)), data=st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=7))
def test_whatever_a_roster_form_is_sent_it_is_stored_or_refused_never_a_500(clerk, store, form, data):
    before = snapshot(store)
    response = post(clerk, form, data)
    assert response.status_code in (303, 422), (form, data, response.text[:300])
    if response.status_code == 422:
        assert snapshot(store) == before


def test_a_closed_cells_roster_is_shown_without_forms_and_refuses_entries(clerk, store):
    store.append(CELL, check_request({"stream": "cell", "type": "CellClosed",
                                      "data": {"reason": "Sáp nhập", "how": "merged"}}), "quantri")
    page = clerk.get(ROSTER_PAGE).text
    assert "Sổ của chi bộ đã đóng" in text_of(page) and "data-event-type" not in page
    before = snapshot(store)
    assert post(clerk, "role", {"member_id": "duong-thi-le", "role": "bi_thu"}).status_code == 422
    assert snapshot(store) == before
