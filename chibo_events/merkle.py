"""Merkle trees as RFC 9162 section 2.1 defines them: hashes, proofs and their checks.

Pure and standard library only, so an inspector's machine can run it with
nothing but Python. Bytes in, bytes out.

Besides the list functions the contract names, two things let a store serve
a book of millions of events without reading all its leaves:

- `Frontier`: the roots of the complete subtrees along the right edge of the
  tree (one per set bit of its size). Appending a leaf costs O(log n) and
  reports the subtrees it completes, which a store keeps.
- `subtrees(start, end)`: the complete subtrees that make up any range the
  RFC's proofs ask for, so a proof is a fold over O(log² n) stored nodes at
  most, O(log n) in practice. A complete subtree is named (level, index): it
  covers leaves [index·2^level, (index+1)·2^level).
- `HashReader`: whatever answers for those subtrees. Roots and proofs are
  computed once, over a reader (`tree_root`, `prove_inclusion`,
  `prove_consistency`): the store's reads its table of nodes, `Leaves` hashes
  a list of leaves, and the list functions are those over `Leaves`.
"""

import hashlib
from collections.abc import Sequence
from typing import Protocol

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

Node = tuple[int, int]  # (level, index) of a complete subtree


def leaf_hash(data: bytes) -> bytes:
    """Return SHA-256(0x00 || data), the hash of a leaf."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return SHA-256(0x01 || left || right), the hash of an inner node."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """Return the largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


# -- ranges: which subtrees a root or a proof is made of ----------------------------

def subtrees(start: int, end: int) -> list[Node]:
    """Return the complete subtrees, left to right, whose fold is MTH(D[start:end]).

    Valid for the ranges the RFC's recursion produces: `start` is a multiple
    of the largest power of two not above end - start.
    """
    nodes, position, length = [], start, end - start
    for level in range(length.bit_length() - 1, -1, -1):
        if length >> level & 1:
            nodes.append((level, position >> level))
            position += 1 << level
    return nodes


def fold(hashes: Sequence[bytes]) -> bytes:
    """Return the root of consecutive complete subtrees, largest (leftmost) first."""
    if not hashes:
        return EMPTY_ROOT
    root = hashes[-1]
    for left in reversed(hashes[:-1]):
        root = node_hash(left, root)
    return root


def inclusion_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """Return the leaf ranges whose roots make PATH(index, D[0:size]), in proof order."""
    if not 0 <= index < size:
        raise ValueError(f"index {index} is not in a tree of size {size}")
    ranges, start, end = [], 0, size
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start += k
    return ranges[::-1]


def consistency_ranges(size1: int, size2: int) -> list[tuple[int, int]]:
    """Return the leaf ranges whose roots make PROOF(size1, D[0:size2]), in proof order."""
    if not 0 < size1 <= size2:
        raise ValueError(f"no consistency proof from size {size1} to size {size2}")
    ranges, start, end, whole = [], 0, size2, True
    while True:
        m = size1 - start
        if m == end - start:
            if not whole:
                ranges.append((start, end))
            break
        k = _split(end - start)
        if m <= k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start, whole = start + k, False
    return ranges[::-1]


# -- over a reader of complete subtrees, as Go's sumdb/tlog does over its HashReader --

class HashReader(Protocol):
    """Where the hashes of complete subtrees come from: a store's nodes, or `Leaves` in memory."""

    def read_hashes(self, nodes: Sequence[Node]) -> list[bytes]:
        """Return the hashes of these distinct complete subtrees, in the order asked."""
        ...


def range_roots(reader: HashReader, ranges: Sequence[tuple[int, int]]) -> list[bytes]:
    """Return MTH of each leaf range, folded from one read of the subtrees they are made of."""
    parts = [subtrees(start, end) for start, end in ranges]
    wanted = list(dict.fromkeys(node for part in parts for node in part))
    found = dict(zip(wanted, reader.read_hashes(wanted), strict=True)) if wanted else {}
    return [fold([found[node] for node in part]) for part in parts]


def tree_root(reader: HashReader, size: int) -> bytes:
    """Return MTH of the first `size` leaves."""
    return range_roots(reader, [(0, size)])[0]


def prove_inclusion(reader: HashReader, index: int, size: int) -> tuple[bytes, list[bytes], bytes]:
    """Return (leaf hash, audit path, root) of leaf `index` in the tree of `size`, from one read."""
    ranges = inclusion_ranges(index, size)
    *path, leaf, root_ = range_roots(reader, [*ranges, (index, index + 1), (0, size)])
    return leaf, path, root_


def prove_consistency(reader: HashReader, size1: int, size2: int) -> tuple[list[bytes], bytes, bytes]:
    """Return (proof, root at size1, root at size2) that the tree of size1 is a prefix of that of size2."""
    ranges = consistency_ranges(size1, size2)
    *proof, root1, root2 = range_roots(reader, [*ranges, (0, size1), (0, size2)])
    return proof, root1, root2


class Leaves:
    """A HashReader over a list of leaf hashes: each subtree hashed from its leaves, reusing those already read."""

    def __init__(self, leaf_hashes: Sequence[bytes]):
        self.leaf_hashes = leaf_hashes

    def read_hashes(self, nodes: Sequence[Node]) -> list[bytes]:
        known: dict[Node, bytes] = {}
        for node in sorted(nodes):  # smaller subtrees first: a proof's root is then O(log n) more hashes
            known[node] = self._hash(node, known)
        return [known[node] for node in nodes]

    def _hash(self, node: Node, known: dict[Node, bytes]) -> bytes:
        level, index = node
        if node in known:
            return known[node]
        if not any(low < level and i >> (level - low) == index for low, i in known):
            return _complete_root(self.leaf_hashes, level, index)
        return node_hash(self._hash((level - 1, 2 * index), known), self._hash((level - 1, 2 * index + 1), known))


def _complete_root(leaf_hashes: Sequence[bytes], level: int, index: int) -> bytes:
    layer = list(leaf_hashes[index << level:(index + 1) << level])
    while len(layer) > 1:
        layer = [node_hash(layer[i], layer[i + 1]) for i in range(0, len(layer), 2)]
    return layer[0]


# -- over a list of leaf hashes: the contract's functions ----------------------------

def root(leaf_hashes: Sequence[bytes]) -> bytes:
    """Return MTH of the leaves (their hashes, as `leaf_hash` gives them)."""
    return tree_root(Leaves(leaf_hashes), len(leaf_hashes))


def inclusion_proof(leaf_hashes: Sequence[bytes], index: int) -> list[bytes]:
    """Return the audit path of leaf `index` in the tree of these leaves."""
    return prove_inclusion(Leaves(leaf_hashes), index, len(leaf_hashes))[1]


def consistency_proof(leaf_hashes: Sequence[bytes], size1: int) -> list[bytes]:
    """Return the proof that the tree of the first `size1` leaves is a prefix of this one."""
    return prove_consistency(Leaves(leaf_hashes), size1, len(leaf_hashes))[0]


# -- checks (RFC 9162 2.1.3.2 and 2.1.4.2), strict about sizes and lengths ----------

def _hashes(*values) -> bool:
    return all(isinstance(v, (bytes, bytearray)) and len(v) == HASH_SIZE for v in values)


def verify_inclusion(index: int, size: int, leaf_hash: bytes, proof: Sequence[bytes], root: bytes) -> bool:
    """Return whether `proof` shows leaf `index` with this hash is in the tree of `size` with `root`."""
    if not (0 <= index < size and _hashes(leaf_hash, root, *proof)):
        return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(size1: int, size2: int, root1: bytes, root2: bytes, proof: Sequence[bytes]) -> bool:
    """Return whether `proof` shows the tree (size1, root1) is a prefix of (size2, root2).

    A tree of size 0 proves nothing and is refused, as the reference vectors ask.
    """
    if not 0 < size1 <= size2:
        return False
    if size1 == size2:
        return not proof and root1 == root2
    if not proof or not _hashes(root1, root2, *proof):
        return False
    path = list(proof)
    if size1 & (size1 - 1) == 0:  # size1 is a power of two: its root is a node of the larger tree
        path.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == root1 and sr == root2


# -- the right edge: O(log n) appends ---------------------------------------------

class Frontier:
    """The roots of the complete subtrees on a tree's right edge, largest first."""

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()):
        if len(hashes) != bin(size).count("1"):
            raise ValueError(f"a tree of size {size} has {bin(size).count('1')} frontier hashes, not {len(hashes)}")
        self.size = size
        self.hashes = list(hashes)

    @staticmethod
    def nodes(size: int) -> list[Node]:
        """Return the (level, index) of the frontier subtrees of a tree of `size`, largest first."""
        return subtrees(0, size)

    def append(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        """Add a leaf hash; return the complete subtrees (level, index, hash) it completes."""
        completed = [(0, self.size, leaf)]
        level, index, node = 0, self.size, leaf
        while index & 1:  # a left sibling of the same level waits on the frontier
            node = node_hash(self.hashes.pop(), node)
            level, index = level + 1, index >> 1
            completed.append((level, index, node))
        self.hashes.append(node)
        self.size += 1
        return completed

    def root(self) -> bytes:
        return fold(self.hashes)
