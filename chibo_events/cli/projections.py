"""Commands for the read side: rebuild the stored read models, print the minutes of a date."""

import json
import sys
from datetime import date

import click

from projections import PROJECTIONS

from .. import answers
from ..errors import ChiboError
from ..timestamps import parse_bound, utc_text
from .group import chibo, store


@chibo.command("rebuild")
@click.option("--projection", "names", multiple=True, type=click.Choice(sorted(PROJECTIONS)),
              help="Chỉ dựng lại mô hình này (lặp lại được); mặc định: tất cả.")
def rebuild(names: tuple[str, ...]):
    """Rebuild read models from the books, with a progress bar."""
    books = store().book_names()
    total = sum(store().head(book).seq for book in books)
    with click.progressbar(length=total, label="Dựng lại mô hình đọc", file=sys.stderr,
                           show_pos=True, item_show_func=lambda _: None) as bar:
        generations = store().read_models.rebuild(books, names or None, progress=bar.update)
    built = ", ".join(f"{name} (thế hệ {generation})" for name, generation in sorted(generations.items()))
    click.echo(f"Đã dựng lại {built} từ {total} sự kiện của {len(books)} sổ.")


@chibo.command("minutes")
@click.option("--cell", required=True, help="Mã chi bộ, vd. th-ky-tho.")
@click.option("--date", "day", required=True, help="Ngày họp, YYYY-MM-DD (giờ Việt Nam).")
@click.option("--as-of", "as_of", help="Biên bản như sổ đã ghi đến thời điểm này (ISO 8601, hoặc một ngày).")
@click.option("--format", "form", type=click.Choice(["text", "json", "docx"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Ghi ra tệp (bắt buộc với docx).")
@click.option("--numbered", is_flag=True, help="In số biên bản trong năm (\"Số: 05-BB/CB\").")
def minutes(cell: str, day: str, as_of: str | None, form: str, output: str | None, numbered: bool):
    """Print the minutes of the meetings of a date as text, JSON or DOCX."""
    try:
        meeting_day = date.fromisoformat(day)
    except ValueError:
        raise click.BadParameter("phải là ngày dạng YYYY-MM-DD.", param_hint="--date") from None
    try:
        as_of_text = utc_text(parse_bound(as_of, end=True)) if as_of else None
    except ValueError:
        raise click.BadParameter("phải là ngày hoặc thời điểm ISO 8601.", param_hint="--as-of") from None
    if form == "docx" and not output:
        raise click.UsageError("Định dạng docx cần -o TỆP.")
    try:
        found = answers.minutes_on(store(), cell, meeting_day, as_of_text)
        for meeting in found if numbered else []:
            meeting["number_in_year"] = answers.number_in_year(store(), cell, meeting["meeting_id"], as_of_text)
    except ChiboError as error:
        raise click.ClickException(error.message) from None
    if not found:
        raise click.ClickException(f"Chi bộ {cell} không có cuộc họp nào ngày {day}.")
    content = _render(found, form)
    if output:
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(output, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as file:
            file.write(content)
        click.echo(f"Đã ghi {output}.", err=True)
    else:
        click.echo(content)


def _render(found: list[dict], form: str) -> str | bytes:
    if form == "json":
        return json.dumps({"meetings": found}, ensure_ascii=False, indent=2)
    if form == "text":
        from ..documents.minutes_text import minutes_text

        return "\n\n".join(minutes_text(m) for m in found)
    from ..documents.minutes_docx import minutes_docx

    if len(found) > 1:
        raise click.ClickException(
            "Ngày này có nhiều cuộc họp; DOCX chỉ ghi một biên bản — hãy dùng API theo mã cuộc họp.")
    return minutes_docx(found[0])
