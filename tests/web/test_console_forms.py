"""The clerk's console: each form stores the right event, bad input stores nothing and says why in Vietnamese."""

import re
import uuid

import pytest

from tests.web.pages import MEETING_PAGE, events, sign_in, text_of

HTMX = {"HX-Request": "true"}
OFFICIALS_PRESENT = 3  # tests/books.py: four members present, one of them probationary


@pytest.fixture
def clerk(client, book, no_csrf):
    sign_in(client, "thuky")
    return client


def record(client, form: str, data: dict, *, event_id: str | None = None, htmx: bool = True):
    """Post a console form as the page would, with an event_id of its own unless one is given."""
    body = {"event_id": event_id or str(uuid.uuid4()), **data}
    return client.post(f"{MEETING_PAGE}/console/{form}", data=body, headers=HTMX if htmx else {})


def last(store) -> dict:
    return events(store)[-1]


VOTES = {"votes_for": "3", "votes_against": "0", "votes_abstain": "0"}
STORED = [
    ("agenda", {"items": "Thông tin thời sự\n\n Kiểm điểm tháng 3 \n"},
     "AgendaSet", {"items": ["Thông tin thời sự", "Kiểm điểm tháng 3"]}),
    ("guest", {"name": "Dương Đình Hới", "title": "Bí thư Đảng ủy xã", "organization": ""},
     "GuestAttended", {"name": "Dương Đình Hới", "title": "Bí thư Đảng ủy xã"}),
    ("speech", {"speaker": "m:duong-thi-le", "kind": "opinion", "summary": "Đồng ý", "agenda_item": ""},
     "SpeechGiven", {"speaker": {"member_id": "duong-thi-le"}, "kind": "opinion", "summary": "Đồng ý"}),
    ("speech", {"speaker": "g:Dương Đình Hới", "kind": "direction", "summary": "Định hướng", "agenda_item": "2"},
     "SpeechGiven", {"speaker": {"guest": "Dương Đình Hới"}, "kind": "direction", "summary": "Định hướng",
                     "agenda_item": 2}),
    ("report", {"member_id": "nguyen-huy-tho", "subject": "Chuyên môn", "summary": "Đạt", "task_id": "", "outcome": ""},
     "ReportPresented", {"member_id": "nguyen-huy-tho", "subject": "Chuyên môn", "summary": "Đạt"}),
    ("report", {"member_id": "nguyen-huy-tho", "subject": "Chuyên môn", "summary": "Đạt", "task_id": "", "outcome": "",
                "agenda_item": "1"},
     "ReportPresented", {"member_id": "nguyen-huy-tho", "subject": "Chuyên môn", "summary": "Đạt", "agenda_item": 1}),
    ("task", {"task_id": "nv-ho-so", "description": "Làm hồ sơ", "assignees": ["duong-thi-le", "nguyen-huy-tho"],
              "due": "2030-05-05"},
     "TaskAssigned", {"task_id": "nv-ho-so", "description": "Làm hồ sơ",
                      "assignees": ["duong-thi-le", "nguyen-huy-tho"], "due": "2030-05-05"}),
    ("commend", {"member_id": "duong-thi-le", "reason": "Nhiều sáng kiến"},
     "MemberCommended", {"member_id": "duong-thi-le", "reason": "Nhiều sáng kiến"}),
    ("criticize", {"member_id": "nguyen-huy-tho", "level": "reminder", "reason": "Nộp chậm"},
     "MemberCriticized", {"member_id": "nguyen-huy-tho", "level": "reminder", "reason": "Nộp chậm"}),
    ("conclusion", {"text": "Thống nhất", **VOTES},
     "ConclusionAdopted", {"text": "Thống nhất", "votes_for": 3, "votes_against": 0, "votes_abstain": 0}),
    ("approval", {"votes_for": "2", "votes_against": "0", "votes_abstain": "1"},
     "MinutesApproved", {"votes_for": 2, "votes_against": 0, "votes_abstain": 1}),
    ("close", {"confirm": "yes"}, "MeetingClosed", {}),
]


@pytest.mark.parametrize("form, data, event_type, stored", STORED, ids=[f"{c[0]}-{i}" for i, c in enumerate(STORED)])
def test_each_console_form_stores_its_event(clerk, store, form, data, event_type, stored):
    if data.get("agenda_item"):  # an entry names an item of the agenda set before it
        assert record(clerk, "agenda", {"items": "Thông tin thời sự\nKiểm điểm tháng 3"}).status_code == 200
    before = len(events(store))
    response = record(clerk, form, data)
    assert response.status_code == 200
    assert "Đã ghi: sự kiện số" in response.text
    assert len(events(store)) == before + 1
    event = last(store)
    assert (event["stream"], event["type"], event["data"], event["actor"]) == (
        "meeting:2021-04-07", event_type, stored, "thuky")


def test_a_stored_entry_comes_back_as_an_empty_form_with_a_new_event_id_and_the_record_out_of_band(clerk, store):
    response = record(clerk, "guest", {"name": "Hồ Văn Hiển", "title": "Chủ tịch UBND xã"},
                      event_id="0b6c1f1e-1111-4a4a-8b8b-000000000001")
    assert 'id="form-guest"' in response.text
    assert "0b6c1f1e-1111-4a4a-8b8b-000000000001" not in response.text
    assert 'id="live"' in response.text and 'hx-swap-oob="true"' in response.text
    assert "Khách mời: đồng chí Hồ Văn Hiển – Chủ tịch UBND xã." in response.text
    assert 'name="name" type="text" value=""' in response.text


def test_a_task_follow_up_stores_task_reported(clerk, store):
    record(clerk, "task", {"task_id": "nv-1", "description": "Việc", "assignees": ["duong-thi-le"]})
    response = record(clerk, "task-report", {"task_id": "nv-1", "status": "done", "note": "Xong sớm"})
    assert response.status_code == 200 and "Đã ghi" in response.text
    assert (last(store)["type"], last(store)["data"]) == (
        "TaskReported", {"task_id": "nv-1", "status": "done", "note": "Xong sớm"})


def test_the_roster_form_records_only_the_lines_that_changed(clerk, store):
    members = ["nguyen-thi-hong-van", "duong-thi-le", "nguyen-huy-tho", "nguyen-thi-thuong"]
    form = {"member": members, **{f"status-{m}": "present" for m in members},
            "status-duong-thi-le": "absent_excused", "reason-duong-thi-le": "Ốm"}
    event_id = str(uuid.uuid4())
    before = len(events(store))
    assert "Đã ghi" in record(clerk, "attendance", form, event_id=event_id).text
    assert len(events(store)) == before + 1  # the other three were already recorded present
    assert last(store)["data"] == {"member_id": "duong-thi-le", "status": "absent_excused", "reason": "Ốm"}
    again = record(clerk, "attendance", form, event_id=event_id)
    assert "Không có gì thay đổi" in again.text
    assert len(events(store)) == before + 1


def test_a_double_submitted_form_stores_one_event(clerk, store):
    data, event_id = {"member_id": "duong-thi-le", "reason": "Tận tụy"}, str(uuid.uuid4())
    before = len(events(store))
    first, second = record(clerk, "commend", data, event_id=event_id), record(clerk, "commend", data, event_id=event_id)
    assert "Đã ghi: sự kiện số" in first.text
    assert "Đã ghi từ trước" in second.text and "không ghi thêm" in second.text
    assert len(events(store)) == before + 1


def test_an_event_id_sent_again_with_other_content_stores_nothing_and_gives_a_new_id(clerk, store):
    event_id = str(uuid.uuid4())
    record(clerk, "commend", {"member_id": "duong-thi-le", "reason": "Tận tụy"}, event_id=event_id)
    before = events(store)
    response = record(clerk, "commend", {"member_id": "duong-thi-le", "reason": "Khác"}, event_id=event_id)
    assert "Mẫu này đã được ghi trước đó với nội dung khác" in response.text
    assert event_id not in response.text and ">Khác</textarea>" in response.text
    assert events(store) == before


def test_after_a_lost_answer_the_edited_entry_is_offered_and_stored_as_a_correction_not_a_twin(clerk, store):
    event_id = str(uuid.uuid4())
    first = record(clerk, "commend", {"member_id": "duong-thi-le", "reason": "Tận tụy"}, event_id=event_id)
    seq = int(re.search(r"sự kiện số (\d+)", first.text).group(1))
    edited = record(clerk, "commend", {"member_id": "duong-thi-le", "reason": "Tận tụy, sáng tạo"}, event_id=event_id)
    assert f'name="correct_seq" value="{seq}"' in edited.text and f"Đính chính mục số {seq}" in edited.text
    new_id = re.search(r'name="event_id" value="([^"]+)"', edited.text).group(1)

    record(clerk, "commend", {"member_id": "duong-thi-le", "reason": "Tận tụy, sáng tạo", "correct_seq": str(seq),
                              "correction_reason": "Sửa lại mục vừa ghi."}, event_id=new_id)

    stored = events(store)
    commendations = [e for e in stored if e["type"] == "MemberCommended"]
    corrections = [e for e in stored if e["type"] == "EventCorrected"]
    assert [e["data"]["reason"] for e in commendations].count("Tận tụy") == 1
    assert not any(e["data"]["reason"] == "Tận tụy, sáng tạo" for e in commendations)  # no twin
    assert corrections[-1]["data"]["target_seq"] == seq
    assert corrections[-1]["data"]["data"]["reason"] == "Tận tụy, sáng tạo"


BAD = [
    ("guest", {"name": "Khách"}, "guest-title", "Thiếu trường bắt buộc."),
    ("speech", {"kind": "opinion", "summary": "Ý kiến"}, "speech-speaker", "Hãy chọn người phát biểu."),
    ("speech", {"speaker": "m:duong-thi-le", "kind": "opinion", "summary": "Ý", "agenda_item": "hai"},
     "speech-agenda_item", "Phải là số nguyên."),
    ("speech", {"speaker": "m:duong-thi-le", "kind": "opinion", "summary": "   "}, "speech-summary",
     "Thiếu trường bắt buộc."),
    ("task", {"task_id": "nv-2", "description": "Việc"}, "task-assignees", "Hãy chọn ít nhất một đồng chí."),
    ("task", {"task_id": "nv-3", "description": "Việc", "assignees": ["duong-thi-le"], "due": "05/05/2030"},
     "task-due", "Phải là ngày dạng YYYY-MM-DD."),
    ("task", {"task_id": "Nhiệm vụ 1", "description": "Việc", "assignees": ["duong-thi-le"]},
     "task-task_id", "Mã phải viết thường"),
    ("commend", {"member_id": "nguoi-la", "reason": "Tốt"}, "commend-member_id", "không phải đảng viên của chi bộ"),
    ("criticize", {"member_id": "duong-thi-le", "level": "nang", "reason": "Chậm"}, "criticize-level",
     "Phải là một trong"),
    ("report", {"member_id": "duong-thi-le", "subject": "Việc", "summary": "Tốt", "task_id": "khong-co"},
     "report-task_id", "Sổ không có nhiệm vụ"),
    ("conclusion", {"text": "Thống nhất", **VOTES, "votes_for": str(OFFICIALS_PRESENT + 1)}, "conclusion-votes_for",
     f"vượt quá số đảng viên chính thức có mặt lúc biểu quyết ({OFFICIALS_PRESENT})"),
    ("approval", {**VOTES, "votes_against": "-1"}, "approval-votes_against", "Phải là số nguyên."),
    ("close", {}, "close-confirm", "Hãy đánh dấu ô xác nhận"),
    ("agenda", {"items": "\n  \n"}, "agenda-items", "Hãy ghi ít nhất một mục."),
    ("retract", {"target_seq": "999", "reason": "Nhầm"}, "retract-target_seq", "Sổ không có sự kiện số 999."),
    ("attendance", {"member": ["duong-thi-le"], "status-duong-thi-le": "ngu-gat"}, "attendance-status-duong-thi-le",
     "Phải là một trong"),
]


@pytest.mark.parametrize("form, data, field, words", BAD, ids=[f"{c[2]}-{i}" for i, c in enumerate(BAD)])
def test_a_bad_entry_shows_a_vietnamese_error_beside_the_field_and_stores_nothing(clerk, store, form, data, field,
                                                                                   words):
    before = events(store)
    response = record(clerk, form, data)
    assert response.status_code == 200  # htmx swaps the form back in, errors and all
    assert f'id="{field}-error"' in response.text
    assert f'id="{field}"' in response.text and 'aria-invalid="true"' in response.text
    assert words in text_of(response.text)
    assert 'class="alert"' in response.text
    assert events(store) == before


def test_without_htmx_a_stored_entry_redirects_to_the_page_and_a_bad_one_renders_it_with_errors(clerk, store):
    stored = record(clerk, "guest", {"name": "Khách", "title": "Bí thư"}, htmx=False)
    assert stored.status_code == 303 and stored.headers["Location"] == f"{MEETING_PAGE}#ghi"
    before = events(store)
    refused = record(clerk, "guest", {"name": "Khách"}, htmx=False)
    assert refused.status_code == 422
    assert "<!doctype html>" in refused.text and 'id="guest-title-error"' in refused.text
    assert events(store) == before


def test_user_text_with_html_is_shown_as_text(clerk, store):
    record(clerk, "speech", {"speaker": "m:duong-thi-le", "kind": "opinion",
                             "summary": "<script>alert(1)</script><b>x</b>"})
    page = clerk.get(MEETING_PAGE).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in page
    assert "<script>alert" not in page and "<b>x</b>" not in page


def test_after_closing_only_follow_ups_and_amendments_are_offered_and_accepted(clerk, store):
    record(clerk, "close", {"confirm": "yes"})
    page = clerk.get(MEETING_PAGE).text
    assert 'id="form-task-report"' in page and 'id="form-retract"' in page
    assert 'id="form-guest"' not in page and 'id="form-close"' not in page
    before = events(store)
    response = record(clerk, "guest", {"name": "Khách", "title": "Bí thư"})
    assert "Cuộc họp đã bế mạc" in text_of(response.text)
    assert events(store) == before


def test_a_correction_form_comes_filled_with_the_event_and_stores_event_corrected(clerk, store):
    record(clerk, "guest", {"name": "Cao Thị Hồng Lam", "title": "Phó Bí thư"})
    seq = last(store)["seq"]
    form = clerk.get(f"{MEETING_PAGE}/correction?seq={seq}", headers=HTMX).text
    assert f'name="correct_seq" value="{seq}"' in form and 'value="Cao Thị Hồng Lam"' in form
    response = record(clerk, "guest", {"name": "Cao Thị Hồng Lam", "title": "Phó Bí thư Đảng ủy xã",
                                       "correct_seq": str(seq), "correction_reason": "Ghi thiếu chức vụ"})
    assert "Đã ghi" in response.text
    assert (last(store)["type"], last(store)["data"]) == ("EventCorrected", {
        "target_seq": seq, "reason": "Ghi thiếu chức vụ",
        "data": {"name": "Cao Thị Hồng Lam", "title": "Phó Bí thư Đảng ủy xã"}})
    assert "đã đính chính" in clerk.get(MEETING_PAGE).text


def test_a_correction_without_a_reason_is_refused_beside_the_reason(clerk, store):
    record(clerk, "guest", {"name": "Khách", "title": "Bí thư"})
    seq = last(store)["seq"]
    before = events(store)
    response = record(clerk, "guest", {"name": "Khách", "title": "Phó Bí thư", "correct_seq": str(seq)})
    assert 'id="dc-guest-correction_reason-error"' in response.text
    assert events(store) == before


def test_a_retraction_stores_event_retracted(clerk, store):
    record(clerk, "guest", {"name": "Khách nhầm", "title": "Bí thư"})
    seq = last(store)["seq"]
    assert "Đã ghi" in record(clerk, "retract", {"target_seq": str(seq), "reason": "Ghi nhầm cuộc họp"}).text
    assert (last(store)["type"], last(store)["data"]) == (
        "EventRetracted", {"target_seq": seq, "reason": "Ghi nhầm cuộc họp"})
    assert "Khách nhầm" not in text_of(clerk.get(MEETING_PAGE).text.split('id="ghi"')[0])


def test_the_live_fragment_answers_204_until_the_meeting_grows(clerk, store):
    head = last(store)["seq"]
    assert clerk.get(f"{MEETING_PAGE}/live?after_seq={head}").status_code == 204
    record(clerk, "guest", {"name": "Khách mới", "title": "Bí thư"})
    fresh = clerk.get(f"{MEETING_PAGE}/live?after_seq={head}")
    assert fresh.status_code == 200
    assert "Khách mời: đồng chí Khách mới" in fresh.text
    assert f"after_seq={head + 1}" in fresh.text


@pytest.mark.parametrize("username", ["thanhtra", "dangvien", "thuky-khac"])
def test_who_may_not_write_the_cell_is_refused_and_nothing_is_stored(client, book, no_csrf, store, username):
    sign_in(client, username)
    before = events(store)
    response = record(client, "guest", {"name": "Khách", "title": "Bí thư"}, htmx=False)
    assert response.status_code == 403
    assert "Bạn không được ghi vào sổ" in text_of(response.text)
    assert events(store) == before


def test_a_signed_out_htmx_post_is_sent_to_sign_in(client, book, no_csrf, store):
    before = events(store)
    response = record(client, "guest", {"name": "Khách", "title": "Bí thư"})
    assert response.headers["HX-Redirect"].startswith("/login")
    assert events(store) == before


def test_the_close_form_warns_but_does_not_refuse_while_the_minutes_are_not_approved(clerk, store):
    page = text_of(clerk.get(MEETING_PAGE).get_data(as_text=True))
    assert "Lưu ý trước khi bế mạc: Biên bản chưa được chi bộ thông qua" in page

    record(clerk, "approval", {"votes_for": "3", "votes_against": "0", "votes_abstain": "0"})
    assert "Lưu ý trước khi bế mạc" not in text_of(clerk.get(MEETING_PAGE).get_data(as_text=True))


def test_a_meeting_closes_despite_the_warning(clerk, store):
    answer = record(clerk, "close", {"confirm": "yes"})
    assert answer.status_code == 200 and last(store)["type"] == "MeetingClosed"
