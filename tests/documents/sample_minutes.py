"""The minutes JSON of the seed meeting: Chi bộ Trường Tiểu học Kỳ Thọ, 7 April 2021, 14 giờ 00 – 16 giờ 30.

Names, guests, the commendations and Dương Đình Hới's guidance come from
shared/seed; the seed names only four members, so the other thirteen, the
agenda wording, the tasks and the one correction are made up to complete a
realistic record. Call `sample_minutes()` for a fresh copy each time.
"""

import copy

MEMBER_IDS = {
    "Nguyễn Thị Hồng Vân": "nguyen-thi-hong-van",
    "Lê Văn Hùng": "le-van-hung",
    "Dương Thị Lê": "duong-thi-le",
    "Nguyễn Huy Thọ": "nguyen-huy-tho",
    "Nguyễn Thị Thương": "nguyen-thi-thuong",
    "Trần Thị Minh": "tran-thi-minh",
    "Phạm Thị Hoa": "pham-thi-hoa",
    "Hoàng Văn Nam": "hoang-van-nam",
    "Võ Thị Lan": "vo-thi-lan",
    "Nguyễn Thị Hằng": "nguyen-thi-hang",
    "Lê Thị Thu": "le-thi-thu",
    "Đặng Văn Tuấn": "dang-van-tuan",
    "Bùi Thị Nga": "bui-thi-nga",
    "Phan Thị Hương": "phan-thi-huong",
    "Trần Văn Đức": "tran-van-duc",
    "Hồ Thị Mai": "ho-thi-mai",
    "Nguyễn Thị Hà": "nguyen-thi-ha",
}
ABSENT = "Nguyễn Thị Hà"  # probationary, so all 15 official members are present and vote
LATE = "Trần Văn Đức"


def member(full_name: str) -> dict:
    """Return the {member_id, full_name} of a member of the sample cell."""
    return {"member_id": MEMBER_IDS[full_name], "full_name": full_name}


def present_members() -> list[dict]:
    """Return the sixteen members present, one of them late."""
    return [
        {**member(name), "status": "late" if name == LATE else "present"}
        for name in MEMBER_IDS if name != ABSENT
    ]


GUESTS = [
    {"name": "Dương Đình Hới", "title": "Bí thư Đảng ủy - CTHĐND xã Kỳ Thọ", "organization": None},
    {"name": "Cao Thị Hồng Lam", "title": "Phó Bí thư Đảng ủy xã Kỳ Thọ", "organization": None},
    {"name": "Hồ Văn Hiển", "title": "Chủ tịch UBND xã Kỳ Thọ", "organization": None},
    {"name": "Nguyễn Hữu Hùng", "title": "Bí thư chi bộ - Trưởng Công an xã",
     "organization": "Chi bộ Công an xã Kỳ Thọ"},
    {"name": "Nguyễn Thị Minh Tú", "title": "Bí thư chi bộ", "organization": "Chi bộ Trường Mầm non xã Kỳ Thọ"},
]

AGENDA = [
    "Thông tin thời sự, văn bản cấp trên",
    "Đánh giá kết quả thực hiện nhiệm vụ tháng 3 năm 2021",
    "Thảo luận, ý kiến định hướng của cấp trên",
    "Phương hướng, nhiệm vụ tháng 4 năm 2021",
]

GUIDANCE = (
    "Định kỳ hằng tháng, các chi bộ tổ chức sinh hoạt, cập nhật tình hình thời sự, chủ trương chính sách mới; "
    "đánh giá kết quả thực hiện nhiệm vụ dạy học và các công tác giáo dục trong tháng; nêu rõ việc làm được, "
    "chưa làm được và nguyên nhân, giải pháp tháo gỡ; những việc cần làm trong tháng tới. Chi ủy giao việc cụ "
    "thể cho đảng viên và kiểm tra, đôn đốc thường xuyên."
)


def speech(seq, at, speaker, kind, summary, agenda_item, text, corrected=False) -> dict:
    """Return a SpeechGiven proceeding as the projection writes it."""
    return {
        "seq": seq, "type": "SpeechGiven", "occurred_at": f"2021-04-07T{at}:00+07:00", "text": text,
        "agenda_item": agenda_item, "corrected": corrected, "speaker": speaker, "kind": kind, "summary": summary,
    }


def other(seq, at, event_type, text, agenda_item=None, corrected=False, **fields) -> dict:
    """Return a proceeding of any other type."""
    return {
        "seq": seq, "type": event_type, "occurred_at": f"2021-04-07T{at}:00+07:00", "text": text,
        "agenda_item": agenda_item, "corrected": corrected, **fields,
    }


VAN = member("Nguyễn Thị Hồng Vân")
HOI = {"guest": "Dương Đình Hới", "full_name": "Dương Đình Hới"}

PROCEEDINGS = [
    other(30, "14:00", "MeetingOpened", "Khai mạc buổi sinh hoạt chi bộ thường kỳ tháng 4 năm 2021."),
    other(31, "14:02", "AgendaSet", "Chi bộ thông qua chương trình sinh hoạt."),
    other(32, "14:03", "GuestAttended", "Đồng chí Dương Đình Hới (Bí thư Đảng ủy - CTHĐND xã Kỳ Thọ) dự."),
    other(37, "14:05", "AttendanceRecorded", "Đồng chí Nguyễn Thị Hà vắng có lý do: nghỉ thai sản."),
    speech(54, "14:06", VAN, "opening",
           "khai mạc buổi sinh hoạt, giới thiệu đại biểu và chương trình", None,
           "Đồng chí Nguyễn Thị Hồng Vân (Bí thư chi bộ): khai mạc buổi sinh hoạt, giới thiệu đại biểu "
           "và chương trình."),
    speech(55, "14:10", VAN, "report",
           "thông tin Hướng dẫn số 01-HD/BTC ngày 28/9/2020 của Ban Tổ chức Huyện ủy Kỳ Anh", 1,
           "Đồng chí Nguyễn Thị Hồng Vân: thông tin Hướng dẫn số 01-HD/BTC ngày 28/9/2020 của Ban Tổ chức "
           "Huyện ủy Kỳ Anh về phương pháp, cách thức sinh hoạt chi bộ."),
    other(56, "14:30", "ReportPresented",
          "Đồng chí Lê Văn Hùng báo cáo kết quả chuyên môn tháng 3: 100% lớp dạy đủ chương trình.", 2,
          member=member("Lê Văn Hùng"), subject="kết quả chuyên môn tháng 3",
          summary="100% lớp dạy đủ chương trình", outcome=None),
    other(57, "14:45", "ReportPresented",
          "Đồng chí Nguyễn Huy Thọ báo cáo công tác bồi dưỡng học sinh: học sinh đạt giải cao các cuộc thi các cấp.",
          2, member=member("Nguyễn Huy Thọ"), subject="công tác bồi dưỡng học sinh",
          summary="học sinh đạt giải cao các cuộc thi các cấp", outcome="done"),
    other(58, "14:50", "TaskReported",
          "Nhiệm vụ ôn luyện thi giáo viên dạy giỏi cấp tỉnh (đồng chí Dương Thị Lê): đã hoàn thành.", 2,
          task_id="on-thi-gvdg-tinh", status="done", note=None),
    speech(59, "15:00", member("Trần Thị Minh"), "opinion",
           "đề nghị tăng cường dự giờ, thăm lớp", 3,
           "Đồng chí Trần Thị Minh: đề nghị tăng cường dự giờ, thăm lớp để giúp đỡ giáo viên trẻ."),
    speech(60, "15:15", HOI, "direction", GUIDANCE, 3,
           f"Đồng chí Dương Đình Hới (Bí thư Đảng ủy - CTHĐND xã Kỳ Thọ): phát biểu góp ý, định hướng sinh hoạt "
           f"cho chi bộ. {GUIDANCE}"),
    speech(61, "15:40", VAN, "conclusion",
           "tiếp thu ý kiến chỉ đạo, kết luận nội dung thảo luận", 3,
           "Đồng chí Nguyễn Thị Hồng Vân: tiếp thu ý kiến chỉ đạo của đồng chí Bí thư Đảng ủy, kết luận nội "
           "dung thảo luận."),
    other(62, "15:45", "MemberCommended", "Biểu dương đồng chí Dương Thị Lê."),
    other(66, "15:55", "TaskAssigned", "Giao nhiệm vụ cho đồng chí Lê Văn Hùng.", 4, corrected=True),
    other(69, "16:10", "ConclusionAdopted", "Chi bộ biểu quyết thông qua kết luận."),
    other(70, "16:25", "MinutesApproved", "Chi bộ thông qua biên bản."),
    other(71, "16:30", "MeetingClosed", "Bế mạc."),
]

MINUTES = {
    "cell": {"cell_id": "th-ky-tho", "name": "Chi bộ Trường Tiểu học Kỳ Thọ",
             "committee": "Đảng bộ xã Kỳ Thọ", "place": "Kỳ Thọ"},
    "meeting_id": "2021-04-07",
    "kind": "regular",
    "title": "Sinh hoạt chi bộ thường kỳ tháng 4 năm 2021",
    "location": "Phòng họp Trường Tiểu học Kỳ Thọ",
    "opened_at": "2021-04-07T14:00:00+07:00",
    "closed_at": "2021-04-07T16:30:00+07:00",
    "chair": {**VAN, "role": "bi_thu"},
    "clerk": member("Phan Thị Hương"),
    "attendance": {
        "total": 17, "official": 15, "probationary": 2, "exempt": 0, "present": 16,
        "present_members": present_members(),
        "absent_excused": [{**member(ABSENT), "reason": "nghỉ thai sản"}],
        "absent_unexcused": [],
        "not_recorded": [],
        "exempt_members": [],
    },
    "guests": GUESTS,
    "agenda": AGENDA,
    "proceedings": PROCEEDINGS,
    "tasks_assigned": [
        {"seq": 66, "task_id": "on-tap-cuoi-ky-2", "assignees": [member("Lê Văn Hùng")],
         "description": "Xây dựng kế hoạch ôn tập, kiểm tra cuối học kỳ II", "due": "2021-04-30", "corrected": True},
        {"seq": 67, "task_id": "boi-duong-hs-lop-5",
         "assignees": [member("Nguyễn Huy Thọ"), member("Nguyễn Thị Thương")],
         "description": "Tiếp tục bồi dưỡng học sinh lớp 5 dự giao lưu Toán tuổi thơ cấp huyện.", "due": "2021-05-15",
         "corrected": False},
        {"seq": 68, "task_id": "chuyen-de-doi-moi-sh", "assignees": [member("Dương Thị Lê")],
         "description": "Chuẩn bị chuyên đề đổi mới sinh hoạt tổ chuyên môn", "due": None, "corrected": False},
    ],
    "tasks_reported": [
        {"seq": 58, "task_id": "on-thi-gvdg-tinh", "status": "done", "note": None,
         "description": "Ôn luyện thi giáo viên dạy giỏi cấp tỉnh"},
    ],
    "commendations": [
        {"seq": 62, **member("Dương Thị Lê"), "corrected": False,
         "reason": "dự thi giáo viên dạy giỏi cấp tỉnh đạt kết quả tốt"},
        {"seq": 63, **member("Nguyễn Huy Thọ"), "corrected": False,
         "reason": "bồi dưỡng học sinh tham gia các cuộc thi các cấp đạt giải cao"},
        {"seq": 64, **member("Nguyễn Thị Thương"), "corrected": False,
         "reason": "bồi dưỡng học sinh tham gia các cuộc thi các cấp đạt giải cao"},
    ],
    "criticisms": [],
    "conclusions": [
        {"seq": 69, "corrected": False, "votes_for": 15, "votes_against": 0, "votes_abstain": 0, "voters": 15,
         "share_for": 100.0,
         "text": "Chi bộ tiếp tục quán triệt Chỉ thị 10-CT/TW của Ban Bí thư về nâng cao chất lượng sinh hoạt "
                 "chi bộ; mỗi đảng viên báo cáo kết quả thực hiện nhiệm vụ được giao tại kỳ sinh hoạt sau."},
    ],
    "minutes_approved": {"seq": 70, "votes_for": 15, "votes_against": 0, "votes_abstain": 0, "voters": 15,
                         "share_for": 100.0},
    "corrections": [
        {"seq": 72, "target_seq": 66, "target_type": "TaskAssigned", "kind": "corrected",
         "reason": "Ghi nhầm thời hạn hoàn thành", "recorded_at": "2021-04-07T09:40:00.000000Z", "actor": "thuky"},
    ],
    "as_of": None,
    "last_seq": 72,
}


def sample_minutes(**changes) -> dict:
    """Return a fresh deep copy of the sample minutes, with top-level keys replaced by `changes`."""
    return {**copy.deepcopy(MINUTES), **copy.deepcopy(changes)}
