"""The demo book th-ky-tho as append requests, from the seed article of 7 April 2021.

The cell, its four named members, the five guests and the guidance come from
the article (shared/seed); every other member is an invented name, and the
March meeting, the reports and the tasks are written in the article's spirit.
Each request carries a fixed event_id, so loading the book again is an
idempotent repeat. Pure data: no Flask, no SQLAlchemy.
"""

import uuid
from dataclasses import dataclass
from itertools import count

BOOK = "th-ky-tho"
CELL = {
    "name": "Chi bộ Trường Tiểu học Kỳ Thọ",
    "committee": "Đảng bộ xã Kỳ Thọ",
    "place": "Kỳ Thọ",
}
# The day the paper roster was copied into the book.
REGISTERED_AT = "2021-01-04T07:30:00+07:00"
ROSTER_AT = "2021-01-04T08:00:00+07:00"
# Fixed forever: a new namespace would give every demo event a new id and load the book twice.
NAMESPACE = uuid.UUID("d83e841d-f2a4-47b0-b1a6-8a632f8e517e")

LOCATION = "Phòng họp Trường Tiểu học Kỳ Thọ"
MARCH = "meeting:2021-03-05"
APRIL = "meeting:2021-04-07"
THEMATIC = "meeting:2021-04-21"  # the thematic meeting of the second quarter


@dataclass(frozen=True)
class Member:
    member_id: str
    full_name: str
    position: str
    joined_on: str
    kind: str = "official"
    how: str = "initial"


VAN, MINH, HOA = "nguyen-thi-hong-van", "le-quang-minh", "phan-thi-hoa"
LE, THO, THUONG = "duong-thi-le", "nguyen-huy-tho", "nguyen-thi-thuong"
KHOA, OANH, TUAN, LINH = "tran-dinh-khoa", "vo-thi-kim-oanh", "pham-van-tuan", "dinh-thi-my-linh"
HUYEN = "ho-thi-thanh-huyen"

MEMBERS = [
    # From the article.
    Member(VAN, "Nguyễn Thị Hồng Vân", "Hiệu trưởng", "2004-05-19"),
    Member(LE, "Dương Thị Lê", "Giáo viên", "2011-11-07"),
    Member(THO, "Nguyễn Huy Thọ", "Giáo viên", "2013-06-20"),
    Member(THUONG, "Nguyễn Thị Thương", "Giáo viên", "2017-12-22"),
    # Invented.
    Member(MINH, "Lê Quang Minh", "Phó Hiệu trưởng", "2006-09-02"),
    Member(HOA, "Phan Thị Hoa", "Giáo viên", "2008-03-12"),
    Member(HUYEN, "Hồ Thị Thanh Huyền", "Giáo viên", "2009-10-15"),
    Member(KHOA, "Trần Đình Khoa", "Tổng phụ trách Đội", "2015-03-26"),
    Member(OANH, "Võ Thị Kim Oanh", "Giáo viên", "2010-05-19"),
    Member("nguyen-van-duc", "Nguyễn Văn Đức", "Giáo viên Thể dục", "2012-02-03"),
    Member("le-thi-thu-ha", "Lê Thị Thu Hà", "Kế toán", "2014-08-19"),
    Member("bui-thi-ngoc-anh", "Bùi Thị Ngọc Ánh", "Giáo viên", "2016-01-06"),
    Member("dang-thi-phuong", "Đặng Thị Phương", "Giáo viên", "2018-09-02"),
    Member(TUAN, "Phạm Văn Tuấn", "Giáo viên Tin học", "2019-02-03"),
    Member("hoang-thi-lan", "Hoàng Thị Lan", "Nhân viên thư viện", "2019-11-07"),
    # Admitted in 2020, so still probationary in April 2021: they attend but do not vote.
    Member(LINH, "Đinh Thị Mỹ Linh", "Giáo viên Tiếng Anh", "2020-06-18", "probationary", "admitted"),
    Member("ngo-van-thanh", "Ngô Văn Thành", "Giáo viên Âm nhạc", "2020-11-26", "probationary", "admitted"),
]
ROLES = {VAN: "bi_thu", MINH: "pho_bi_thu", HOA: "chi_uy_vien"}
CLERK = HOA

# Name and title, as the article gives them; each title already names the unit.
GUESTS = [
    ("Dương Đình Hới", "Bí thư Đảng ủy, Chủ tịch HĐND xã Kỳ Thọ"),
    ("Cao Thị Hồng Lam", "Phó Bí thư Đảng ủy xã Kỳ Thọ"),
    ("Hồ Văn Hiển", "Chủ tịch UBND xã Kỳ Thọ"),
    ("Nguyễn Hữu Hùng", "Bí thư Chi bộ Công an, Trưởng Công an xã Kỳ Thọ"),
    ("Nguyễn Thị Minh Tú", "Bí thư Chi bộ Trường Mầm non xã Kỳ Thọ"),
]
COMMUNE_SECRETARY = GUESTS[0][0]


def event_id(stream: str, type: str, key: str) -> str:
    """Return the fixed id of a demo event, named by what it is rather than where it falls."""
    return str(uuid.uuid5(NAMESPACE, f"{BOOK}/{stream}/{type}/{key}"))


def at(day: str, clock: str) -> str:
    """Return a Vietnam-time instant, e.g. at('2021-04-07', '14:00')."""
    return f"{day}T{clock}:00+07:00"


def request(stream: str, type: str, data: dict, occurred_at: str, key: str) -> dict:
    """Return one append request with its fixed event_id."""
    return {
        "stream": stream, "type": type, "data": data,
        "occurred_at": occurred_at, "event_id": event_id(stream, type, key),
    }


class Meeting:
    """Builds the requests of one meeting stream, in the order they happen."""

    def __init__(self, stream: str):
        self.stream = stream
        self.day = stream.split(":", 1)[1]
        self.requests: list[dict] = []
        self._ordinals: dict[str, count] = {}

    def add(self, clock: str, type: str, data: dict, key: str | None = None) -> None:
        """Add an event at `clock` that day; without a key it is named by its rank among its type."""
        if key is None:
            key = str(next(self._ordinals.setdefault(type, count(1))))
        self.requests.append(request(self.stream, type, data, at(self.day, clock), key))

    def attendance(self, clock: str, absent: dict[str, str] | None = None) -> None:
        """Record every member: present, or absent with the reason given."""
        absent = absent or {}
        for member in MEMBERS:
            data = {"member_id": member.member_id, "status": "present"}
            if member.member_id in absent:
                data = {**data, "status": "absent_excused", "reason": absent[member.member_id]}
            self.add(clock, "AttendanceRecorded", data, key=member.member_id)

    def speech(self, clock: str, speaker: str, kind: str, summary: str, item: int | None = None,
               *, guest: bool = False, key: str | None = None) -> None:
        data = {"speaker": {"guest": speaker} if guest else {"member_id": speaker}, "kind": kind, "summary": summary}
        if item is not None:
            data["agenda_item"] = item
        self.add(clock, "SpeechGiven", data, key=key or f"{kind}/{speaker}")

    def report(self, clock: str, member_id: str, subject: str, summary: str, task: tuple | None = None) -> None:
        """Add a member's report; `task` is (task_id, outcome) when it answers a task."""
        data = {"member_id": member_id, "subject": subject, "summary": summary}
        if task:
            data.update(task_id=task[0], outcome=task[1])
        self.add(clock, "ReportPresented", data, key=member_id)

    def task(self, clock: str, task_id: str, assignees: list[str], description: str, due: str) -> None:
        self.add(clock, "TaskAssigned",
                 {"task_id": task_id, "assignees": assignees, "description": description, "due": due}, key=task_id)

    def task_reported(self, clock: str, task_id: str, status: str, note: str) -> None:
        self.add(clock, "TaskReported", {"task_id": task_id, "status": status, "note": note}, key=task_id)

    def votes(self, clock: str, type: str, voters: int, text: str | None = None) -> None:
        """Add a unanimous vote of the `voters` official members present."""
        data = {"text": text} if text else {}
        self.add(clock, type, {**data, "votes_for": voters, "votes_against": 0, "votes_abstain": 0})


def officials_present(absent=()) -> int:
    """Count the official members not in `absent`: those who may vote."""
    return sum(1 for m in MEMBERS if m.kind == "official" and m.member_id not in absent)


# -- the roster --------------------------------------------------------------

def roster() -> list[dict]:
    """The members as entered on 4 January 2021, and the cell committee's roles."""
    requests = [
        request("cell", "MemberJoined", {
            "member_id": m.member_id, "full_name": m.full_name, "kind": m.kind,
            "joined_on": m.joined_on, "how": m.how, "position": m.position,
        }, ROSTER_AT, m.member_id)
        for m in MEMBERS
    ]
    requests += [
        request("cell", "MemberRoleChanged", {"member_id": member_id, "role": role}, ROSTER_AT, member_id)
        for member_id, role in ROLES.items()
    ]
    return requests


# -- the March meeting: where the tasks reported on in April were given ---------

GVDG_TASK = "2021-03-thi-gvdg-cap-tinh"
PUPILS_TASK = "2021-03-boi-duong-hoc-sinh"
SELF_ASSESSMENT_TASK = "2021-03-ho-so-kiem-dinh"


def march_meeting() -> list[dict]:
    """A short regular meeting on 5 March 2021: everyone present, three tasks given."""
    m = Meeting(MARCH)
    m.add("14:00", "MeetingOpened", {
        "kind": "regular", "title": "Sinh hoạt chi bộ thường kỳ tháng 3 năm 2021",
        "location": LOCATION, "chair": VAN, "clerk": CLERK,
    })
    m.attendance("14:02")
    m.speech("14:03", VAN, "opening",
             "Tuyên bố lý do; chi bộ có 17 đảng viên, có mặt đủ 17 đồng chí. Giới thiệu chương trình buổi sinh "
             "hoạt và cử đồng chí Phan Thị Hoa làm thư ký.")
    m.add("14:05", "AgendaSet", {"items": [
        "Thông tin thời sự, chủ trương, chính sách mới",
        "Báo cáo lĩnh vực phụ trách và kết quả thực hiện nhiệm vụ tháng 2",
        "Giao nhiệm vụ tháng 3 năm 2021",
    ]})
    m.speech("14:10", MINH, "report",
             "Thông tin kết quả Đại hội đại biểu toàn quốc lần thứ XIII của Đảng; kế hoạch bầu cử đại biểu Quốc "
             "hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021 – 2026; tiếp tục thực hiện thông điệp 5K phòng, "
             "chống dịch COVID-19 trong nhà trường.", 1)
    m.speech("14:25", VAN, "report",
             "Thay mặt chi ủy đánh giá kết quả thực hiện nhiệm vụ tháng 2: nhà trường tổ chức cho học sinh đón Tết "
             "Nguyên đán Tân Sửu an toàn, thực hiện nghiêm các biện pháp phòng, chống dịch khi học sinh trở lại "
             "trường, duy trì nền nếp dạy học. Các đồng chí đảng viên lần lượt báo cáo lĩnh vực phụ trách.", 2)
    m.task("15:00", GVDG_TASK, [LE],
           "Chuẩn bị chu đáo bài dạy và các phần thi, tham dự Hội thi giáo viên dạy giỏi cấp tỉnh", "2021-03-31")
    m.task("15:02", PUPILS_TASK, [THO, THUONG],
           "Bồi dưỡng đội tuyển học sinh tham gia các cuộc thi, giao lưu cấp huyện và cấp tỉnh", "2021-03-31")
    m.task("15:04", SELF_ASSESSMENT_TASK, [HOA],
           "Hoàn thiện hồ sơ tự đánh giá kiểm định chất lượng giáo dục của nhà trường", "2021-04-30")
    m.votes("15:15", "ConclusionAdopted", officials_present(), text=(
        "Chi bộ thống nhất nhiệm vụ trọng tâm tháng 3: nâng cao chất lượng dạy học, chuẩn bị tốt cho Hội thi "
        "giáo viên dạy giỏi cấp tỉnh và các cuộc thi của học sinh; tổ chức các hoạt động chào mừng kỷ niệm "
        "90 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh (26/3/1931 – 26/3/2021)"
    ))
    m.votes("15:25", "MinutesApproved", officials_present())
    m.add("15:30", "MeetingClosed", {})
    return m.requests


# -- the April meeting of the article -----------------------------------------

AGENDA = [
    "Thông tin thời sự, chủ trương, chính sách mới",
    "Báo cáo lĩnh vực phụ trách và kết quả thực hiện nhiệm vụ tháng 3",
    "Ý kiến thảo luận; phát biểu định hướng của đồng chí Bí thư Đảng ủy xã",
    "Biểu dương, nhắc nhở đảng viên",
    "Giao nhiệm vụ tháng 4 năm 2021",
]
APRIL_ABSENT = {HUYEN: "dự tập huấn chuyên môn tại Phòng Giáo dục và Đào tạo huyện Kỳ Anh"}
# Both probationary members attend; only the officials present vote.
APRIL_VOTERS = officials_present(APRIL_ABSENT)

OPENING = (
    "Tuyên bố lý do, giới thiệu các đồng chí khách mời. Chi bộ có 17 đảng viên, có mặt 16 đồng chí, "
    "vắng 1 đồng chí có lý do. Thực hiện Hướng dẫn số 01-HD/BTC ngày 28/9/2020 của Ban Tổ chức Huyện ủy "
    "Kỳ Anh về phương pháp, cách thức sinh hoạt chi bộ, buổi sinh hoạt đánh giá lại những việc đã làm "
    "được, những tồn tại, hạn chế trong tháng 3 và thống nhất nhiệm vụ tháng 4."
)
CURRENT_AFFAIRS = (
    "Thông tin tình hình thời sự trong nước và địa phương: tiếp tục học tập, quán triệt Nghị quyết Đại hội "
    "đại biểu toàn quốc lần thứ XIII của Đảng; công tác chuẩn bị bầu cử đại biểu Quốc hội khóa XV và đại "
    "biểu HĐND các cấp nhiệm kỳ 2021 – 2026, ngày bầu cử 23/5/2021; tiếp tục thực hiện nghiêm thông điệp 5K "
    "phòng, chống dịch COVID-19 trong nhà trường."
)
DIRECTION = (
    "Đánh giá cao chất lượng buổi sinh hoạt: các đồng chí đảng viên chuẩn bị nội dung đầy đủ, ghi chép cẩn "
    "thận. Đề nghị chi bộ định kỳ hằng tháng tổ chức sinh hoạt, cập nhật tình hình thời sự, chủ trương, "
    "chính sách mới; đánh giá kết quả thực hiện nhiệm vụ dạy học và các công tác giáo dục trong tháng; nêu "
    "rõ việc làm được, chưa làm được và nguyên nhân, giải pháp tháo gỡ; những việc cần làm trong tháng tới. "
    "Chi ủy giao việc cụ thể cho đảng viên và kiểm tra, đôn đốc thường xuyên; đến kỳ họp sau, đảng viên có "
    "trách nhiệm báo cáo kết quả thực hiện trước chi bộ. Chi bộ biểu dương đảng viên hoàn thành tốt nhiệm vụ, "
    "nhắc nhở, phê bình những đảng viên không làm tốt công việc được giao. Ghi nhận các đồng chí Dương Thị "
    "Lê, Nguyễn Huy Thọ, Nguyễn Thị Thương đã hoàn thành xuất sắc nhiệm vụ; các đồng chí đảng viên nhiệt "
    "tình, tiên phong trong mọi nhiệm vụ và công việc được giao."
)
CONCLUSION = (
    "Chi bộ thống nhất đánh giá các đồng chí đảng viên đã hoàn thành nhiệm vụ tháng 3; biểu dương các đồng "
    "chí Dương Thị Lê, Nguyễn Huy Thọ, Nguyễn Thị Thương. Tiếp thu ý kiến chỉ đạo của đồng chí Bí thư Đảng "
    "ủy xã, tiếp tục quán triệt sâu sắc Chỉ thị 10-CT/TW của Ban Bí thư về nâng cao chất lượng sinh hoạt chi "
    "bộ, xác định đổi mới, nâng cao chất lượng sinh hoạt chi bộ là một nhiệm vụ trọng tâm trong công tác xây "
    "dựng Đảng. Mỗi đồng chí đảng viên thực hiện tốt nhiệm vụ được giao trong tháng 4 và báo cáo kết quả tại "
    "kỳ sinh hoạt tháng 5; xây dựng chi bộ trong sạch, vững mạnh, góp phần thực hiện thắng lợi Nghị quyết "
    "Đảng bộ xã nhiệm kỳ 2020 – 2025"
)


def april_meeting() -> list[dict]:
    """The meeting of the afternoon of 7 April 2021, from opening at 14:00 to closing at 16:30."""
    m = Meeting(APRIL)
    m.add("14:00", "MeetingOpened", {
        "kind": "regular", "title": "Sinh hoạt chi bộ thường kỳ tháng 4 năm 2021",
        "location": LOCATION, "chair": VAN, "clerk": CLERK,
    })
    m.attendance("14:02", absent=APRIL_ABSENT)
    for name, title in GUESTS:
        m.add("14:04", "GuestAttended", {"name": name, "title": title}, key=name)
    m.speech("14:05", VAN, "opening", OPENING)
    m.add("14:10", "AgendaSet", {"items": AGENDA})

    # 1. Current affairs.
    m.speech("14:12", MINH, "report", CURRENT_AFFAIRS, 1)

    # 2. The cell committee's review of March, then each member on their area and their March task.
    m.speech("14:20", VAN, "report",
             "Thay mặt chi ủy đánh giá kết quả lãnh đạo thực hiện nhiệm vụ tháng 3: chi bộ duy trì nền nếp sinh "
             "hoạt; nhà trường thực hiện đúng kế hoạch dạy học, các hoạt động chào mừng ngày 8/3 và ngày 26/3 "
             "được tổ chức thiết thực. Đề nghị các đồng chí đảng viên báo cáo lĩnh vực phụ trách và kết quả "
             "thực hiện nhiệm vụ được giao tại kỳ sinh hoạt tháng 3.", 2)
    m.report("14:25", MINH, "công tác chuyên môn tháng 3",
             "Các tổ chuyên môn thực hiện đúng chương trình, kế hoạch dạy học; hoàn thành kiểm tra giữa học kỳ II; "
             "tổ chức sinh hoạt chuyên môn theo nghiên cứu bài học ở cả hai tổ. Tồn tại: một số học sinh lớp 1 "
             "đọc, viết còn chậm, cần tiếp tục phụ đạo.")
    m.report("14:35", LE, "kết quả tham dự Hội thi giáo viên dạy giỏi cấp tỉnh",
             "Chuẩn bị kỹ bài dạy với sự góp ý của tổ chuyên môn và Ban giám hiệu; hoàn thành các phần thi "
             "tại Hội thi giáo viên dạy giỏi cấp tỉnh, đạt kết quả tốt.", (GVDG_TASK, "done"))
    m.task_reported("14:38", GVDG_TASK, "done", "Đã dự thi giáo viên dạy giỏi cấp tỉnh, đạt kết quả tốt")
    m.report("14:40", THO, "công tác bồi dưỡng học sinh môn Toán",
             "Bồi dưỡng đội tuyển học sinh theo kế hoạch, ngoài giờ chính khóa; học sinh tham gia các cuộc thi, "
             "giao lưu cấp huyện và cấp tỉnh đạt giải cao.", (PUPILS_TASK, "done"))
    m.report("14:45", THUONG, "công tác bồi dưỡng học sinh môn Tiếng Việt",
             "Phối hợp với đồng chí Nguyễn Huy Thọ và phụ huynh học sinh bồi dưỡng đội tuyển; các em tham gia "
             "các cuộc thi các cấp đạt giải cao.", (PUPILS_TASK, "done"))
    m.task_reported("14:48", PUPILS_TASK, "done", "Học sinh tham gia các cuộc thi các cấp đạt giải cao")
    m.report("14:50", HOA, "hồ sơ tự đánh giá kiểm định chất lượng giáo dục",
             "Đã thu thập, sắp xếp minh chứng cho phần lớn các tiêu chí; còn thiếu một số minh chứng về cơ sở "
             "vật chất, đang phối hợp với bộ phận kế toán bổ sung.", (SELF_ASSESSMENT_TASK, "in_progress"))
    m.task_reported("14:53", SELF_ASSESSMENT_TASK, "in_progress",
                    "Tiếp tục hoàn thiện trong tháng 4, đúng thời hạn ngày 30/4/2021")
    m.report("14:55", KHOA, "công tác Đội và phong trào thi đua",
             "Tổ chức cho học sinh các hoạt động chào mừng kỷ niệm 90 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh; "
             "duy trì nền nếp sinh hoạt Sao Nhi đồng, chi đội và phong trào kế hoạch nhỏ.")

    # 3. Discussion and the commune secretary's guidance.
    m.speech("15:05", OANH, "opinion",
             "Đề nghị nhà trường tiếp tục quan tâm phụ đạo học sinh đọc, viết còn chậm ở lớp 1, phân công giáo "
             "viên kèm cặp cụ thể và báo cáo tiến bộ của học sinh hằng tháng.", 3)
    m.speech("15:10", TUAN, "opinion",
             "Đề xuất tiếp tục bồi dưỡng kỹ năng ứng dụng công nghệ thông tin cho giáo viên, chuẩn bị sẵn phương "
             "án dạy học trực tuyến khi dịch bệnh diễn biến phức tạp.", 3)
    m.speech("15:15", LINH, "opinion",
             "Là đảng viên dự bị, xin hứa tiếp tục học tập, rèn luyện, phấn đấu hoàn thành tốt nhiệm vụ được giao.", 3)
    m.speech("15:20", COMMUNE_SECRETARY, "direction", DIRECTION, 3, guest=True)

    # 4. Commendations.
    m.add("15:45", "MemberCommended", {
        "member_id": LE, "reason": "Dự thi giáo viên dạy giỏi cấp tỉnh đạt kết quả tốt.",
    }, key=LE)
    for member_id in (THO, THUONG):
        m.add("15:46", "MemberCommended", {
            "member_id": member_id, "reason": "Bồi dưỡng học sinh tham gia các cuộc thi các cấp đạt giải cao.",
        }, key=member_id)

    # 5. Tasks for April.
    m.task("15:50", "2021-04-on-tap-cuoi-nam", [MINH],
           "Chỉ đạo các tổ chuyên môn ôn tập, tổ chức kiểm tra định kỳ cuối học kỳ II và đánh giá học sinh cuối "
           "năm học đúng quy định", "2021-05-21")
    m.task("15:53", "2021-04-chuyen-de-gvdg", [LE],
           "Chia sẻ kinh nghiệm dự thi giáo viên dạy giỏi cấp tỉnh trong buổi sinh hoạt chuyên môn của trường",
           "2021-04-30")
    m.task("15:56", "2021-04-tuyen-truyen-bau-cu", [KHOA, TUAN],
           "Tuyên truyền đến học sinh và phụ huynh về cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các "
           "cấp nhiệm kỳ 2021 – 2026", "2021-05-20")

    # Conclusion, approval of the minutes, closing.
    m.votes("16:05", "ConclusionAdopted", APRIL_VOTERS, text=CONCLUSION)
    m.votes("16:20", "MinutesApproved", APRIL_VOTERS)
    m.speech("16:28", VAN, "closing",
             "Cảm ơn các đồng chí khách mời đã dự và định hướng cho chi bộ; đề nghị các đồng chí đảng viên thực "
             "hiện tốt nhiệm vụ được giao. Tuyên bố bế mạc buổi sinh hoạt.")
    m.add("16:30", "MeetingClosed", {})
    return m.requests


def thematic_meeting() -> list[dict]:
    """The second quarter's thematic meeting, on 21 April 2021: everyone present, a conclusion adopted."""
    m = Meeting(THEMATIC)
    m.add("14:00", "MeetingOpened", {
        "kind": "thematic", "location": LOCATION, "chair": VAN, "clerk": CLERK,
        "title": "Sinh hoạt chuyên đề quý II năm 2021: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
                 "Minh về ý thức trách nhiệm, nêu gương của đảng viên",
    })
    m.attendance("14:02")
    m.speech("14:05", VAN, "opening", "Tuyên bố lý do, giới thiệu chuyên đề; chi bộ có 17 đảng viên, có mặt đủ "
             "17 đồng chí.")
    m.speech("14:10", MINH, "report",
             "Trình bày chuyên đề: nội dung tư tưởng Hồ Chí Minh về nêu gương; liên hệ với trách nhiệm của nhà "
             "giáo là đảng viên trong dạy học, ứng xử với học sinh và phụ huynh.")
    m.speech("14:50", OANH, "opinion", "Mỗi đảng viên đăng ký một việc làm cụ thể để học tập và làm theo Bác, "
             "được chi ủy kiểm tra hằng quý.")
    m.speech("15:05", KHOA, "opinion", "Gắn chuyên đề với hoạt động Đội: kể chuyện về Bác dưới cờ mỗi tuần.")
    m.votes("15:20", "ConclusionAdopted", officials_present(), text=(
        "Chi bộ thống nhất: mỗi đảng viên đăng ký ít nhất một việc làm cụ thể làm theo tư tưởng, đạo đức, phong "
        "cách Hồ Chí Minh trong năm học, chi ủy theo dõi và đánh giá vào cuối quý"
    ))
    m.votes("15:30", "MinutesApproved", officials_present())
    m.speech("15:35", VAN, "closing", "Cảm ơn các đồng chí; tuyên bố bế mạc buổi sinh hoạt chuyên đề.")
    m.add("15:40", "MeetingClosed", {})
    return m.requests


def away() -> list[dict]:
    """From 26 April Phạm Văn Tuấn sinh hoạt tạm thời with the cell of the secondary school he teaches at too."""
    return [request("cell", "MemberTemporarilyAway", {
        "member_id": TUAN, "place": "Chi bộ Trường THCS Kỳ Thọ", "until": "2021-07-31",
    }, at("2021-04-26", "08:00"), TUAN)]


DUES_MONTHS = ("2021-01", "2021-02", "2021-03", "2021-04")


def dues() -> list[dict]:
    """Each member's đảng phí of January to April 2021, collected by the chi bộ on the 5th of each month."""
    paid = []
    for month in DUES_MONTHS:
        for n, member in enumerate(MEMBERS):
            amount = 45000 + 5000 * (n % 7)  # invented: 1 % of a salary, 45,000 to 75,000 đồng
            paid.append(request("cell", "DuesPaid", {"member_id": member.member_id, "month": month,
                                                     "amount": amount},
                                at(f"{month}-05", "16:00"), f"{member.member_id}/{month}"))
    return paid


def requests() -> list[dict]:
    """Every request of the demo book after CellRegistered, in the order they are appended."""
    return roster() + march_meeting() + april_meeting() + dues() + thematic_meeting() + away()
