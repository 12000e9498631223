"""Check a book: every hash, the chain, the Merkle root, the signed checkpoints.

The same check serves the server (`chibo verify`, GET /verify, over the
database) and an inspector with no server at all:

    python -m chibo_events.verify BUNDLE.jsonl [--key PUBLIC_KEY] [--checkpoint FILE]...

which reads an exported bundle in constant memory and exits 0 if it is
intact, else 1 with the first bad seq. It imports neither Flask nor
SQLAlchemy: only the standard library and `cryptography` need be installed.

A bundle is JSON lines: a header `{"chibo_bundle": 1, "book", "key", …}`,
the book's events in seq order (the contract's envelopes), then its signed
checkpoints in size order, each as `{"checkpoint": "<signed note>"}`, then
(v1.1) its witnesses' cosignatures, each as `{"cosignature": {"witness", "size",
"line"}}`, which `--witness-key` checks (check_cosignatures).
"""

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import checkpoints, integrity, merkle
from .checkpoints import BadSignature, CheckpointError, NotSignedByKey, Verifier
from .witness.cosignature import CosignatureVerifier

BUNDLE_FORMAT = 1
BOOK_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # catalogue.SLUG, which needs marshmallow
UTC_TEXT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")  # timestamps.utc_text
MAX_PROBLEMS = 100
MOVE_SEARCH = 256  # how far from its place a moved event is looked for
MOVES_DIAGNOSED = 20  # each search costs up to 2·MOVE_SEARCH hashes; a wrecked book need not cost more


@dataclass(frozen=True)
class Problem:
    kind: str
    seq: int | None  # the first seq it concerns, when that can be known
    message: str
    projection: str | None = None  # a read model's problem: which projection,
    key: str | None = None  # and which of its documents

    def as_json(self) -> dict:
        found: dict = {"kind": self.kind, "seq": self.seq, "message": self.message}
        if self.projection is not None:
            found.update(projection=self.projection, key=self.key)
        return found


@dataclass
class Report:
    book: str
    size: int  # events read, the leaves of `root`
    root: bytes
    signed_size: int  # the largest checkpoint whose signature and root both hold
    problems: list[Problem] = field(default_factory=list)
    unlisted: int = 0  # problems past MAX_PROBLEMS, counted only

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad_seq(self) -> int | None:
        seqs = [p.seq for p in self.problems if p.seq is not None]
        return min(seqs) if seqs else None

    def as_json(self) -> dict:
        return {
            "ok": self.ok, "size": self.size, "root": self.root.hex(), "first_bad_seq": self.first_bad_seq,
            "problems": [p.as_json() for p in self.problems], "book": self.book,
            "signed_size": self.signed_size, "unlisted_problems": self.unlisted,
        }

    def lines(self, limit: int = 20) -> list[str]:
        """Return the report as lines for a person to read."""
        if self.ok:
            return [f"{self.book}: nguyên vẹn — {self.size} sự kiện, root {self.root.hex()}, "
                    f"checkpoint đã ký tới {self.signed_size}."]
        where = f"seq {self.first_bad_seq}" if self.first_bad_seq is not None else "không xác định được seq"
        lines = [f"{self.book}: KHÔNG nguyên vẹn — sai đầu tiên: {where}."]
        lines += [f"  [{p.kind}] {p.message}" for p in self.problems[:limit]]
        if hidden := max(0, len(self.problems) - limit) + self.unlisted:
            lines.append(f"  … và {hidden} vấn đề khác.")
        return lines


def _check_times(envelope: dict) -> None:
    """Raise ValueError unless the envelope's timestamps have the forms the store writes (a reader parses them)."""
    occurred, recorded = envelope["occurred_at"], envelope["recorded_at"]
    if not (isinstance(occurred, str) and isinstance(recorded, str) and UTC_TEXT.fullmatch(recorded)):
        raise ValueError("timestamps")
    if datetime.fromisoformat(occurred).tzinfo is None:
        raise ValueError("occurred_at has no offset")


class BookCheck:
    """Fold a book's events in seq order and its checkpoints in size order; note what does not hold.

    Leaves are recomputed from the events as they are now; nothing stored
    beside them (hashes, tree, roots) is believed, only compared.
    """

    def __init__(self, book: str, verifier: Verifier | None, origin: str | None = None):
        self.book = book
        self.origin = origin or checkpoints.origin(book)  # what every checkpoint of the book must name
        self.verifier = verifier
        self.frontier = merkle.Frontier()
        self.last_seq = 0
        self.prev_hash = integrity.GENESIS_HASH
        self.signed = 0
        self.latest = 0
        self.problems: list[Problem] = []
        self.unlisted = 0
        self._moves_diagnosed = 0
        self._reported: set[str] = set()

    @property
    def rows(self) -> int:
        return self.frontier.size

    def problem(self, kind: str, seq: int | None, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(kind, seq, message))
        else:
            self.unlisted += 1

    def once(self, kind: str, seq: int | None, message: str) -> None:
        """Note a problem whose later instances would only repeat the first."""
        if kind not in self._reported:
            self._reported.add(kind)
            self.problem(kind, seq, message)

    # -- events ----------------------------------------------------------------

    def event(self, envelope) -> tuple[bytes, list[tuple[int, int, bytes]]]:
        """Check the next event; return its recomputed leaf hash and the subtrees it completes."""
        expected = self.last_seq + 1
        try:
            seq, leaf = envelope["seq"], integrity.leaf_hash(envelope)
            sealed = integrity.chain_hash(envelope["prev_hash"], leaf)
            if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(envelope["hash"], str):
                raise TypeError
            _check_times(envelope)
        except (KeyError, TypeError, ValueError):
            self.problem("malformed", expected, f"Dòng sau seq {self.last_seq} không phải một sự kiện hợp lệ.")
            self.last_seq = expected
            return b"", self.frontier.append(bytes(32))
        if seq > expected:
            gone = f"{expected}" if seq == expected + 1 else f"{expected}–{seq - 1}"
            self.problem("missing", expected, f"Thiếu sự kiện seq {gone}: đã bị xóa.")
        elif seq < expected:
            self.problem("order", seq, f"Sau seq {self.last_seq} lại là seq {seq}: thứ tự bị đảo hoặc lặp.")
        self.last_seq = max(seq, self.last_seq)
        if envelope["book"] != self.book:
            self.problem("foreign", seq, f"Sự kiện seq {seq} thuộc sổ {envelope['book']!r}, không phải sổ này.")
        if sealed != envelope["hash"]:
            origin = self._moved_from(envelope)
            if origin is not None:
                self.problem("moved", seq, f"Sự kiện ở seq {seq} vốn được ghi ở seq {origin}: các dòng bị đổi chỗ.")
            else:
                self.problem("edited", seq, f"Nội dung sự kiện seq {seq} không khớp với hash đã ghi: đã bị sửa.")
        if envelope["prev_hash"] != self.prev_hash:
            self.problem("chain", seq, f"prev_hash của seq {seq} không phải hash của sự kiện trước nó: "
                                       "có dòng bị chèn, xóa, hoặc sửa rồi tính lại hash.")
        self.prev_hash = envelope["hash"]
        return leaf, self.frontier.append(leaf)

    def _moved_from(self, envelope: dict) -> int | None:
        """Return the seq at which this row's own hash says it was recorded, if another one nearby."""
        if self._moves_diagnosed >= MOVES_DIAGNOSED:
            return None
        self._moves_diagnosed += 1
        seq = envelope["seq"]
        for distance in range(1, MOVE_SEARCH + 1):
            for other in (seq - distance, seq + distance):
                if other >= 1 and envelope["hash"] == integrity.chain_hash(
                        envelope["prev_hash"], integrity.leaf_hash({**envelope, "seq": other})):
                    return other
        return None

    # -- checkpoints -----------------------------------------------------------

    def note(self, note: str, *, inspector: bool = False) -> None:
        """Check a signed checkpoint against the events read so far (up to its size, or all of them)."""
        whose = "của thanh tra " if inspector else ""
        try:
            checkpoint = checkpoints.parse(note)
        except CheckpointError as error:
            self.problem("malformed_checkpoint", None, f"Một checkpoint {whose}không đọc được: {error}")
            return
        size = checkpoint.size
        if checkpoint.origin != self.origin:
            self.problem("wrong_book", None, f"Checkpoint {whose}kích thước {size} là của {checkpoint.origin!r}.")
            return
        if self.verifier is not None:
            try:
                self.verifier.verify(note)
            except BadSignature:
                self.problem("bad_signature", size, f"Chữ ký của checkpoint {whose}kích thước {size} không đúng.")
                return
            except NotSignedByKey:  # a fact about the key, not about any one event
                self.once("unknown_key", None, f"Checkpoint {whose}kích thước {size} (và có thể các checkpoint khác) "
                                               f"không được ký bằng khóa {self.verifier}.")
                return
        if not inspector:
            self.latest = max(self.latest, size)
        if size > self.rows:
            self.once("truncated", self.rows + 1, f"Checkpoint đã ký {whose}có {size} sự kiện, sổ chỉ còn "
                                                  f"{self.rows}: phần đuôi từ seq {self.rows + 1} đã bị cắt.")
        elif size < self.rows:
            self.problem("checkpoint_order", None, f"Checkpoint {whose}kích thước {size} đến sau sự kiện {self.rows}.")
        elif checkpoint.root != self.frontier.root():
            if inspector:
                self.problem("fork", None, f"{size} sự kiện đầu không còn cho root trong checkpoint của thanh tra: "
                                           "sổ đã bị viết lại hoặc rẽ nhánh sau khi thanh tra lưu checkpoint.")
            else:
                self.once("root_mismatch", self.signed + 1,  # every later checkpoint differs too
                          f"{size} sự kiện đầu không còn cho root đã ký ở checkpoint kích thước {size}: "
                          f"sổ bị viết lại từ sau seq {self.signed}.")
        elif not inspector:
            self.signed = max(self.signed, size)

    def finish(self) -> Report:
        if self.rows == 0:  # every book starts with CellRegistered: no events is no book
            self.problem("missing", 1, "Sổ không có sự kiện nào.")
        elif self.latest < self.rows:
            self.problem("unsigned", self.latest + 1,
                         f"Không checkpoint đã ký nào bao gồm các sự kiện từ seq {self.latest + 1} đến {self.rows}.")
        return Report(self.book, self.rows, self.frontier.root(), self.signed, self.problems, self.unlisted)


def check_book(
    book: str, events: Iterable, notes: Iterable[str], verifier: Verifier | None, *,
    against: Iterable[str] = (), on_event: Callable | None = None, on_note: Callable | None = None,
    check: "BookCheck | None" = None, size_of: Callable[[str], int] | None = None, origin: str | None = None,
) -> Report:
    """Check a book's events (seq order) against its checkpoints (size order) and an inspector's own.

    Each checkpoint is checked once the events up to its size have been read,
    so both streams are read once, side by side, in constant memory.
    `on_event(envelope, leaf, completed)` may return more problems (the
    store's comparison of its stored subtrees); it and `on_note(note)` also
    let an import copy what it reads. `check` and `size_of` let the store's
    sampled check (store/sampled_check.py) bring its own faster parts.
    `origin`: what the checkpoints must name (default chibo/<book>).
    """
    check = check or BookCheck(book, verifier, origin)
    size_of = size_of or _size_or_zero
    queues = [_by_size(notes, size_of, on_note), _by_size(sorted(against, key=size_of), size_of)]
    heads = [next(queue, None) for queue in queues]

    def due(limit: int | None) -> None:
        for i, queue in enumerate(queues):
            while (head := heads[i]) is not None and (limit is None or head[0] <= limit):
                check.note(head[1], inspector=i == 1)
                heads[i] = next(queue, None)

    due(0)
    for envelope in events:
        leaf, completed = check.event(envelope)
        if on_event is not None:
            for problem in on_event(envelope, leaf, completed) or ():
                check.problem(problem.kind, problem.seq, problem.message)
        due(check.rows)
    due(None)
    return check.finish()


def _size_or_zero(note: str) -> int:
    try:
        return checkpoints.parse(note).size
    except CheckpointError:
        return 0


def _by_size(notes: Iterable[str], size_of: Callable[[str], int],
             on_note: Callable | None = None) -> Iterator[tuple[int, str]]:
    for note in notes:
        if on_note is not None:
            on_note(note)
        yield size_of(note), note


# -- bundles ----------------------------------------------------------------------

class BundleError(ValueError):
    """The file is not a chibo bundle."""


class Bundle:
    """An exported book on disk, read as two streams (events, checkpoints) in constant memory."""

    CHECKPOINT_LINE = b'{"checkpoint":'

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            with self.path.open("rb") as file:
                self.header = _header(file.readline())
                self._events_at = file.tell()
                self._notes_at, self.size = None, 0
                while line := file.readline():
                    if line.startswith(self.CHECKPOINT_LINE):
                        self._notes_at = file.tell() - len(line)
                        break
                    self.size += 1
                self._end = self._notes_at if self._notes_at is not None else file.tell()
        except OSError as error:
            raise BundleError(f"Không đọc được {path}: {error.strerror}.") from None
        self.book = self.header["book"]
        self.origin = self.header.get("origin") or checkpoints.origin(self.book)  # bundles before v1.1: chibo/
        self.people: dict[str, str] = self.header.get("people") or {}

    def events(self) -> Iterator:
        """Yield each event line as parsed JSON (None for a line that is not JSON)."""
        with self.path.open("rb") as file:
            file.seek(self._events_at)
            while file.tell() < self._end and (line := file.readline()):
                yield _json_or_none(line)

    def notes(self) -> Iterator[str]:
        """Yield each checkpoint's signed note ("" for a line that is not a checkpoint)."""
        for value in self._tail():
            if isinstance(value, dict) and "cosignature" in value:
                continue  # the witnesses' lines follow the checkpoints
            note = value.get("checkpoint") if isinstance(value, dict) else None
            yield note if isinstance(note, str) else ""

    def cosignatures(self) -> Iterator[dict]:
        """Yield each witness's cosignature the bundle carries: {witness, size, line}."""
        for value in self._tail():
            found = value.get("cosignature") if isinstance(value, dict) else None
            if isinstance(found, dict) and isinstance(found.get("witness"), str) and isinstance(
                    found.get("size"), int) and isinstance(found.get("line"), str):
                yield found

    def _tail(self) -> Iterator:
        if self._notes_at is None:
            return
        with self.path.open("rb") as file:
            file.seek(self._notes_at)
            for line in file:
                yield _json_or_none(line)


def _json_or_none(line: bytes):
    """Return the line's JSON value, or None for a line that is not JSON (deep nesting included)."""
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return None


def _header(line: bytes) -> dict:
    header = _json_or_none(line)
    if not isinstance(header, dict) or header.get("chibo_bundle") != BUNDLE_FORMAT or not isinstance(
            header.get("book"), str):
        raise BundleError("Tệp không phải gói xuất của chibo (thiếu dòng đầu chibo_bundle).")
    if not BOOK_ID.fullmatch(header["book"]):  # it is printed and compared: no surrogate, no control character
        raise BundleError("Mã sổ ở dòng đầu của gói không hợp lệ (chữ thường không dấu, số, gạch nối).")
    if header.get("key") is not None and not isinstance(header["key"], str):
        raise BundleError("Khóa công khai ở dòng đầu của gói phải là chuỗi ký tự.")
    if (origin := header.get("origin")) is not None and not _origin_of(origin, header["book"]):
        raise BundleError("Origin ở dòng đầu của gói phải có dạng <tên sổ>/<mã sổ> của chính sổ ấy.")
    if not _people(header.get("people", {})):  # printed in the offline biên bản: plain short text only
        raise BundleError("Mục people ở dòng đầu của gói phải là {tên đăng nhập: tên người} bằng chữ in được.")
    return header


def _people(people) -> bool:
    return isinstance(people, dict) and all(
        isinstance(name, str) and isinstance(shown, str) and len(name) <= 64 and len(shown) <= 300
        and name.isprintable() and shown.isprintable() for name, shown in people.items())


def _origin_of(origin, book: str) -> bool:
    if not isinstance(origin, str):
        return False
    name, named = checkpoints.split_origin(origin)
    try:
        checkpoints.check_log_name(name)
    except CheckpointError:
        return False
    return named == book


def header_line(book: str, origin: str, verifier: Verifier | None, exported_at: str,
                people: dict[str, str] | None = None) -> str:
    return _line({"chibo_bundle": BUNDLE_FORMAT, "book": book, "origin": origin,
                  "key": str(verifier) if verifier else None, "exported_at": exported_at,
                  **({"people": people} if people else {})})


def event_line(envelope: dict) -> str:
    return _line(envelope)


def note_line(note: str) -> str:
    return _line({"checkpoint": note})


def cosignature_line(witness: str, size: int, line: str) -> str:
    return _line({"cosignature": {"witness": witness, "size": size, "line": line}})


def check_cosignatures(bundle: Bundle, report: Report, key: CosignatureVerifier,
                       saved: Iterable[str] = ()) -> list[Problem]:
    """Hold the bundle to what the witness cosigned: its cosignatures in the bundle, each on the bundle's own
    checkpoint of that size, and any checkpoint kept earlier that carries its cosignature. A tree it cosigned
    that is larger than the bundle is a `rollback`; one the bundle's tree at that size is not, a `fork`."""
    problems, largest = [], (0, b"")
    texts = {}
    for note in bundle.notes():
        try:
            found = checkpoints.parse(note)
        except CheckpointError:
            continue
        texts[found.size] = checkpoints.split_note(note)[0]
    for cosigned in bundle.cosignatures():
        if cosigned["witness"] != key.name:
            continue
        text = texts.get(cosigned["size"])
        try:
            mark = key.cosigned(text + "\n" + cosigned["line"]) if text else None
        except CheckpointError:
            mark = None
        if mark is None:
            problems.append(Problem("fork", None, f"Chữ ký đồng xác nhận của nhân chứng {key.name} cho kích thước "
                                                  f"{cosigned['size']} không khớp với checkpoint của gói ở đó."))
        elif mark.checkpoint.size > largest[0]:
            largest = (mark.checkpoint.size, mark.checkpoint.root)
    for note in saved:
        try:
            mark = key.cosigned(note)
        except CheckpointError:
            continue  # a checkpoint this witness did not cosign says nothing of it
        if mark.checkpoint.size > largest[0]:
            largest = (mark.checkpoint.size, mark.checkpoint.root)
    size, root = largest
    if size > report.size:
        problems.append(Problem("rollback", report.size + 1, f"Nhân chứng {key.name} đã đồng ký {size} bản ghi, gói "
                                                             f"chỉ có {report.size}: sổ đã bị quay lui."))
    elif size and root != _root_at(bundle, size):
        problems.append(Problem("fork", None, f"Cây của gói ở {size} bản ghi không phải cây nhân chứng {key.name} đã "
                                              "đồng ký: sổ đã bị viết lại."))
    return problems


def _root_at(bundle: Bundle, size: int) -> bytes:
    """Return the root of the bundle's first `size` events, recomputed from them (not from its checkpoints)."""
    frontier = merkle.Frontier()
    for count, envelope in enumerate(bundle.events(), 1):
        if count > size:
            break
        try:
            frontier.append(integrity.leaf_hash(envelope))
        except (KeyError, TypeError, ValueError):  # a line that is no event: check_book has named it already
            frontier.append(b"")
    return frontier.root()


def _line(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def check_bundle(bundle: Bundle, verifier: Verifier | None, against: Iterable[str] = (), **hooks) -> Report:
    return check_book(bundle.book, bundle.events(), bundle.notes(), verifier, against=against,
                      origin=bundle.origin, **hooks)


# -- python -m chibo_events.verify ----------------------------------------------

def _text_or_file(value: str) -> str:
    path = Path(value)
    return path.read_text().strip() if path.is_file() else value


def _read_key(value: str) -> Verifier:
    return Verifier.from_string(_text_or_file(value))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m chibo_events.verify",
        description="Kiểm tra một gói xuất của chibo mà không cần máy chủ hay cơ sở dữ liệu.",
    )
    parser.add_argument("bundle", help="tệp JSONL do `chibo export` hoặc GET /export tạo ra")
    parser.add_argument("--key", help="khóa công khai của máy chủ (chuỗi tên+mã+khóa, hoặc tệp chứa nó)")
    parser.add_argument("--checkpoint", action="append", default=[], metavar="FILE",
                        help="checkpoint đã ký mà thanh tra lưu từ trước (lặp lại được)")
    parser.add_argument("--witness-key", action="append", default=[], metavar="VKEY",
                        help="khóa của một nhân chứng (lặp lại được): sổ nhỏ hơn (rollback) hay khác (fork) cây nó đã "
                             "đồng ký thì báo lỗi")
    parser.add_argument("--minutes", metavar="MEETING_ID",
                        help="sau khi kiểm, in biên bản cuộc họp này như sổ có ở kích thước --size")
    parser.add_argument("--size", type=int, metavar="N", help="số sự kiện đầu của sổ (mặc định: cả gói)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="dạng biên bản in ra")
    args = parser.parse_args(argv)
    try:
        bundle = Bundle(args.bundle)
        if args.key:
            verifier = _read_key(args.key)
        else:
            if not bundle.header.get("key"):
                raise BundleError("Gói không ghi khóa công khai; hãy cho --key.")
            verifier = Verifier.from_string(bundle.header["key"])
            print("Chú ý: không có --key, chữ ký chỉ được kiểm bằng khóa ghi trong chính gói này. "
                  "Hãy đối chiếu với khóa công khai mà thanh tra đã lưu.", file=sys.stderr)
        against = [Path(path).read_text() for path in args.checkpoint]
        witnesses = [CosignatureVerifier.from_string(_text_or_file(value)) for value in args.witness_key]
    except (BundleError, CheckpointError, OSError) as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 1
    report = check_bundle(bundle, verifier, against)
    for key in witnesses:
        report.problems.extend(check_cosignatures(bundle, report, key, against))
    if args.minutes is None:
        print("\n".join(report.lines()))
        return 0 if report.ok else 1
    print("\n".join(report.lines()), file=sys.stderr)  # stdout is the biên bản alone, to compare byte for byte
    if not report.ok:
        return 1
    return _print_minutes(bundle, args.minutes, args.size, args.format)


def _print_minutes(bundle: Bundle, meeting_id: str, size: int | None, form: str) -> int:
    from .offline_minutes import NoSuchMeeting, minutes_at, printed  # the projections, only when asked

    size = bundle.size if size is None else size
    if not 1 <= size <= bundle.size:
        print(f"Lỗi: --size phải từ 1 đến {bundle.size}, số sự kiện của gói.", file=sys.stderr)
        return 1
    try:
        rendered = minutes_at(bundle.events(), meeting_id, size, bundle.size, bundle.people)
    except NoSuchMeeting as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(printed(rendered, form))
    return 0


if __name__ == "__main__":
    sys.exit(main())
