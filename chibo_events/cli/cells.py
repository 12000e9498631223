"""Commands for the cells: cell add opens a book, as POST /cells and the /admin page do."""

import click

from ..errors import ChiboError
from .group import chibo, store


@chibo.group("cell")
def cell():
    """Manage the cells' books."""


@cell.command("add")
@click.argument("cell_id")
@click.option("--name", required=True, help="Tên chi bộ, vd. Chi bộ Trường Tiểu học Kỳ Thọ.")
@click.option("--committee", required=True, help="Đảng bộ cấp trên, vd. Đảng bộ xã Kỳ Thọ.")
@click.option("--place", help="Địa danh ghi ở dòng ngày tháng của biên bản, vd. Kỳ Thọ.")
def cell_add(cell_id: str, name: str, committee: str, place: str | None):
    """Open the book of a new cell (its first event: CellRegistered)."""
    data = {"name": name, "committee": committee, **({"place": place} if place else {})}
    try:
        envelope = store().register_book(cell_id, data, "(máy chủ)")
    except ChiboError as error:
        problems = "; ".join(f"{field}: {problem}" for field, problem in error.details.items())
        raise click.ClickException(f"{error.message} {problems}".strip()) from None
    click.echo(f"Đã mở sổ {cell_id} cho {name} (sự kiện số {envelope['seq']}).")
