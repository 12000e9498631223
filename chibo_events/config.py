"""Configuration from the environment (contract section 5)."""

import os
import secrets
from pathlib import Path


def instance_path() -> Path:
    """Return where instance/ is: CHIBO_INSTANCE_PATH, else ./instance."""
    return Path(os.environ.get("CHIBO_INSTANCE_PATH") or Path.cwd() / "instance").resolve()


def database_url(instance: Path) -> str:
    return os.environ.get("CHIBO_DATABASE_URL") or f"sqlite:///{instance / 'chibo.sqlite3'}"


def secret_key(instance: Path) -> str:
    """Return CHIBO_SECRET_KEY, else the key generated once into instance/secret_key."""
    if key := os.environ.get("CHIBO_SECRET_KEY"):
        return key
    return read_or_create(instance / "secret_key", lambda: secrets.token_hex(32).encode()).decode()


def signing_key(instance: Path, make) -> bytes:
    """Return the checkpoint signing key file: CHIBO_SIGNING_KEY, else instance/signing_key.pem made once by make()."""
    if path := os.environ.get("CHIBO_SIGNING_KEY"):
        try:
            return Path(path).read_bytes()
        except OSError as error:
            raise RuntimeError(f"CHIBO_SIGNING_KEY={path}: không đọc được tệp khóa ký ({error.strerror}).") from None
    return read_or_create(instance / "signing_key.pem", make)


def read_or_create(path: Path, make) -> bytes:
    """Return the file's bytes, creating it (mode 0600) from make() if it does not exist."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    content = make()
    with os.fdopen(fd, "wb") as file:
        file.write(content)
    return content
