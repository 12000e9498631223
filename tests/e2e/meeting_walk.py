"""A whole meeting recorded through the console as a clerk does it on a phone, with the effort counted.

`walk_meeting` opens a meeting from the cell page and records the 18 entries of an ordinary monthly meeting
(the opening, attendance, a guest, the agenda, speeches and reports under their items, two tasks, a
commendation, a reminder, the conclusion, the approval, the closing) through the forms, counting what the
clerk does with a finger:

- a tap: every touch of the screen: a panel's heading, a field to type into, a picker, a checkbox, a button;
- a picker: a native select opened to choose something (one of the taps);
- scrolling: how far the clerk moves the page to reach the next field or button, in screens (viewport heights).

A field already holding what the clerk wants costs nothing: that is what defaults are for. Typing itself is not
counted (it is the same on any console). The walk works on any version of the console that keeps the forms'
ids and names, so `bench/console_effort.py` can run it against an older one, side by side.
"""

import os
from dataclasses import dataclass, field

from playwright.sync_api import expect

CHAIR, CLERK, ABSENT = "nguyen-thi-hong-van", "phan-thi-hoa", "le-thi-thu-ha"
REPORTER, SPEAKERS, PRAISED = "nguyen-huy-tho", ("duong-thi-le", "nguyen-thi-thuong"), "duong-thi-le"
GUEST = "Dương Đình Hới"
AGENDA = "Kiểm điểm công tác tháng trước\nPhương hướng nhiệm vụ tháng tới\nÝ kiến của cấp trên"
STORED_WAIT = 15000  # ms
FINGER_MARGIN = 16  # px left below (or above) what the clerk scrolled to
SHOTS = os.environ.get("CHIBO_WALK_SHOTS")


@dataclass
class Effort:
    """What the clerk did with a finger, entry by entry."""

    viewport_height: int
    taps: int = 0
    pickers: int = 0
    scrolled: float = 0.0  # px
    entries: list[tuple[str, int, int, float]] = field(default_factory=list)  # (entry, taps, pickers, px)

    @property
    def screens(self) -> float:
        return self.scrolled / self.viewport_height

    def report(self) -> str:
        lines = [f"{'mục':<28}{'chạm':>6}{'chọn':>6}{'cuộn (màn hình)':>18}"]
        for name, taps, pickers, px in self.entries:
            lines.append(f"{name:<28}{taps:>6}{pickers:>6}{px / self.viewport_height:>18.2f}")
        lines.append(f"{'tổng (' + str(len(self.entries)) + ' mục)':<28}{self.taps:>6}{self.pickers:>6}"
                     f"{self.screens:>18.2f}")
        return "\n".join(lines)


class Clerk:
    """A clerk's finger on the page: every action reaches its element first, and is counted."""

    def __init__(self, page):
        self.page = page
        self.effort = Effort(page.viewport_size["height"])
        self._mark = (0, 0, 0.0)

    # -- counting -------------------------------------------------------------

    def _reach(self, locator) -> None:
        """Scroll as a finger does, just far enough to see the element whole, counting how far the page moved.

        Playwright's own scrolling centres the element, which is further than anyone pushes a page."""
        locator.wait_for(state="visible")
        before = self.page.evaluate("window.scrollY")
        locator.evaluate("""(element, margin) => {
            const box = element.getBoundingClientRect(), screen = window.innerHeight;
            if (box.bottom > screen) window.scrollBy(0, Math.min(box.bottom - screen + margin, box.top - margin));
            else if (box.top < 0) window.scrollBy(0, box.top - margin);
        }""", FINGER_MARGIN)
        self.effort.scrolled += abs(self.page.evaluate("window.scrollY") - before)

    def _tap(self, locator) -> None:
        self._reach(locator)
        self.effort.taps += 1

    def entry_done(self, name: str) -> None:
        if SHOTS:  # to look at what the clerk sees after each entry: CHIBO_WALK_SHOTS=/some/folder
            self.page.screenshot(path=f"{SHOTS}/walk-{len(self.effort.entries) + 1:02d}.png")
        taps, pickers, scrolled = self._mark
        self.effort.entries.append((name, self.effort.taps - taps, self.effort.pickers - pickers,
                                    self.effort.scrolled - scrolled))
        self._mark = (self.effort.taps, self.effort.pickers, self.effort.scrolled)

    # -- actions ----------------------------------------------------------------

    def open_panel(self, form: str) -> None:
        details = self.page.locator(f"#muc-{form}")
        if details.get_attribute("open") is None:
            summary = details.locator("summary")
            self._tap(summary)
            summary.click()

    def type(self, selector: str, text: str, only_if_empty: bool = False) -> None:
        box = self.page.locator(selector)
        if box.input_value() == text or (only_if_empty and box.input_value()):
            return
        self._tap(box)
        box.fill(text)

    def choose(self, selector: str, value: str) -> None:
        picker = self.page.locator(selector)
        if picker.input_value() == value:
            return
        self._tap(picker)
        self.effort.pickers += 1
        picker.select_option(value)

    def tick(self, selector: str) -> None:
        box = self.page.locator(selector)
        if not box.is_checked():
            self._tap(box)
            box.check()

    def press(self, selector: str) -> None:
        button = self.page.locator(selector)
        self._tap(button)
        button.click()

    def save(self, form: str) -> None:
        """Tap the form's button and wait until the page says it was stored (a new "Đã ghi" in the form)."""
        notice = self.page.locator(f"#form-{form} .notice")
        before = notice.first.text_content() if notice.count() else ""
        self.press(f"#form-{form} button[type=submit]:not([name])")
        expect(notice).to_contain_text("Đã ghi", timeout=STORED_WAIT)
        if before:
            expect(notice).not_to_have_text(before, timeout=STORED_WAIT)


def _entry(clerk: Clerk, form: str, name: str, steps) -> None:
    clerk.open_panel(form)
    steps(f"#form-{form}")
    clerk.save(form)
    clerk.entry_done(name)


def walk_meeting(page, cell: str, meeting_id: str) -> Effort:
    """Record the 18 entries of a meeting of `cell` as its clerk (signed in on `page`); return the effort."""
    clerk = Clerk(page)
    page.goto(f"/cells/{cell}")
    details = page.locator("#mo-cuoc-hop")
    if details.get_attribute("open") is None:
        clerk._tap(details.locator("summary"))
        details.locator("summary").click()
    clerk.type("#open-meeting_id", meeting_id)
    clerk.type("#open-title", f"Sinh hoạt chi bộ thường kỳ {meeting_id}", only_if_empty=True)
    clerk.type("#open-location", "Phòng họp Trường Tiểu học Kỳ Thọ")
    clerk.choose("#open-chair", CHAIR)
    clerk.choose("#open-clerk", CLERK)
    with page.expect_navigation():
        clerk.press("#mo-cuoc-hop button[type=submit]")
    clerk.entry_done("Khai mạc (mở buổi họp)")

    def attendance(f):
        clerk.choose(f"{f} select[name='status-{ABSENT}']", "absent_excused")
        clerk.type(f"{f} input[name='reason-{ABSENT}']", "Đi công tác")
        for select in page.locator(f"{f} select[name^='status-']").all():  # everyone else came
            name = select.get_attribute("name")
            if name != f"status-{ABSENT}":
                clerk.choose(f"{f} select[name='{name}']", "present")
    _entry(clerk, "attendance", "Điểm danh", attendance)

    def guest(f):
        clerk.type(f"{f} input[name=name]", GUEST)
        clerk.type(f"{f} input[name=title]", "Bí thư Đảng ủy xã")
        clerk.type(f"{f} input[name=organization]", "Đảng ủy xã Kỳ Thọ")
    _entry(clerk, "guest", "Khách mời", guest)

    _entry(clerk, "agenda", "Chương trình", lambda f: clerk.type(f"{f} textarea[name=items]", AGENDA))

    def speech(speaker: str, kind: str, summary: str, item: str):
        def steps(f):
            clerk.choose(f"{f} select[name=speaker]", speaker)
            clerk.choose(f"{f} select[name=kind]", kind)
            clerk.choose(f"{f} select[name=agenda_item]", item)
            clerk.type(f"{f} textarea[name=summary]", summary)
        return steps

    def report(member_id: str, subject: str, summary: str, item: str):
        def steps(f):
            clerk.choose(f"{f} select[name=member_id]", member_id)
            clerk.type(f"{f} input[name=subject]", subject)
            clerk.type(f"{f} textarea[name=summary]", summary)
            if page.locator(f"{f} select[name=agenda_item]").count():  # consoles before v1.1 had no item here
                clerk.choose(f"{f} select[name=agenda_item]", item)
        return steps

    _entry(clerk, "speech", "Phát biểu khai mạc", speech(f"m:{CHAIR}", "opening", "Khai mạc buổi sinh hoạt.", ""))
    _entry(clerk, "report", "Báo cáo (mục 1)", report(CHAIR, "công tác tháng trước", "Hoàn thành kế hoạch.", "1"))
    _entry(clerk, "speech", "Ý kiến (mục 1)", speech(f"m:{SPEAKERS[0]}", "opinion", "Nhất trí với báo cáo.", "1"))
    _entry(clerk, "speech", "Ý kiến (mục 1)", speech(f"m:{SPEAKERS[1]}", "opinion", "Bổ sung về thư viện.", "1"))
    _entry(clerk, "report", "Báo cáo (mục 2)", report(REPORTER, "phương hướng tháng tới", "Ôn thi học kỳ.", "2"))
    _entry(clerk, "speech", "Ý kiến (mục 2)", speech(f"m:{SPEAKERS[0]}", "opinion", "Tăng giờ phụ đạo.", "2"))
    _entry(clerk, "speech", "Ý kiến cấp trên (mục 3)",
           speech(f"g:{GUEST}", "direction", "Chú trọng chất lượng sinh hoạt.", "3"))

    def task(description: str, assignees):
        def steps(f):
            clerk.type(f"{f} textarea[name=description]", description)
            for member_id in assignees:
                clerk.tick(f"{f} input[name=assignees][value='{member_id}']")
            clerk.type(f"{f} input[name=due]", "2030-05-05")
            task_id = page.locator(f"{f} input[name=task_id]:not([type=hidden])")
            if task_id.count():  # an older console asked the clerk to name the task
                clerk.type(f"{f} input[name=task_id]", f"nv-{meeting_id}-{len(clerk.effort.entries)}", True)
        return steps

    _entry(clerk, "task", "Giao nhiệm vụ", task("Hoàn thành hồ sơ kiểm định.", SPEAKERS))
    _entry(clerk, "task", "Giao nhiệm vụ", task("Tổ chức ôn thi học kỳ.", (REPORTER,)))

    def commend(f):
        clerk.choose(f"{f} select[name=member_id]", PRAISED)
        clerk.type(f"{f} textarea[name=reason]", "Có nhiều sáng kiến trong giảng dạy.")
    _entry(clerk, "commend", "Biểu dương", commend)

    def criticize(f):
        clerk.choose(f"{f} select[name=member_id]", REPORTER)
        clerk.choose(f"{f} select[name=level]", "reminder")
        clerk.type(f"{f} textarea[name=reason]", "Nộp báo cáo chậm.")
    _entry(clerk, "criticize", "Nhắc nhở", criticize)

    def votes(f, text=None):
        if text:
            clerk.type(f"{f} textarea[name=text]", text)
        for name, value in (("votes_for", "14"), ("votes_against", "0"), ("votes_abstain", "0")):
            clerk.type(f"{f} input[name={name}]", value)
    _entry(clerk, "conclusion", "Kết luận, biểu quyết", lambda f: votes(f, "Chi bộ thống nhất nhiệm vụ tháng tới."))
    _entry(clerk, "approval", "Thông qua biên bản", votes)

    clerk.open_panel("close")
    clerk.tick("#form-close input[name=confirm]")
    with page.expect_navigation():  # the console changes once closed: the page reloads itself
        clerk.press("#form-close button[type=submit]")
    clerk.entry_done("Bế mạc")
    return clerk.effort
