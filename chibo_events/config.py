"""Configuration from the environment (contract section 5): the one module that reads it.

`settings()` gives the app's configuration keys from the CHIBO_* variables;
the key files are read (or made once) by `secret_key` and `signing_key`. The
README's configuration table lists exactly what is read here. Tests pass a
test_config to create_app instead, which wins over the environment.
"""

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from .checkpoints import DEFAULT_LOG_NAME

DEFAULT_API_RATE_LIMIT = "600 per minute"
TRUE = ("1", "true", "yes", "on")


def instance_path() -> Path:
    """Return where instance/ is: CHIBO_INSTANCE_PATH, else ./instance."""
    return Path(os.environ.get("CHIBO_INSTANCE_PATH") or Path.cwd() / "instance").resolve()


def settings(instance: Path) -> dict:
    """Return the app's configuration read from the environment, defaults filled in."""
    env = os.environ
    return {
        "DATABASE_URL": env.get("CHIBO_DATABASE_URL") or f"sqlite:///{instance / 'chibo.sqlite3'}",
        # a replica for the reads that may lag (Store.for_reading); none: every read goes to DATABASE_URL
        "READ_DATABASE_URL": env.get("CHIBO_READ_DATABASE_URL") or None,
        "CHIBO_SECURE_COOKIES": env.get("CHIBO_SECURE_COOKIES", "").strip().lower() in TRUE,
        "CHIBO_API_RATE_LIMIT": env.get("CHIBO_API_RATE_LIMIT") or DEFAULT_API_RATE_LIMIT,
        "RATELIMIT_STORAGE_URI": env.get("CHIBO_RATELIMIT_STORAGE") or "memory://",
        "CHIBO_LOG_NAME": env.get("CHIBO_LOG_NAME") or DEFAULT_LOG_NAME,
        "CHIBO_WITNESSES": env.get("CHIBO_WITNESSES") or "",  # a file of lines <name> <vkey> <url>
    }


def secret_key(instance: Path) -> str:
    """Return CHIBO_SECRET_KEY, else the key generated once into instance/secret_key."""
    if key := os.environ.get("CHIBO_SECRET_KEY"):
        return key
    return read_or_create(instance / "secret_key", lambda: secrets.token_hex(32).encode()).decode()


def signing_key(instance: Path, make: Callable[[], bytes]) -> bytes:
    """Return the checkpoint signing key file: CHIBO_SIGNING_KEY, else instance/signing_key.pem made once by make()."""
    if path := os.environ.get("CHIBO_SIGNING_KEY"):
        try:
            return Path(path).read_bytes()
        except OSError as error:
            raise RuntimeError(f"CHIBO_SIGNING_KEY={path}: không đọc được tệp khóa ký ({error.strerror}).") from None
    return read_or_create(instance / "signing_key.pem", make)


def read_or_create(path: Path, make: Callable[[], bytes]) -> bytes:
    """Return the file's bytes, creating it (mode 0600) from make() if it does not exist."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    content = make()
    with os.fdopen(fd, "wb") as file:
        file.write(content)
    return content


DEFAULT_WITNESS_NAME = "witness.chibo.local"


def witness_settings(instance: Path, make_key: Callable[[], bytes]) -> dict:
    """Return a witness's own configuration: its database, its private key (made once) and its name."""
    env = os.environ
    if path := env.get("CHIBO_WITNESS_KEY"):
        try:
            key = Path(path).read_bytes()
        except OSError as error:
            raise RuntimeError(f"CHIBO_WITNESS_KEY={path}: không đọc được tệp khóa ({error.strerror}).") from None
    else:
        instance.mkdir(parents=True, exist_ok=True)
        key = read_or_create(instance / "witness_key.pem", make_key)
    return {"database_url": env.get("CHIBO_WITNESS_DATABASE_URL") or f"sqlite:///{instance / 'witness.sqlite3'}",
            "key": key, "name": env.get("CHIBO_WITNESS_NAME") or DEFAULT_WITNESS_NAME}
