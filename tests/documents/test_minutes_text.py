"""The biên bản as plain text: the head, the title, every section in order, the signatures."""

import ast
from pathlib import Path

from chibo_events.documents import minutes_text as module
from chibo_events.documents.minutes_text import minutes_text
from tests.documents.sample_minutes import member, sample_minutes

SECTION_HEADINGS = [
    "I. THỜI GIAN, ĐỊA ĐIỂM", "II. THÀNH PHẦN", "III. NỘI DUNG", "IV. DIỄN BIẾN",
    "V. GIAO NHIỆM VỤ", "VI. BIỂU DƯƠNG", "VII. NHẮC NHỞ, PHÊ BÌNH", "VIII. KẾT LUẬN",
]


def text_of(**changes) -> str:
    return minutes_text(sample_minutes(**changes))


def lines_of(**changes) -> list[str]:
    return text_of(**changes).splitlines()


def section(text: str, heading: str) -> str:
    """Return the text under a heading, up to the next heading."""
    start = text.index(heading) + len(heading)
    following = [text.index(h, start) for h in [*SECTION_HEADINGS, "Ghi chú đính chính"] if h in text[start:]]
    return text[start:min(following, default=len(text))]


def test_the_head_names_the_committee_and_the_cell_in_capitals():
    head = lines_of()[:3]
    assert "ĐẢNG BỘ XÃ KỲ THỌ" in head[0] and "ĐẢNG CỘNG SẢN VIỆT NAM" in head[0]
    assert "CHI BỘ TRƯỜNG TIỂU HỌC KỲ THỌ" in head[1]
    assert head[2].strip() == "*"


def test_a_unit_already_named_by_its_kind_is_not_prefixed_twice():
    text = text_of(cell={"name": "Trường Tiểu học Kỳ Thọ", "committee": "Đảng ủy xã Kỳ Thọ", "place": "Kỳ Thọ"})
    assert "CHI BỘ TRƯỜNG TIỂU HỌC KỲ THỌ" in text and "ĐẢNG ỦY XÃ KỲ THỌ" in text
    assert "ĐẢNG BỘ ĐẢNG" not in text and "CHI BỘ CHI BỘ" not in text


def test_the_dateline_gives_the_place_and_the_meeting_day():
    assert "Kỳ Thọ, ngày 7 tháng 4 năm 2021" in lines_of()[1]


def test_the_title_names_the_month_and_year_of_a_regular_meeting():
    stripped = [line.strip() for line in lines_of()]
    title = stripped.index("BIÊN BẢN")
    assert stripped[title + 1] == "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 4 NĂM 2021"
    assert stripped[title + 2] == ""


def test_the_month_of_the_title_is_the_vietnam_month():
    assert "THƯỜNG KỲ THÁNG 5 NĂM 2021" in text_of(opened_at="2021-04-30T18:00:00Z", closed_at=None)


def test_a_thematic_meeting_is_titled_chuyen_de_with_its_topic():
    text = text_of(kind="thematic", title="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
    assert "SINH HOẠT CHI BỘ CHUYÊN ĐỀ THÁNG 4 NĂM 2021" in text
    assert "Chuyên đề: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh" in text


def test_an_extraordinary_meeting_is_titled_bat_thuong_with_its_subject():
    text = text_of(kind="extraordinary", title="Xét kết nạp đảng viên")
    assert "SINH HOẠT CHI BỘ BẤT THƯỜNG THÁNG 4 NĂM 2021" in text
    assert "Về việc: Xét kết nạp đảng viên" in text


def test_a_regular_meeting_does_not_repeat_its_title():
    assert "Sinh hoạt chi bộ thường kỳ tháng 4 năm 2021" not in text_of()


def test_the_start_time_and_place_are_given():
    lines = lines_of()
    assert "- Thời gian: bắt đầu vào hồi 14 giờ 00, ngày 7 tháng 4 năm 2021." in lines
    assert "- Địa điểm: Phòng họp Trường Tiểu học Kỳ Thọ." in lines


def test_the_roll_counts_members_by_kind_and_presence():
    assert (
        "- Tổng số đảng viên: 17 (chính thức: 15, dự bị: 2); miễn sinh hoạt: 0; có mặt: 16; "
        "vắng có lý do: 1 (đồng chí Nguyễn Thị Hà: nghỉ thai sản); vắng không lý do: 0."
    ) in lines_of()


def test_absent_members_are_named_with_their_reasons():
    minutes = sample_minutes()
    minutes["attendance"]["absent_excused"].append({**member("Hồ Thị Mai"), "reason": "đi học lớp cao cấp lý luận."})
    text = minutes_text(minutes)
    assert ("vắng có lý do: 2 (đồng chí Nguyễn Thị Hà: nghỉ thai sản; "
            "đồng chí Hồ Thị Mai: đi học lớp cao cấp lý luận)") in text


def test_members_absent_without_reason_and_exempt_members_are_named():
    minutes = sample_minutes()
    minutes["attendance"].update(
        absent_unexcused=[{**member("Hồ Thị Mai"), "reason": None}], exempt=1, exempt_members=[member("Bùi Thị Nga")],
    )
    text = minutes_text(minutes)
    assert "vắng không lý do: 1 (đồng chí Hồ Thị Mai)" in text
    assert "miễn sinh hoạt: 1 (đồng chí Bùi Thị Nga)" in text


def test_members_not_yet_marked_are_counted_apart():
    minutes = sample_minutes()
    minutes["attendance"]["not_recorded"] = [member("Hồ Thị Mai")]
    assert "; chưa điểm danh: 1 (đồng chí Hồ Thị Mai)." in minutes_text(minutes)
    assert "chưa điểm danh" not in text_of()


def test_the_members_present_are_named_and_latecomers_marked():
    present = next(line for line in lines_of() if line.startswith("- Đảng viên có mặt:"))
    assert present.count(",") == 15
    assert "Trần Văn Đức (đến muộn)" in present and "Nguyễn Thị Hà" not in present


def test_each_guest_is_named_with_title_and_organization_when_known():
    lines = lines_of()
    assert "- Khách mời: 5 đồng chí:" in lines
    assert "+ Đồng chí Dương Đình Hới – Bí thư Đảng ủy - CTHĐND xã Kỳ Thọ." in lines
    assert "+ Đồng chí Nguyễn Thị Minh Tú – Bí thư chi bộ, Chi bộ Trường Mầm non xã Kỳ Thọ." in lines


def test_a_meeting_without_guests_says_so():
    assert "- Khách mời: không có." in lines_of(guests=[])


def test_the_chair_and_clerk_are_named():
    assert "- Chủ trì: đồng chí Nguyễn Thị Hồng Vân (Bí thư Chi bộ); Thư ký: đồng chí Phan Thị Hương." in lines_of()


def test_the_agenda_is_numbered():
    agenda = section(text_of(), "III. NỘI DUNG").strip().splitlines()
    assert agenda[0] == "1. Thông tin thời sự, văn bản cấp trên."
    assert agenda[3] == "4. Phương hướng, nhiệm vụ tháng 4 năm 2021."
    assert len(agenda) == 4


def test_the_guests_guidance_stands_in_the_proceedings_under_its_agenda_item():
    proceedings = section(text_of(), "IV. DIỄN BIẾN")
    item = proceedings.index("3. Thảo luận, ý kiến định hướng của cấp trên")
    guidance = proceedings.index("- Đồng chí Dương Đình Hới (Bí thư Đảng ủy - CTHĐND xã Kỳ Thọ): phát biểu góp ý")
    assert item < guidance
    assert "Chi ủy giao việc cụ thể cho đảng viên" in proceedings[guidance:]


def test_the_proceedings_hold_only_speeches_reports_and_task_reports():
    proceedings = section(text_of(), "IV. DIỄN BIẾN")
    assert "Nhiệm vụ ôn luyện thi giáo viên dạy giỏi cấp tỉnh (đồng chí Dương Thị Lê): đã hoàn thành." in proceedings
    assert "Đồng chí Lê Văn Hùng báo cáo kết quả chuyên môn tháng 3" in proceedings
    for other in ("Bế mạc.", "Chi bộ thông qua chương trình", "Biểu dương đồng chí Dương Thị Lê", "vắng có lý do"):
        assert other not in proceedings


def test_the_proceedings_keep_the_order_of_the_record():
    proceedings = section(text_of(), "IV. DIỄN BIẾN")
    in_order = ("khai mạc buổi sinh hoạt", "Lê Văn Hùng báo cáo", "Dương Đình Hới")
    opening, report, guidance = (proceedings.index(s) for s in in_order)
    assert opening < report < guidance


def test_speeches_outside_the_agenda_stand_under_their_own_headings():
    minutes = sample_minutes()
    closing = {"seq": 69, "type": "SpeechGiven", "speaker": minutes["chair"], "kind": "closing",
               "summary": "bế mạc", "agenda_item": None, "corrected": False,
               "text": "Đồng chí Nguyễn Thị Hồng Vân: cảm ơn các đồng chí khách mời, tuyên bố bế mạc."}
    minutes["proceedings"].append(closing)
    text = minutes_text(minutes)
    lines = section(text, "IV. DIỄN BIẾN").strip().splitlines()
    assert lines[0] == "Khai mạc" and "khai mạc buổi sinh hoạt" in lines[1]
    # The closing speech comes at the end, after the conclusion and the approval, just before the end time.
    assert "Bế mạc" not in lines and "tuyên bố bế mạc" not in section(text, "IV. DIỄN BIẾN")
    end = text.index("Buổi sinh hoạt kết thúc")
    assert text.index("KẾT LUẬN") < text.index("- Đồng chí Nguyễn Thị Hồng Vân: cảm ơn các đồng chí khách mời") < end


def test_a_report_without_an_agenda_item_stays_under_the_item_being_discussed():
    minutes = sample_minutes()
    report = {"seq": 68, "type": "ReportPresented", "member": member("Lê Văn Hùng"),
              "subject": "công tác thư viện", "summary": "ổn định", "agenda_item": None, "corrected": False,
              "text": "Đồng chí Lê Văn Hùng báo cáo công tác thư viện: ổn định."}
    minutes["proceedings"].append(report)
    lines = section(minutes_text(minutes), "IV. DIỄN BIẾN").strip().splitlines()
    assert lines[-1] == "- Đồng chí Lê Văn Hùng báo cáo công tác thư viện: ổn định."
    assert lines[-2].startswith("- ") and "Ý kiến khác" not in lines


def test_a_report_naming_an_earlier_agenda_item_stands_under_that_item_again():
    minutes = sample_minutes()
    report = {"seq": 68, "type": "ReportPresented", "member": member("Lê Văn Hùng"),
              "subject": "công tác thư viện", "summary": "ổn định", "agenda_item": 1, "corrected": False,
              "text": "Đồng chí Lê Văn Hùng báo cáo công tác thư viện: ổn định."}
    minutes["proceedings"].append(report)
    lines = section(minutes_text(minutes), "IV. DIỄN BIẾN").strip().splitlines()
    assert lines[-1] == "- Đồng chí Lê Văn Hùng báo cáo công tác thư viện: ổn định."
    assert lines[-2].startswith("1. ")


def test_proceedings_without_agenda_items_are_one_list_in_order():
    minutes = sample_minutes()
    for item in minutes["proceedings"]:
        item["agenda_item"] = None
    lines = section(minutes_text(minutes), "IV. DIỄN BIẾN").strip().splitlines()
    assert all(line.startswith("- ") for line in lines) and len(lines) == 8


def test_a_proceeding_without_text_is_written_from_its_speaker_and_summary():
    speech = {"seq": 80, "type": "SpeechGiven", "speaker": {"member_id": "le-thi-thu", "full_name": "Lê Thị Thu"},
              "kind": "opinion", "summary": "nhất trí với báo cáo", "agenda_item": None, "corrected": False}
    assert "- Đồng chí Lê Thị Thu: nhất trí với báo cáo." in lines_of(proceedings=[speech])


def test_each_task_says_what_who_and_by_when():
    tasks = section(text_of(), "V. GIAO NHIỆM VỤ")
    assert (
        "- Tiếp tục bồi dưỡng học sinh lớp 5 dự giao lưu Toán tuổi thơ cấp huyện; người thực hiện: "
        "đồng chí Nguyễn Huy Thọ, đồng chí Nguyễn Thị Thương; thời hạn: ngày 15 tháng 5 năm 2021."
    ) in tasks
    assert "- Chuẩn bị chuyên đề đổi mới sinh hoạt tổ chuyên môn; người thực hiện: đồng chí Dương Thị Lê." in tasks


def test_the_commended_members_are_named_with_their_reasons():
    commended = section(text_of(), "VI. BIỂU DƯƠNG").strip().splitlines()
    assert commended == [
        "- Đồng chí Dương Thị Lê: dự thi giáo viên dạy giỏi cấp tỉnh đạt kết quả tốt.",
        "- Đồng chí Nguyễn Huy Thọ: bồi dưỡng học sinh tham gia các cuộc thi các cấp đạt giải cao.",
        "- Đồng chí Nguyễn Thị Thương: bồi dưỡng học sinh tham gia các cuộc thi các cấp đạt giải cao.",
    ]


def test_a_section_with_nothing_recorded_says_there_was_none():
    assert section(text_of(), "VII. NHẮC NHỞ, PHÊ BÌNH").strip() == "Không có."


def test_a_criticism_says_whether_it_reminds_or_criticises():
    criticisms = [
        {"seq": 65, **member("Đặng Văn Tuấn"), "level": "reminder", "reason": "nộp hồ sơ chậm", "corrected": False},
        {"seq": 66, **member("Bùi Thị Nga"), "level": "criticism", "reason": "vắng họp tổ hai lần", "corrected": False},
    ]
    assert section(text_of(criticisms=criticisms), "VII. NHẮC NHỞ, PHÊ BÌNH").strip().splitlines() == [
        "- Nhắc nhở đồng chí Đặng Văn Tuấn: nộp hồ sơ chậm.",
        "- Phê bình đồng chí Bùi Thị Nga: vắng họp tổ hai lần.",
    ]


def test_the_vote_line_gives_for_against_other_and_the_share():
    conclusion = section(text_of(), "VIII. KẾT LUẬN")
    assert "Chi bộ tiếp tục quán triệt Chỉ thị 10-CT/TW" in conclusion
    assert "\nBiểu quyết: 15/15 đồng chí tán thành (100%), 0 không tán thành, 0 ý kiến khác.\n" in conclusion


def test_the_vote_share_uses_a_decimal_comma():
    minutes = sample_minutes()
    minutes["conclusions"][0].update(votes_for=14, votes_abstain=1, share_for=14 / 15 * 100)
    assert "Biểu quyết: 14/15 đồng chí tán thành (93,3%), 0 không tán thành, 1 ý kiến khác." in minutes_text(minutes)


def test_a_share_missing_from_the_record_is_worked_out_from_the_votes():
    minutes = sample_minutes()
    minutes["conclusions"][0].update(votes_for=13, votes_against=2)
    del minutes["conclusions"][0]["share_for"]
    assert "Biểu quyết: 13/15 đồng chí tán thành (86,7%), 2 không tán thành, 0 ý kiến khác." in minutes_text(minutes)


def test_several_conclusions_are_numbered_each_with_its_vote():
    minutes = sample_minutes()
    second = {**minutes["conclusions"][0], "seq": 70, "text": "Thống nhất kế hoạch tháng 5."}
    minutes["conclusions"].append(second)
    lines = minutes_text(minutes).splitlines()
    assert "2. Thống nhất kế hoạch tháng 5." in lines
    assert lines[lines.index("2. Thống nhất kế hoạch tháng 5.") + 1].startswith("Biểu quyết: 15/15")
    assert any(line.startswith("1. Chi bộ tiếp tục") for line in lines)


def test_the_closing_gives_the_end_time_and_the_approval_vote():
    assert (
        "Buổi sinh hoạt kết thúc vào hồi 16 giờ 30 cùng ngày. "
        "Biên bản đã được thông qua trước chi bộ, 15/15 đồng chí tán thành (100%)."
    ) in lines_of()


def test_a_meeting_that_ends_after_midnight_names_the_day_it_ended():
    assert "kết thúc vào hồi 0 giờ 15 ngày 8 tháng 4 năm 2021." in text_of(closed_at="2021-04-07T17:15:00Z")


def test_unapproved_minutes_say_they_are_not_yet_approved():
    text = text_of(minutes_approved=None)
    assert "Buổi sinh hoạt kết thúc vào hồi 16 giờ 30 cùng ngày. Biên bản chưa được thông qua trước chi bộ." in text


def test_an_open_meeting_has_no_closing_sentence():
    text = text_of(closed_at=None, minutes_approved=None)
    assert "Biên bản đang ghi, cuộc họp chưa kết thúc." in text.splitlines()
    assert "kết thúc vào hồi" not in text and "thông qua trước chi bộ" not in text


def test_an_open_meeting_says_empty_sections_have_nothing_yet():
    assert section(text_of(closed_at=None), "VII. NHẮC NHỞ, PHÊ BÌNH").strip() == "Chưa có."


def test_corrected_items_are_marked_where_they_stand():
    tasks = section(text_of(), "V. GIAO NHIỆM VỤ").strip().splitlines()
    assert tasks[0].endswith("thời hạn: ngày 30 tháng 4 năm 2021. (đã đính chính)")
    assert [line for line in tasks if "(đã đính chính)" in line] == tasks[:1]


def test_corrections_are_noted_with_their_seq_reason_and_vietnam_time():
    notes = text_of().split("Ghi chú đính chính\n")[1].splitlines()
    assert notes[0] == (
        "- Bản ghi số 66 (giao nhiệm vụ) đã được đính chính lúc 16 giờ 40 ngày 7 tháng 4 năm 2021 "
        "(bản ghi số 72, người ghi: thuky). Lý do: Ghi nhầm thời hạn hoàn thành."
    )


def test_a_retraction_is_noted_as_withdrawn():
    retraction = {"seq": 73, "target_seq": 59, "target_type": "SpeechGiven", "kind": "retracted",
                  "reason": "Ghi trùng", "recorded_at": "2021-04-08T01:00:00.000000Z", "actor": "thuky"}
    text = text_of(corrections=[retraction])
    assert "- Bản ghi số 59 (phát biểu) đã được rút bỏ lúc 8 giờ 00 ngày 8 tháng 4 năm 2021" in text


def test_without_corrections_there_is_no_correction_note():
    assert "Ghi chú đính chính" not in text_of(corrections=[])


def test_minutes_shown_as_of_a_moment_say_so_under_the_title():
    lines = [line.strip() for line in lines_of(as_of="2021-05-01T00:00:00.000000Z")]
    note = "Biên bản như đã ghi đến 7 giờ 00 ngày 1 tháng 5 năm 2021 (bản ghi cuối: số 72)."
    assert lines.index(note) == lines.index("SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 4 NĂM 2021") + 2
    assert "Biên bản như đã ghi" not in text_of()


def test_the_sections_come_in_the_order_of_a_bien_ban():
    text = text_of()
    marks = ["BIÊN BẢN", *SECTION_HEADINGS, "Buổi sinh hoạt kết thúc", "Ghi chú đính chính", "THƯ KÝ"]
    positions = [text.index(mark) for mark in marks]
    assert positions == sorted(positions)


def test_the_signature_block_ends_the_text_with_the_clerk_left_and_the_chair_right():
    lines = lines_of()
    titles = next(line for line in lines if "THƯ KÝ" in line)
    assert titles.index("THƯ KÝ") < titles.index("CHỦ TRÌ")
    assert lines[-1].index("Phan Thị Hương") < lines[-1].index("Nguyễn Thị Hồng Vân")
    assert lines[-2:-1] == [""]


def test_a_record_holding_only_the_opening_still_makes_minutes():
    text = minutes_text({"meeting_id": "2021-05-05", "kind": "regular", "opened_at": "2021-05-05T14:00:00+07:00",
                         "closed_at": None})
    assert "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 5 NĂM 2021" in text
    assert "- Tổng số đảng viên: … (chính thức: …, dự bị: …)" in text
    assert "Biên bản đang ghi, cuộc họp chưa kết thúc." in text
    assert text.endswith("…\n")


def test_the_text_renderer_needs_no_third_party_package():
    tree = ast.parse(Path(module.__file__).read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert imported == {"unicodedata", "dataclasses", "itertools", "vietnamese", "vocabulary"}


def test_a_voided_meeting_is_marked_void_above_its_body():
    minutes = sample_minutes()
    minutes["voided"] = {"reason": "Mở nhầm ngày.", "seq": 5}
    text = minutes_text(minutes)
    assert "CUỘC HỌP ĐÃ HỦY (mở nhầm): Mở nhầm ngày. Biên bản này không có giá trị" in text
    assert "CUỘC HỌP ĐÃ HỦY" not in minutes_text(sample_minutes())


def test_a_failed_vote_is_printed_as_not_adopted_and_failed_minutes_as_not_approved():
    minutes = sample_minutes()
    minutes["conclusions"][0].update(votes_for=1, votes_against=3, base=4, present_voters=4, passed=False,
                                     share_for=25.0)
    minutes["minutes_approved"].update(votes_for=1, votes_against=3, base=4, present_voters=4, passed=False,
                                       share_for=25.0)
    text = minutes_text(minutes)
    assert "(Không được thông qua)" in text and "kết luận không được thông qua" in text
    assert "Biên bản không được thông qua trước chi bộ: 1/4 đảng viên chính thức được triệu tập tán thành (25%)" in text
    assert "Biên bản đã được thông qua" not in text


def test_a_task_report_is_printed_once_in_the_report_that_gave_it():
    minutes = sample_minutes()
    report = {"seq": 30, "type": "ReportPresented", "member": member("Dương Thị Lê"),
              "subject": "kết quả hội thi", "summary": "Đạt giải.", "task_id": "t-gvdg", "outcome": "done",
              "agenda_item": 2, "corrected": False, "text": "Đồng chí Dương Thị Lê báo cáo kết quả hội thi: Đạt giải."}
    reported = {"seq": 31, "type": "TaskReported", "task_id": "t-gvdg", "status": "done", "agenda_item": None,
                "corrected": False, "text": "Nhiệm vụ “Dự thi giáo viên dạy giỏi”: đã hoàn thành."}
    minutes["proceedings"] += [report, reported]
    assert "Nhiệm vụ “Dự thi giáo viên dạy giỏi”: đã hoàn thành." not in minutes_text(minutes)
    reported["status"] = "in_progress"  # a report of another outcome is news: printed
    assert "Nhiệm vụ “Dự thi giáo viên dạy giỏi”: đã hoàn thành." in minutes_text(minutes)


def test_a_late_member_is_named_with_the_reason():
    minutes = sample_minutes()
    minutes["attendance"]["present_members"][1].update(status="late", reason="Đưa con đi viện.")
    name = minutes["attendance"]["present_members"][1]["full_name"]
    assert f"{name} (đến muộn: Đưa con đi viện)" in minutes_text(minutes)


def test_who_signed_in_the_book_is_said_under_the_signatures():
    minutes = sample_minutes()
    assert "Đã ký xác nhận trong sổ" not in minutes_text(minutes)
    minutes["signed"] = {"chair": True, "clerk": True}
    minutes["signatures"] = [{"role": "clerk", "at": "2021-04-07T09:45:00.000000Z", "seq": 90},
                             {"role": "chair", "at": "2021-04-07T09:50:00.000000Z", "seq": 91}]
    text = minutes_text(minutes)
    clerk, chair = minutes["clerk"]["full_name"], minutes["chair"]["full_name"]
    assert (f"Đã ký xác nhận trong sổ: thư ký {clerk} lúc 16 giờ 45 ngày 7 tháng 4 năm 2021; "
            f"chủ trì {chair} lúc 16 giờ 50 ngày 7 tháng 4 năm 2021.") in text.replace("\n", " ")
    assert text.index("CHỦ TRÌ") < text.index("Đã ký xác nhận")
