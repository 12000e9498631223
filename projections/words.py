"""Vietnamese words for the values of the catalogue, as minutes and pages print them."""

from datetime import date

ATTENDANCE_WORDS = {
    "present": "có mặt", "late": "đến muộn", "left_early": "về sớm",
    "absent_excused": "vắng có lý do", "absent_unexcused": "vắng không lý do",
}
SPEECH_WORDS = {
    "opening": "khai mạc", "report": "báo cáo", "opinion": "phát biểu ý kiến",
    "direction": "phát biểu chỉ đạo, định hướng", "self_criticism": "tự phê bình",
    "conclusion": "kết luận", "closing": "bế mạc",
}
TASK_STATUS_WORDS = {
    "assigned": "đã giao", "done": "đã hoàn thành", "in_progress": "đang thực hiện",
    "not_done": "chưa hoàn thành", "cancelled": "hủy",
}
LEVEL_WORDS = {"reminder": "Nhắc nhở", "criticism": "Phê bình"}


def date_words(day: date | str) -> str:
    """Return 'ngày 7 tháng 4 năm 2021'."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return f"ngày {day.day} tháng {day.month} năm {day.year}"
