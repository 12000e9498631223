"""One heavy operation in a process of its own, so its peak memory is its own: rebuild, verify, export, import.

    python -m bench.task rebuild|verify|export|import URL KEY_FILE FOLDER

Prints one JSON line: {"seconds", "events", "peak_rss_mb", ...}; progress on stderr.
"""

import json
import resource
import sys
import time
from pathlib import Path

from chibo_events.checkpoints import load_signer
from chibo_events.store import Store

from .progress import Progress


def rebuild(store: Store, _folder: Path, progress: Progress) -> dict:
    store.read_models.rebuild(store.book_names(), progress=progress.add)
    return {}


def verify(store: Store, _folder: Path, progress: Progress) -> dict:
    bad = []
    for book in store.book_names():
        report = store.integrity.verify(book, progress=progress.add)
        if not report.ok:
            bad.append((book, report.first_bad_seq, [p.kind for p in report.problems][:5]))
    return {"bad_books": bad}


def export(store: Store, folder: Path, progress: Progress) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for book in store.book_names():
        path = folder / f"{book}.jsonl"
        with path.open("w", encoding="utf-8") as file:
            lines = store.integrity.export(book)
            file.write(next(lines))  # the header
            for line in lines:
                file.write(line)
                if not line.startswith('{"checkpoint"'):
                    progress.add(1)
        size += path.stat().st_size
    return {"bundle_mb": size / 2**20}


def import_(store: Store, folder: Path, progress: Progress) -> dict:
    store.init_schema()
    for path in sorted(folder.glob("*.jsonl")):
        store.integrity.import_bundle(path, progress=lambda n: progress.add(n / 2))  # each event is read twice
    return {}


def _peak_rss_mb() -> float:
    """Return this process's peak resident memory: VmHWM, which (unlike ru_maxrss) starts afresh at exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


OPERATIONS = {"rebuild": rebuild, "verify": verify, "export": export, "import": import_}


def main() -> None:
    name, url, key_file, folder = sys.argv[1:5]
    store = Store.from_url(url, load_signer(Path(key_file).read_bytes()))
    progress = Progress(name)
    started = time.perf_counter()
    found = OPERATIONS[name](store, Path(folder), progress)
    seconds = time.perf_counter() - started
    progress.end()
    peak = _peak_rss_mb()
    print(json.dumps({"seconds": seconds, "events": round(progress.count), "peak_rss_mb": peak, **found}))


if __name__ == "__main__":
    main()
