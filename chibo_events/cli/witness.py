"""`chibo witness serve|trust|public-key`: run a witness, a process of its own with its own database and key."""

import time

import click
from flask import current_app
from werkzeug.serving import run_simple

from .. import config
from ..checkpoints import CheckpointError, check_log_name, new_private_key
from ..store import DATABASE_UNAVAILABLE, unavailable_reason
from ..store.witness_state import WitnessState
from ..web.witness_server import create_witness_app
from ..witness.cosignature import Cosigner
from ..witnessing import WitnessesError, read_witnesses, submit_round
from .group import chibo, store


@chibo.group("witness")
def witness():
    """Nhân chứng (c2sp.org/tlog-witness): đồng ký checkpoint của các sổ khi sổ chỉ được ghi thêm."""


def witness_parts() -> tuple[WitnessState, Cosigner]:
    """Return the witness's state and key from CHIBO_WITNESS_* (a key is made once into instance/ if none)."""
    found = config.witness_settings(config.instance_path(), new_private_key)
    try:
        cosigner = Cosigner.from_pem(found["key"], check_log_name(found["name"]))
    except CheckpointError as error:
        raise click.ClickException(f"CHIBO_WITNESS_NAME / CHIBO_WITNESS_KEY: {error}") from None
    return WitnessState.from_url(found["database_url"]), cosigner


@witness.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7380, show_default=True, type=int)
def serve(host: str, port: int):
    """Chạy nhân chứng: POST /add-checkpoint."""
    state, cosigner = witness_parts()
    click.echo(f"Nhân chứng {cosigner.verifier.name} nghe ở http://{host}:{port}/add-checkpoint", err=True)
    click.echo(f"Khóa công khai: {cosigner.verifier}", err=True)
    run_simple(host, port, create_witness_app(state, cosigner), threaded=True)


@witness.command("submit")
@click.option("--forever", is_flag=True, help="Gửi mãi, mỗi --every giây (chạy bên cạnh máy chủ sổ).")
@click.option("--every", default=5.0, show_default=True, type=float, help="Số giây giữa hai lượt gửi.")
def submit(forever: bool, every: float):
    """Gửi checkpoint mới của mọi sổ tới các nhân chứng trong CHIBO_WITNESSES, giữ các chữ ký đồng xác nhận."""
    listed = current_app.config.get("CHIBO_WITNESSES")
    if not listed:
        raise click.UsageError("CHIBO_WITNESSES chưa đặt: tệp các dòng <tên> <khóa> <địa chỉ> của các nhân chứng.")
    try:
        witnesses = read_witnesses(listed)
    except (OSError, WitnessesError) as error:
        raise click.UsageError(f"CHIBO_WITNESSES: {error}") from None
    while True:
        try:
            for (book, name), happened in submit_round(store(), witnesses).items():
                if happened != "up to date":
                    click.echo(f"{book} → {name}: {happened}", err=True)
        except DATABASE_UNAVAILABLE as error:
            if not forever:
                raise click.ClickException(f"Cơ sở dữ liệu không trả lời: {unavailable_reason(error)}") from None
            # a failover, or a restart: the next round connects again (a multi-host URL finds the new primary)
            click.echo(f"Cơ sở dữ liệu không trả lời; thử lại sau {every:g} giây: {unavailable_reason(error)}",
                       err=True)
        if not forever:
            return
        time.sleep(every)


@witness.command("trust")
@click.argument("key")
def trust(key: str):
    """Tin khóa ký của một máy chủ sổ (in bởi `chibo public-key`) cho mọi sổ mang tên sổ của nó."""
    state, _ = witness_parts()
    try:
        verifier = state.trust(key)
    except CheckpointError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Đã tin khóa {verifier} cho các sổ {verifier.name}/<chi bộ>.")


@witness.command("public-key")
def public_key():
    """In khóa công khai của nhân chứng: <tên>+<mã khóa>+<base64 của 0x04 ‖ khóa>."""
    click.echo(str(witness_parts()[1].verifier))
