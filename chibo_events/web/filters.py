"""Jinja filters and globals: dates, times and codes the Vietnamese way, in Vietnam time, from the one vocabulary."""

from flask import Flask

from .. import vocabulary
from ..documents import vietnamese
from .console_forms import FORMS


def init_app(app: Flask) -> None:
    app.add_template_filter(vietnamese.date_words, "vn_date")        # ngày 7 tháng 4 năm 2021
    app.add_template_filter(vietnamese.month_words, "vn_month")      # tháng 4/2021
    app.add_template_filter(vietnamese.share_words, "vn_percent")    # 94,1%
    app.add_template_filter(vietnamese.money_words, "vn_money")      # 50.000 đồng
    app.add_template_filter(vietnamese.time_words, "vn_time")        # 14 giờ 00
    app.add_template_filter(vietnamese.moment_words, "vn_moment")    # 14 giờ 00, ngày 7 tháng 4 năm 2021
    app.add_template_filter(vietnamese.event_type_words, "vn_event")
    app.add_template_filter(vietnamese.attendance_words, "vn_attendance")
    app.add_template_filter(vietnamese.task_status_words, "vn_task_status")
    app.add_template_filter(vietnamese.role_words, "vn_role")
    app.add_template_filter(vietnamese.member_kind_words, "vn_member_kind")
    app.add_template_filter(vietnamese.rating_words, "vn_rating")
    app.add_template_filter(vietnamese.kind_words, "vn_meeting_kind")
    app.add_template_filter(vietnamese.account_role_words, "vn_account_role")
    # Pickers take their choices from the vocabulary, the console its headings and buttons from FORMS.
    app.add_template_global(vocabulary, "words")
    app.add_template_global(FORMS, "console_forms")
    app.add_template_global(cell_name, "cell_name")


def cell_name(cell: str) -> str:
    """Return a cell's name for a page's links ("Chi bộ Trường Tiểu học Kỳ Thọ"), its id if it has none."""
    from .pages import describe_cell  # the pages import the filters' module: looked up when a page asks

    return describe_cell(cell)["name"] or cell
