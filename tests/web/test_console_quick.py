"""The console quick on a phone (issue 16, items 5–6): a time on every form, votes filled from who may vote,
required fields marked, the clerk preset, no slugs shown; a bad time refused beside its field, nothing stored."""

import re
import uuid
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest

from chibo_events.access import Member
from chibo_events.catalogue import SCHEMA_VERSION, SCHEMAS
from chibo_events.clock import VIETNAM
from chibo_events.web.console_forms import FORMS
from tests.books import ROSTER, snapshot
from tests.web.pages import MEETING_PAGE, events, sign_in, text_of

HTMX = {"HX-Request": "true"}
CELL_PAGE = "/cells/th-ky-tho"
OFFICIALS_PRESENT = 3  # tests/books.py: four members present, one of them probationary


@pytest.fixture
def clerk(client, book, no_csrf):
    sign_in(client, "thuky")
    return client


def record(client, form: str, data: dict):
    body = {"event_id": str(uuid.uuid4()), **data}
    return client.post(f"{MEETING_PAGE}/console/{form}", data=body, headers=HTMX)


class Fields(HTMLParser):
    """The fields of each form of a page: {form id: [(tag, attributes)]}."""

    def __init__(self):
        super().__init__()
        self.forms: dict[str, list] = {}
        self.form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = attrs.get("id") or attrs.get("action")
            self.forms[self.form] = []
        elif tag in ("input", "select", "textarea") and self.form:
            self.forms[self.form].append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None


def fields_of(html: str) -> dict[str, list]:
    parser = Fields()
    parser.feed(html)
    return parser.forms


def field(html: str, form: str, name: str) -> dict:
    return next(attrs for tag, attrs in fields_of(html)[form] if attrs.get("name") == name)


def vietnam_now() -> datetime:
    return datetime.now(UTC).astimezone(VIETNAM)


# ---------------------------------------------------------------- 1. a time on every form

def test_every_console_form_has_a_time_prefilled_with_now_in_vietnam(clerk):
    page = clerk.get(MEETING_PAGE).text
    shown = vietnam_now().strftime("%Y-%m-%dT%H:")  # to the hour: the test may straddle a minute
    for name in FORMS:
        when = field(page, f"form-{name}", "occurred_at")
        assert when["type"] == "datetime-local" and when["value"].startswith(shown[:13]), name
        assert field(page, f"form-{name}", "occurred_at_shown")["value"] == when["value"]
    assert 'novalidate' in page


def test_a_time_typed_in_from_paper_is_the_entrys_occurred_at(clerk, store):
    response = record(clerk, "guest", {"name": "Hồ Văn Hiển", "title": "Chủ tịch UBND xã",
                                       "occurred_at": "2021-04-07T14:30", "occurred_at_shown": "2026-01-01T08:00"})
    assert "Đã ghi: sự kiện số" in response.text
    assert events(store)[-1]["occurred_at"] == "2021-04-07T14:30:00+07:00"


def test_a_time_left_as_shown_means_now_when_sent(clerk, store):
    shown = "2021-04-07T14:30"  # the page was loaded long ago: the entry is now, not then
    record(clerk, "guest", {"name": "Hồ Văn Hiển", "title": "Chủ tịch", "occurred_at": shown,
                            "occurred_at_shown": shown})
    stored = datetime.fromisoformat(events(store)[-1]["occurred_at"])
    assert abs(stored - datetime.now(UTC)) < timedelta(minutes=2)


def test_the_whole_attendance_form_takes_its_time(clerk, store):
    record(clerk, "attendance", {"member": "duong-thi-le", "status-duong-thi-le": "left_early",
                                 "occurred_at": "2021-04-07T15:10", "occurred_at_shown": ""})
    assert events(store)[-1]["occurred_at"] == "2021-04-07T15:10:00+07:00"


@pytest.mark.parametrize("when, words", [
    ("hôm qua", "Thời điểm không hợp lệ"),
    ("2021-13-07T14:30", "Thời điểm không hợp lệ"),
    ((vietnam_now() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"), "Ở tương lai"),
])
def test_a_bad_time_is_refused_beside_the_field_and_nothing_is_stored(clerk, store, when, words):
    before = snapshot(store)
    response = record(clerk, "speech", {"speaker": "m:duong-thi-le", "kind": "opinion", "summary": "Đồng ý",
                                        "occurred_at": when, "occurred_at_shown": "2021-04-07T14:00"})
    assert snapshot(store) == before
    assert re.search(r'<p class="error" id="speech-occurred_at-error">[^<]*' + words, response.text)
    assert field(response.text, "form-speech", "occurred_at")["value"] == when  # kept to fix


def test_the_opening_form_has_a_time_and_it_is_the_minutes_start(clerk, store):
    page = clerk.get(CELL_PAGE).text
    forms = fields_of(page)
    opening = forms[f"{CELL_PAGE}/meetings"]
    when = next(a for _, a in opening if a.get("name") == "occurred_at")
    assert when["type"] == "datetime-local" and when["value"][:10] == vietnam_now().date().isoformat()
    response = clerk.post(f"{CELL_PAGE}/meetings", data={
        "meeting_id": "2021-05-06", "kind": "regular", "title": "Sinh hoạt tháng 5", "location": "Phòng họp",
        "chair": "nguyen-thi-hong-van", "clerk": "duong-thi-le", "event_id": str(uuid.uuid4()),
        "occurred_at": "2021-05-06T14:00", "occurred_at_shown": when["value"]})
    assert response.status_code == 303
    assert events(store)[-1]["occurred_at"] == "2021-05-06T14:00:00+07:00"
    minutes = clerk.get(f"{CELL_PAGE}/meetings/2021-05-06/minutes").text
    assert "14 giờ 00" in text_of(minutes) and "6 tháng 5 năm 2021" in text_of(minutes)


def test_a_bad_opening_time_is_refused_beside_it_and_nothing_is_stored(clerk, store):
    before = snapshot(store)
    response = clerk.post(f"{CELL_PAGE}/meetings", data={
        "meeting_id": "2021-05-06", "kind": "regular", "title": "Sinh hoạt tháng 5", "location": "Phòng họp",
        "chair": "nguyen-thi-hong-van", "clerk": "duong-thi-le", "event_id": str(uuid.uuid4()),
        "occurred_at": "ngày mai", "occurred_at_shown": ""})
    assert response.status_code == 422 and snapshot(store) == before
    assert re.search(r'id="open-occurred_at-error">Thời điểm không hợp lệ', response.text)


# ---------------------------------------------------------------- 2. votes filled from who may vote

@pytest.mark.parametrize("form", ["conclusion", "approval"])
def test_vote_fields_start_with_the_officials_present_for_and_none_against(clerk, form):
    page = clerk.get(MEETING_PAGE).text
    values = {name: field(page, f"form-{form}", name)["value"]
              for name in ("votes_for", "votes_against", "votes_abstain")}
    assert values == {"votes_for": str(OFFICIALS_PRESENT), "votes_against": "0", "votes_abstain": "0"}
    assert "Số đảng viên chính thức được triệu tập: 3" in text_of(page)


def test_after_an_attendance_change_the_vote_fields_are_filled_again(clerk):
    response = record(clerk, "attendance", {"member": "duong-thi-le", "status-duong-thi-le": "left_early"})
    oob = re.search(r'<div class="vote-fields" id="conclusion-votes" hx-swap-oob="outerHTML">.*?</div>\s*<p',
                    response.text, re.S)
    assert oob and 'name="votes_for" type="number" value="2"' in oob.group(0)


# ---------------------------------------------------------------- 3. required fields marked

def test_required_fields_are_marked_as_the_catalogue_has_them(clerk):
    page = clerk.get(MEETING_PAGE).text
    checked = 0
    for name, form in FORMS.items():
        schema = SCHEMAS[(form.event_type, SCHEMA_VERSION)]
        for _tag, attrs in fields_of(page)[f"form-{name}"]:
            catalogue = schema.fields.get(attrs.get("name"))
            if catalogue is None or attrs.get("type") in ("hidden", "checkbox"):
                continue
            required = catalogue.required
            assert ("required" in attrs) is required, (name, attrs.get("name"))
            assert (attrs.get("aria-required") == "true") is required, (name, attrs.get("name"))
            checked += 1
    assert checked > 20
    assert '<label for="guest-name">Họ và tên <span class="required" aria-hidden="true">*</span>' in page
    assert '<label for="guest-organization">Đơn vị <span class="optional">(không bắt buộc)</span>' in page


# ---------------------------------------------------------------- 4. the inputmode bug

def test_vote_inputs_ask_phones_for_the_numeric_keypad(clerk):
    page = clerk.get(MEETING_PAGE).text
    modes = set(re.findall(r'inputmode="[^"]*"', page))
    assert modes == {'inputmode="numeric"'}
    assert 'inputmode="&quot;' not in page


# ---------------------------------------------------------------- 5. the clerk preset

def test_the_opening_form_presets_the_signed_in_clerks_member(clerk, store):
    store.accounts.update("thuky", member=Member("th-ky-tho", "duong-thi-le"))
    page = clerk.get(CELL_PAGE).text
    assert re.search(r'<select id="open-clerk"[^>]*>.*?<option value="duong-thi-le" selected>', page, re.S)


def test_an_unlinked_clerk_gets_no_preset_clerk(clerk):
    page = clerk.get(CELL_PAGE).text
    picker = page[page.index('<select id="open-clerk"'):].split("</select>")[0]
    assert " selected" not in picker


# ---------------------------------------------------------------- 7. no slugs shown

def test_no_member_or_task_id_is_shown_on_the_console_or_the_cell_page(clerk):
    record(clerk, "task", {"task_id": "2021-04-07-nv1", "description": "Làm hồ sơ", "assignees": ["duong-thi-le"]})
    for url in (MEETING_PAGE, CELL_PAGE):
        page = clerk.get(url).text
        shown = text_of(page)
        for member_id, _, _ in ROSTER:
            assert member_id not in shown, (url, member_id)
        assert "2021-04-07-nv1" not in shown
        visible = [a for fields in fields_of(page).values() for tag, a in fields
                   if tag == "input" and a.get("type") not in ("hidden", "checkbox")]
        assert not [a for a in visible if a.get("name") == "task_id"], url


def chosen_item(html: str, select_id: str) -> str | None:
    """Return the value of the selected option of one agenda picker, or None if none is selected."""
    select = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no picker {select_id}"
    picked = re.search(r'<option value="([^"]*)" selected>', select.group(1))
    return picked.group(1) if picked else None


def test_reports_and_task_reports_can_name_their_agenda_item_and_start_on_the_item_under_discussion(clerk):
    assert record(clerk, "agenda", {"items": "Kiểm điểm tháng 3\nPhương hướng tháng 4"}).status_code == 200
    page = clerk.get(MEETING_PAGE).get_data(as_text=True)
    # No item was named yet: an opening speech belongs to none, so nothing is chosen for the clerk.
    for picker in ("speech-agenda_item", "report-agenda_item", "task-report-agenda_item"):
        assert chosen_item(page, picker) is None

    answer = record(clerk, "speech", {"speaker": "m:nguyen-huy-tho", "kind": "opinion", "summary": "Tán thành.",
                                      "agenda_item": "2"})
    assert "Đã ghi" in answer.get_data(as_text=True)
    # The answer sends the other forms' pickers again, on the item now under discussion…
    answered = answer.get_data(as_text=True)
    assert chosen_item(answered, "report-agenda_item") == "2"
    assert chosen_item(answered, "task-report-agenda_item") == "2"
    # …and so does the page when loaded again.
    page = clerk.get(MEETING_PAGE).get_data(as_text=True)
    assert chosen_item(page, "report-agenda_item") == "2"
    assert "2. Phương hướng tháng 4" in text_of(page)
