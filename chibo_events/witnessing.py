"""The log's side of witnessing: who its witnesses are (CHIBO_WITNESSES), and a round of submissions to them.

A round takes each book whose latest signed checkpoint a witness has not cosigned yet and sends it with the
consistency proof from the size the witness last cosigned (c2sp.org/tlog-witness). A 409 says which size the
witness holds: the round sends again from there when that is a size of this book; a size larger than the book
(the book was rolled back) or a refusal of a tree is kept as the witness's alarm. The round runs in a process
of its own (`chibo witness submit`), outside every append's lock: an append never waits for a witness, and a
witness slow or down costs only its own round, which the next one repeats.

The HTTP client is the standard library's: one POST a submission, with a timeout.
"""

import base64
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .checkpoints import CheckpointError, parse
from .store import Store
from .witness import protocol
from .witness.cosignature import CosignatureVerifier

TIMEOUT = 10.0  # seconds a witness may take to answer


class WitnessesError(ValueError):
    """CHIBO_WITNESSES names a file that is not lines of `<name> <vkey> <url>`."""


@dataclass(frozen=True)
class Witness:
    name: str
    key: CosignatureVerifier
    url: str  # its submission prefix: POST <url>/add-checkpoint


def read_witnesses(path: str | Path) -> list[Witness]:
    """Read the file of witnesses: a line `<name> <vkey> <url>` each; empty lines and `#` comments skipped."""
    found = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) != 3 or not words[2].startswith(("http://", "https://")):
            raise WitnessesError(f"{path}, dòng {number}: cần <tên> <khóa> <địa chỉ http(s)>.")
        try:
            key = CosignatureVerifier.from_string(words[1])
        except CheckpointError as error:
            raise WitnessesError(f"{path}, dòng {number}: {error}") from None
        if key.name != words[0]:
            raise WitnessesError(f"{path}, dòng {number}: tên {words[0]} không phải tên trong khóa ({key.name}).")
        found.append(Witness(words[0], key, words[2].rstrip("/")))
    return found


def _post(url: str, data: bytes) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "text/plain"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def submit_book(store: Store, book: str, witness: Witness, post: Callable = _post) -> str:
    """Send the book's latest checkpoint to one witness; return what happened, in a few words."""
    note = store.integrity.checkpoint(book)
    if note is None:
        return "no checkpoint"
    size = parse(note).size
    old = store.witnessed.witnessed_size(book, witness.name)
    if old > size:  # the log itself kept a cosignature of more than the book now holds: it was cut back
        store.witnessed.refused(book, witness.name, 409, f"cosigned {old}, the book has {size}", old)
        return f"rolled back: cosigned {old}, the book has {size}"
    if old == size:
        return "up to date"
    for _ in range(2):  # once from what the log kept, once more from what a 409 said the witness holds
        proof = ([bytes.fromhex(p) for p in store.integrity.consistency(book, old, size)["proof"]]
                 if 0 < old < size else [])
        status, said = post(f"{witness.url}/add-checkpoint", protocol.body(old, proof, note))
        if status == 200:
            try:
                cosigned = witness.key.cosigned(note + said)
            except CheckpointError as error:
                store.witnessed.refused(book, witness.name, status, f"cosignature that does not verify: {error}")
                return "bad cosignature"
            store.witnessed.keep(book, witness.name, cosigned.checkpoint.size, cosigned.line)
            return f"cosigned {size}"
        held = int(said.strip()) if status == 409 and said.strip().isdigit() else None
        if held is not None and held != old and held <= size:
            old = held  # the witness holds a smaller size of this book than the log kept: send from there
            continue
        store.witnessed.refused(book, witness.name, status, said.strip(), held)
        return f"refused {status}" + (f" (holds {held})" if held is not None else "")
    return "refused"


def submit_round(store: Store, witnesses: list[Witness], books: list[str] | None = None) -> dict[tuple[str, str], str]:
    """Submit every book's latest checkpoint to every witness once; return {(book, witness): what happened}."""
    done = {}
    for book in books if books is not None else store.book_names():
        for witness in witnesses:
            try:
                done[(book, witness.name)] = submit_book(store, book, witness)
            except (OSError, ValueError) as error:  # down, slow, or answering nonsense: the next round tries again
                done[(book, witness.name)] = f"unreachable: {error}"
    return done


@dataclass(frozen=True)
class Alarm:
    """What a witness's cosignature says against the book: `rollback` (the book is smaller than what it
    cosigned) or `fork` (the book's tree at that size is not the one it cosigned)."""

    kind: str
    message: str


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def check_witnessed(store: Store, book: str, key: CosignatureVerifier, url: str | None = None,
                    get: Callable = _get) -> tuple[int, list[Alarm]]:
    """Hold the book to the largest tree the witness cosigned; return (that size, alarms).

    With the witness's `url`, its own copy is asked for (what it cosigned survives a restore of the log's
    database); else the cosignatures the log kept, each checked against the book's root at its size.
    """
    size, root = 0, None
    if url:
        origin = store.integrity.origin(book)
        status, said = get(f"{url}/checkpoint?origin={urllib.parse.quote(origin, safe='')}")
        if status == 200:
            try:
                cosigned = key.cosigned(said)
            except CheckpointError as error:
                return 0, [Alarm("fork", f"nhân chứng {key.name} trả lời một checkpoint không kiểm được: {error}")]
            size, root = cosigned.checkpoint.size, cosigned.checkpoint.root
    else:
        kept = store.witnessed.latest(book).get(key.name)
        if kept:
            size = kept[0]
            if size <= store.integrity.size(book):
                body = f"{store.integrity.origin(book)}\n{size}\n"
                text = body + base64.b64encode(store.integrity.root(book, size)).decode() + "\n"
                try:
                    root = key.cosigned(text + "\n" + kept[1]).checkpoint.root
                except CheckpointError:
                    return size, [Alarm("fork", f"cosignature của nhân chứng {key.name} cho {size} bản ghi không "
                                                "khớp với cây của sổ ở kích thước đó: sổ đã bị viết lại.")]
    if not size:
        return 0, []
    current = store.integrity.size(book)
    if size > current:
        return size, [Alarm("rollback", f"nhân chứng {key.name} đã đồng ký {size} bản ghi, sổ hiện chỉ có "
                                        f"{current}: sổ đã bị quay lui.")]
    if root is not None and store.integrity.root(book, size) != root:
        return size, [Alarm("fork", f"cây của sổ ở {size} bản ghi không phải cây nhân chứng {key.name} đã đồng ký: "
                                    "sổ đã bị viết lại.")]
    return size, []
