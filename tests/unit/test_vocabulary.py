"""One vocabulary: every code the catalogue accepts has its words in chibo_events.vocabulary, said nowhere else."""

import re
import sys
from pathlib import Path

from marshmallow import validate

from chibo_events import catalogue, vocabulary
from chibo_events.vocabulary import Terms
from tests.unit.imports import imported_modules

ROOT = Path(__file__).resolve().parents[2]
TERMS = {name: value for name, value in vars(vocabulary).items() if isinstance(value, Terms)}


def choices_of(schema) -> dict[str, tuple[str, ...]]:
    """Return field name → the codes a OneOf validator of that field accepts."""
    found = {}
    for name, field in schema.fields.items():
        for validator in field.validators:
            if isinstance(validator, validate.OneOf):
                found[name] = tuple(validator.choices)
    return found


def test_the_vocabulary_needs_only_the_standard_library():
    imported = imported_modules(ROOT / "chibo_events" / "vocabulary.py")
    assert imported and all(name.split(".")[0] in sys.stdlib_module_names for name in imported)


def test_every_enumeration_of_the_catalogue_is_one_of_the_vocabulary():
    known = {terms.codes for terms in TERMS.values()} | {vocabulary.PROMOTED_KINDS}
    enumerations = {(event_type, name): codes for (event_type, _), schema in catalogue.SCHEMAS.items()
                    for name, codes in choices_of(schema).items()}
    assert enumerations, "the catalogue has enumerations"
    assert {key: codes for key, codes in enumerations.items() if codes not in known} == {}


def test_the_vote_fields_of_the_catalogue_are_the_vocabulary_s():
    for event_type in ("ConclusionAdopted", "MinutesApproved"):
        fields = catalogue.SCHEMAS[(event_type, catalogue.SCHEMA_VERSION)].fields
        assert set(vocabulary.VOTE_FIELDS) <= set(fields)


def test_every_event_type_has_its_words():
    every_type = catalogue.CELL_TYPES | catalogue.MEETING_TYPES | catalogue.EITHER_TYPES
    assert every_type - set(vocabulary.EVENT_TYPES) == set()


def test_no_template_restates_a_code_with_its_words():
    """A picker's choices come from `words.X.choices()`; a ("code", "Words") pair in a template is a copy.

    (A form field's own name and label, `select(f, "clerk", "Thư ký")` or `field_with_picker(form, "speaker",
    "Người phát biểu", f)`, is not an enumeration, though FIELDS names the same fields for the audit trail.)
    """
    pairs = re.compile("|".join(
        rf"""(?<!f, )(?<!form, )["']{re.escape(code)}["']\s*[,:]\s*["'](?i:{re.escape(words)})["']"""
        for terms in TERMS.values() for code, words in terms.words.items()))
    copies = [f"{path.relative_to(ROOT)}: {match.group(0)}"
              for path in (ROOT / "templates").glob("**/*.html")
              for match in pairs.finditer(path.read_text())]
    assert copies == []


def test_an_unknown_code_reads_as_itself_and_a_picker_is_capitalised():
    assert vocabulary.ATTENDANCE.word("postponed") == "postponed"
    assert vocabulary.ATTENDANCE.word(None) == ""
    assert ("absent_excused", "Vắng có lý do") in vocabulary.ATTENDANCE.choices()
