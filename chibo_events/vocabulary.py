"""The domain's one vocabulary: stream names, amendment types, and every enumeration with its Vietnamese words.

Defined once, here, and read by the catalogue (which codes an event may
carry), the rules, the projections, the answers, the documents, the forms
and the templates (which words a person reads). Standard library only, so
every layer may import it. A code's words are written once; a form shows
them capitalised (`Terms.choices`), a sentence uses them as they are
(`Terms.word`), a title in capitals. An unknown code reads as itself, so a
newer event never breaks an older reader.
"""

from collections.abc import Iterator
from dataclasses import dataclass

# -- streams --------------------------------------------------------------------

CELL_STREAM = "cell"  # the roster: members, roles, ratings, tasks followed up between meetings
MEETING_PREFIX = "meeting:"  # one stream per meeting: meeting:<meeting_id>


def meeting_stream(meeting_id: str) -> str:
    """Return the stream of a meeting: meeting:<meeting_id>."""
    return MEETING_PREFIX + meeting_id


def meeting_id_of(stream: str) -> str | None:
    """Return the meeting id of a `meeting:<id>` stream, else None."""
    return stream[len(MEETING_PREFIX):] if stream.startswith(MEETING_PREFIX) else None


# -- event types that amend another -----------------------------------------------

AMENDMENTS = frozenset({"EventCorrected", "EventRetracted"})


# -- enumerations -----------------------------------------------------------------------

def capitalised(text: str) -> str:
    """Return text with its first letter in capitals, the rest untouched."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Terms:
    """One enumeration: its codes in the order people see them, each with its Vietnamese words."""

    words: dict[str, str]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.words)

    def word(self, code: str | None) -> str:
        """Return the words of a code as a sentence uses them; an unknown code as itself, None as ""."""
        if code is None:
            return ""
        return self.words.get(code, code)

    def choices(self, only: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
        """Return (code, Words) for a picker, capitalised, in order (only some codes, if given)."""
        return [(code, capitalised(words)) for code, words in self.words.items() if only is None or code in only]

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __contains__(self, code: object) -> bool:
        return code in self.words


MEETING_KINDS = Terms({"regular": "thường kỳ", "thematic": "chuyên đề", "extraordinary": "bất thường"})

ATTENDANCE = Terms({
    "present": "có mặt",
    "late": "đến muộn",
    "left_early": "về sớm",
    "absent_excused": "vắng có lý do",
    "absent_unexcused": "vắng không lý do",
})
ATTENDING = frozenset({"present", "late", "left_early"})  # counted as present at the meeting
# What the minutes and pages say of members with no attendance of their own.
NOT_RECORDED, EXEMPT = "not_recorded", "exempt"
ATTENDANCE_SHOWN = Terms({**ATTENDANCE.words, NOT_RECORDED: "chưa điểm danh", EXEMPT: "miễn sinh hoạt"})

SPEECH_KINDS = Terms({
    "opinion": "ý kiến",
    "report": "báo cáo",
    "direction": "phát biểu chỉ đạo, định hướng",
    "self_criticism": "tự phê bình",
    "opening": "khai mạc",
    "conclusion": "kết luận",
    "closing": "bế mạc",
})
# The same kinds as what the speaker did, in a sentence: "Đồng chí X phát biểu ý kiến: …".
SPEECH_VERBS = Terms({**SPEECH_KINDS.words, "opinion": "phát biểu ý kiến"})

REPORT_OUTCOMES = Terms({"done": "đã hoàn thành", "in_progress": "đang thực hiện", "not_done": "chưa hoàn thành"})
TASK_REPORTS = Terms({**REPORT_OUTCOMES.words, "cancelled": "hủy"})
ASSIGNED = "assigned"  # a task not reported on yet
TASK_STATUSES = Terms({ASSIGNED: "mới giao, chưa báo cáo", **TASK_REPORTS.words})
TASK_CLOSED = frozenset({"done", "cancelled"})
TASK_FILTERS = ("open", "done", "all")

CRITICISM_LEVELS = Terms({"reminder": "nhắc nhở", "criticism": "phê bình"})

ROLES = Terms({"bi_thu": "Bí thư", "pho_bi_thu": "Phó Bí thư", "chi_uy_vien": "Chi ủy viên", "dang_vien": "Đảng viên"})
LEADERS = frozenset({"bi_thu", "pho_bi_thu", "chi_uy_vien"})  # the chi ủy
MEMBER_KINDS = Terms({"official": "chính thức", "probationary": "dự bị", "temporary": "sinh hoạt tạm thời"})
PROMOTED_KINDS = ("official",)  # what MemberKindChanged may make a member
JOINED_HOW = Terms({"initial": "có tên từ khi lập sổ", "admitted": "kết nạp", "transferred_in": "chuyển đến",
                    "temporary_in": "đến sinh hoạt tạm thời"})
LEFT_HOW = Terms({"transferred_out": "chuyển đi", "deceased": "từ trần", "removed": "xóa tên",
                  "expelled": "khai trừ"})
DECIDED_LEAVING = ("removed", "expelled")  # a MemberLeft that the chi bộ votes on
CLOSED_HOW = Terms({"mistake": "mở nhầm", "merged": "sáp nhập", "dissolved": "giải thể"})
SIGNING_ROLES = Terms({"chair": "chủ trì", "clerk": "thư ký"})
RATINGS = Terms({
    "excellent": "Hoàn thành xuất sắc nhiệm vụ",
    "good": "Hoàn thành tốt nhiệm vụ",
    "completed": "Hoàn thành nhiệm vụ",
    "not_completed": "Không hoàn thành nhiệm vụ",
})

VOTES = Terms({"votes_for": "tán thành", "votes_against": "không tán thành", "votes_abstain": "ý kiến khác"})
# The fields of events as the audit trail names them beside a correction's before and after.
FIELDS = Terms({
    **VOTES.words, "member_id": "đồng chí", "reason": "lý do", "summary": "tóm tắt", "kind": "hình thức",
    "text": "nội dung", "speaker": "người phát biểu", "subject": "lĩnh vực", "description": "nội dung nhiệm vụ",
    "due": "thời hạn", "assignees": "người thực hiện", "status": "kết quả", "note": "ghi chú", "title": "tiêu đề",
    "location": "địa điểm", "chair": "chủ trì", "clerk": "thư ký", "items": "chương trình", "name": "họ và tên",
    "organization": "đơn vị", "level": "mức", "agenda_item": "mục chương trình", "task_id": "nhiệm vụ",
    "outcome": "kết quả nhiệm vụ", "month": "tháng", "amount": "số tiền", "role": "vai trò",
})
VOTE_FIELDS = VOTES.codes

# What the quality of a meeting is checked for (Hướng dẫn 12-HD/BTCTW), as the minutes page names it.
QUALITY_FLAGS = Terms({
    "attendance_at_most_85": "tỷ lệ đảng viên dự họp không quá 85%",
    "unexcused_absence": "có đảng viên vắng không lý do",
    "officials_present_at_most_half": "đảng viên chính thức có mặt không quá nửa số được triệu tập",
    "vote_failed": "có biểu quyết không được thông qua",
    "closed_without_approval": "bế mạc khi biên bản chưa được thông qua",
    "chair_absent": "người chủ trì vắng mặt",
    "clerk_absent": "thư ký vắng mặt",
    "chair_not_leader": "người chủ trì không phải bí thư, phó bí thư hay chi ủy viên",
})

ACCOUNT_ROLES = Terms({"admin": "Quản trị viên", "clerk": "Thư ký", "inspector": "Kiểm tra", "member": "Đảng viên"})

# What each event records, for the audit trail and the correction notes.
EVENT_TYPES = Terms({
    "CellRegistered": "mở sổ chi bộ",
    "MemberJoined": "đảng viên vào chi bộ",
    "MemberRoleChanged": "thay đổi chức vụ",
    "MemberKindChanged": "chuyển đảng viên chính thức",
    "MemberExempted": "miễn sinh hoạt",
    "MemberExemptionEnded": "thôi miễn sinh hoạt",
    "MemberLeft": "đảng viên ra khỏi chi bộ",
    "MemberRated": "xếp loại đảng viên",
    "MemberTemporarilyAway": "đi sinh hoạt tạm thời nơi khác",
    "MemberReturned": "trở lại sinh hoạt tại chi bộ",
    "MemberSuspended": "đình chỉ sinh hoạt",
    "MemberSuspensionEnded": "hết đình chỉ sinh hoạt",
    "CellClosed": "đóng sổ chi bộ",
    "MeetingOpened": "khai mạc",
    "AgendaSet": "chương trình",
    "AttendanceRecorded": "điểm danh",
    "GuestAttended": "khách mời",
    "SpeechGiven": "phát biểu",
    "ReportPresented": "báo cáo",
    "TaskAssigned": "giao nhiệm vụ",
    "TaskReported": "báo cáo kết quả nhiệm vụ",
    "MemberCommended": "biểu dương",
    "MemberCriticized": "nhắc nhở, phê bình",
    "ConclusionAdopted": "kết luận",
    "MinutesApproved": "thông qua biên bản",
    "MeetingClosed": "bế mạc",
    "MeetingVoided": "hủy cuộc họp mở nhầm",
    "MinutesSigned": "ký biên bản",
    "DuesPaid": "nộp đảng phí",
    "EventCorrected": "đính chính",
    "EventRetracted": "rút bỏ bản ghi",
})
