"""RFC 9162 Merkle trees: the published reference vectors, and properties over any tree."""

import base64
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chibo_events import merkle

VECTORS = Path(os.environ.get("CHIBO_RFC6962_VECTORS", Path(__file__).resolve().parents[3] / "shared/testdata/rfc6962"))
ABSENT = f"the RFC 6962 reference vectors are not at {VECTORS} (set CHIBO_RFC6962_VECTORS to their folder)"

# The eight leaves of Certificate Transparency's reference tree, which the vectors' happy paths use.
CT_LEAVES = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
)]
CT_HASHES = [merkle.leaf_hash(leaf) for leaf in CT_LEAVES]
CT_ROOT_8 = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"


def cases(kind: str) -> list:
    folder = VECTORS / kind
    if not folder.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=ABSENT), id="vectors-absent")]
    paths = sorted(folder.glob("**/*.json"))
    return [pytest.param(json.loads(p.read_text()), id=str(p.relative_to(folder))) for p in paths]


def b64(value: str) -> bytes:
    return base64.b64decode(value)


def proof_of(case) -> list[bytes]:
    return [b64(p) for p in case["proof"] or ()]  # the vectors write an empty proof as null or []


@pytest.mark.parametrize("case", cases("inclusion"))
def test_inclusion_vector(case):
    ok = merkle.verify_inclusion(
        case["leafIdx"], case["treeSize"], b64(case["leafHash"]), proof_of(case), b64(case["root"])
    )
    assert ok is not case["wantErr"], case["desc"]


@pytest.mark.parametrize("case", cases("consistency"))
def test_consistency_vector(case):
    ok = merkle.verify_consistency(
        case["size1"], case["size2"], b64(case["root1"]), b64(case["root2"]), proof_of(case)
    )
    assert ok is not case["wantErr"], case["desc"]


def test_the_vectors_folder_holds_cases_of_both_kinds():
    if not VECTORS.is_dir():
        pytest.skip(ABSENT)
    assert len(list((VECTORS / "inclusion").glob("**/*.json"))) > 50
    assert len(list((VECTORS / "consistency").glob("**/*.json"))) > 50


def test_the_reference_tree_has_the_published_root():
    assert merkle.root(CT_HASHES).hex() == CT_ROOT_8
    assert merkle.root([]) == merkle.EMPTY_ROOT == bytes.fromhex(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")


def reference_tree_cases(kind: str, size_key: str) -> list:
    """The happy paths about the reference tree: our own proofs must equal theirs."""
    return [c for c in cases(kind) if c.values[0] is None or (
        c.values[0]["desc"] == "happy path" and 0 < c.values[0][size_key] <= len(CT_HASHES))]


@pytest.mark.parametrize("case", reference_tree_cases("inclusion", "treeSize"))
def test_our_inclusion_proofs_equal_the_published_ones(case):
    leaves = CT_HASHES[:case["treeSize"]]
    assert merkle.root(leaves) == b64(case["root"])
    assert merkle.inclusion_proof(leaves, case["leafIdx"]) == proof_of(case)


@pytest.mark.parametrize("case", reference_tree_cases("consistency", "size2"))
def test_our_consistency_proofs_equal_the_published_ones(case):
    leaves = CT_HASHES[:case["size2"]]
    assert merkle.root(leaves[:case["size1"]]) == b64(case["root1"])
    assert merkle.consistency_proof(leaves, case["size1"]) == proof_of(case)


# -- properties -------------------------------------------------------------------

trees = st.lists(st.binary(max_size=8), min_size=1, max_size=70).map(lambda ds: [merkle.leaf_hash(d) for d in ds])


def naive_root(leaves: list[bytes]) -> bytes:
    """MTH straight from the RFC's recursive definition."""
    if len(leaves) == 1:
        return leaves[0]
    k = merkle._split(len(leaves))
    return merkle.node_hash(naive_root(leaves[:k]), naive_root(leaves[k:]))


@settings(max_examples=200, deadline=None)
@given(trees)
def test_the_frontier_root_is_the_root_of_the_whole_tree_at_every_size(leaves):
    frontier = merkle.Frontier()
    for n, leaf in enumerate(leaves, start=1):
        frontier.append(leaf)
        assert frontier.root() == naive_root(leaves[:n]) == merkle.root(leaves[:n])


@settings(max_examples=200, deadline=None)
@given(trees)
def test_the_frontier_reports_every_complete_subtree_with_its_root(leaves):
    frontier, completed = merkle.Frontier(), {}
    for leaf in leaves:
        for level, index, node in frontier.append(leaf):
            completed[(level, index)] = node
    for (level, index), node in completed.items():
        assert node == naive_root(leaves[index << level:(index + 1) << level])
    assert len(completed) == sum(len(leaves) >> level for level in range(len(leaves).bit_length()))


@settings(max_examples=200, deadline=None)
@given(trees, st.data())
def test_an_inclusion_proof_from_any_tree_verifies_and_not_for_another_leaf(leaves, data):
    index = data.draw(st.integers(0, len(leaves) - 1))
    proof, root = merkle.inclusion_proof(leaves, index), merkle.root(leaves)
    assert merkle.verify_inclusion(index, len(leaves), leaves[index], proof, root)
    assert not merkle.verify_inclusion(index, len(leaves), merkle.leaf_hash(b"other"), proof, root)
    if len(leaves) > 1:
        assert not merkle.verify_inclusion((index + 1) % len(leaves), len(leaves), leaves[index], proof, root) \
            or leaves[index] == leaves[(index + 1) % len(leaves)]


@settings(max_examples=200, deadline=None)
@given(trees, st.data())
def test_a_consistency_proof_from_any_tree_verifies_and_not_against_a_fork(leaves, data):
    size1 = data.draw(st.integers(1, len(leaves)))
    proof = merkle.consistency_proof(leaves, size1)
    root1, root2 = merkle.root(leaves[:size1]), merkle.root(leaves)
    assert merkle.verify_consistency(size1, len(leaves), root1, root2, proof)
    forked = leaves[:size1 - 1] + [merkle.leaf_hash(b"forged")]
    assert not merkle.verify_consistency(size1, len(leaves), merkle.root(forked), root2, proof)


class StoredSubtrees:
    """What the store keeps: every complete subtree, read as a merkle.HashReader that counts its reads."""

    def __init__(self, leaves: list[bytes]):
        frontier, self.stored, self.reads = merkle.Frontier(), {}, 0
        for leaf in leaves:
            self.stored.update({(level, index): node for level, index, node in frontier.append(leaf)})

    def read_hashes(self, nodes):
        self.reads += 1
        assert len(set(nodes)) == len(nodes), "a reader is asked for each subtree once"
        return [self.stored[n] for n in nodes]


@settings(max_examples=100, deadline=None)
@given(trees, st.data())
def test_proofs_from_a_reader_of_stored_subtrees_equal_proofs_from_the_leaves_in_one_read_each(leaves, data):
    """What the store does: keep complete subtrees, compute each root and proof from one read of them."""
    reader, size = StoredSubtrees(leaves), len(leaves)
    index = data.draw(st.integers(0, size - 1))
    size1 = data.draw(st.integers(1, size))
    root = merkle.root(leaves)
    assert merkle.prove_inclusion(reader, index, size) == (leaves[index], merkle.inclusion_proof(leaves, index), root)
    assert merkle.prove_consistency(reader, size1, size) == (
        merkle.consistency_proof(leaves, size1), merkle.root(leaves[:size1]), root)
    assert merkle.tree_root(reader, size1) == merkle.root(leaves[:size1])
    assert reader.reads == 3


def test_the_root_of_no_leaves_reads_nothing():
    reader = StoredSubtrees([])
    assert merkle.tree_root(reader, 0) == merkle.EMPTY_ROOT and reader.reads == 0


@settings(max_examples=200, deadline=None)
@given(trees, st.data())
def test_the_reader_of_a_leaf_list_hashes_any_complete_subtrees_it_is_asked_for(leaves, data):
    """Leaves reuses the subtrees of one read inside larger ones; the hashes must not change for it."""
    every = [(level, index) for level in range(len(leaves).bit_length()) for index in range(len(leaves) >> level)]
    nodes = data.draw(st.lists(st.sampled_from(every), unique=True))
    expected = [naive_root(leaves[index << level:(index + 1) << level]) for level, index in nodes]
    assert merkle.Leaves(leaves).read_hashes(nodes) == expected


def test_a_frontier_refuses_hashes_that_do_not_fit_its_size():
    with pytest.raises(ValueError):
        merkle.Frontier(3, [merkle.EMPTY_ROOT])


@pytest.mark.parametrize("index, size", [(0, 0), (5, 5), (-1, 3)])
def test_no_inclusion_proof_outside_the_tree(index, size):
    with pytest.raises(ValueError):
        merkle.inclusion_ranges(index, size)


@pytest.mark.parametrize("size1, size2", [(0, 3), (4, 3)])
def test_no_consistency_proof_from_an_empty_or_larger_tree(size1, size2):
    with pytest.raises(ValueError):
        merkle.consistency_ranges(size1, size2)
