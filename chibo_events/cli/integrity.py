"""Commands for tamper evidence: verify, export, import, public-key."""

import sys

import click
from flask import current_app

from .. import answers
from ..checkpoints import CheckpointError, parse
from ..errors import ChiboError
from ..store.bundle import ImportRefused
from ..verify import Bundle, BundleError
from ..witness.cosignature import CosignatureVerifier
from ..witnessing import WitnessesError, check_witnessed, read_witnesses
from .group import chibo, store


def _progress(length: int, label: str):
    return click.progressbar(length=length, label=label, file=sys.stderr)


@chibo.command("verify")
@click.option("--cell", "cells", multiple=True, help="Chỉ kiểm sổ này (lặp lại được); mặc định mọi sổ.")
@click.option("--checkpoint", "saved", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Checkpoint đã ký mà thanh tra lưu từ trước (lặp lại được); đối chiếu với sổ nó nêu tên.")
@click.option("--witness-key", "witness_keys", multiple=True,
              help="Khóa của một nhân chứng (lặp lại được): sổ nhỏ hơn (rollback) hay khác (fork) cây nhân chứng đã "
                   "đồng ký thì báo lỗi; nhân chứng có trong CHIBO_WITNESSES thì hỏi chính nó.")
@click.pass_context
def verify_command(ctx: click.Context, cells: tuple[str, ...], saved: tuple[str, ...],
                   witness_keys: tuple[str, ...]):
    """Check every hash, the Merkle tree and every signed checkpoint; exit 1 and the first bad seq if not intact."""
    known = store().book_names()
    if unknown := [cell for cell in cells if cell not in known]:
        raise click.UsageError(f"Không có chi bộ {', '.join(unknown)}.")
    kept = _inspector_notes(saved)
    witnesses, urls = _witness_keys(witness_keys)
    intact = True
    for book in sorted(set(kept) - set(known)):  # a whole book gone: only an outside checkpoint shows it
        sizes = ", ".join(str(parse(note).size) for note in kept[book])
        click.echo(f"{book}: KHÔNG có trong cơ sở dữ liệu, dù thanh tra giữ checkpoint đã ký (kích thước {sizes}).")
        intact = False
    for book in cells or known:
        with _progress(store().integrity.extent(book), f"Kiểm {book}") as bar:
            report = store().verify(book, against=kept.get(book, ()), progress=bar.update)
        click.echo("\n".join(report.lines()))
        intact = intact and report.ok
        for key in witnesses:
            size, alarms = check_witnessed(store(), book, key, urls.get(key.name))
            for alarm in alarms:
                click.echo(f"{book}: {alarm.kind}: {alarm.message}")
            if not alarms:
                click.echo(f"{book}: nhân chứng {key.name} đã đồng ký {size} bản ghi, khớp với sổ." if size else
                           f"{book}: nhân chứng {key.name} chưa đồng ký checkpoint nào của sổ.")
            intact = intact and not alarms
    ctx.exit(0 if intact else 1)


def _witness_keys(texts: tuple[str, ...]) -> tuple[list[CosignatureVerifier], dict[str, str]]:
    """Read the witness keys asked for, and where each witness answers when CHIBO_WITNESSES names it."""
    try:
        keys = [CosignatureVerifier.from_string(text) for text in texts]
    except CheckpointError as error:
        raise click.UsageError(f"--witness-key: {error}") from None
    listed = current_app.config.get("CHIBO_WITNESSES")
    try:
        known = {w.name: w for w in read_witnesses(listed)} if listed and keys else {}
    except (OSError, WitnessesError) as error:
        raise click.UsageError(f"CHIBO_WITNESSES: {error}") from None
    return keys, {k.name: known[k.name].url for k in keys if k.name in known and str(known[k.name].key) == str(k)}


def _inspector_notes(paths: tuple[str, ...]) -> dict[str, list[str]]:
    kept: dict[str, list[str]] = {}
    for path in paths:
        with open(path, encoding="utf-8") as file:
            note = file.read()
        try:
            book = parse(note).book
        except CheckpointError as error:
            raise click.UsageError(f"{path}: không phải checkpoint ({error})") from None
        if book is None:
            raise click.UsageError(f"{path}: checkpoint không phải của chibo.")
        kept.setdefault(book, []).append(note)
    return kept


@chibo.command("export")
@click.option("--cell", required=True, help="Chi bộ có sổ cần xuất.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Tệp JSONL ghi ra ('-': stdout).")
def export_command(cell: str, output: str):
    """Write a book as a JSONL bundle: a header, the events, the signed checkpoints."""
    if not store().book_exists(cell):
        raise click.UsageError(f"Không có chi bộ {cell!r}.")
    size = store().integrity.extent(cell)
    with click.open_file(output, "w", encoding="utf-8") as file, _progress(2 * size + 1, f"Xuất {cell}") as bar:
        for line in store().integrity.export(cell, answers.people(store(), cell)):
            file.write(line)
            bar.update(1)
    click.echo(f"Đã xuất sổ {cell}: {size} sự kiện và các checkpoint đã ký → {output}", err=output == "-")


@chibo.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def import_command(ctx: click.Context, path: str):
    """Copy a bundle into this database, where its book does not exist yet, after checking all of it."""
    store().init_schema()
    try:
        bundle = Bundle(path)
        with _progress(2 * bundle.size, f"Nhập {bundle.book}") as bar:
            report = store().integrity.import_bundle(path, progress=bar.update)
    except BundleError as error:
        raise click.ClickException(str(error)) from None
    except ChiboError as error:
        raise click.ClickException(error.message) from None
    except ImportRefused as refused:
        click.echo("\n".join(refused.report.lines()))
        click.echo("Gói không nguyên vẹn hoặc không được ký bằng khóa của máy chủ này; không nhập gì.", err=True)
        ctx.exit(1)
    click.echo(f"Đã nhập sổ {report.book}: {report.size} sự kiện, root {report.root.hex()}, "
               f"checkpoint đã ký tới {report.signed_size}.")


@chibo.command("public-key")
@click.option("--cell", help="Khóa ký sổ của chi bộ này (theo tên sổ trong origin của nó); "
                             "mặc định: khóa của các sổ mở từ nay (CHIBO_LOG_NAME).")
def public_key_command(cell: str | None):
    """Print the verifier key inspectors keep, to check checkpoints without trusting this server."""
    integrity = store().integrity
    if integrity.signer is None:
        raise click.ClickException("Máy chủ này không có khóa ký.")
    if cell is None:
        click.echo(str(integrity.verifier))
        return
    try:
        click.echo(str(integrity.verifier_of(cell)))
    except ChiboError as error:
        raise click.UsageError(error.message) from None
