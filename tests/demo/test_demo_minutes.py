"""Golden minutes of the demo meeting: `chibo minutes` as text and as DOCX read exactly as approved.

The golden files are the biên bản a person read and judged; when the wording
changes on purpose, regenerate them with CHIBO_UPDATE_GOLDEN=1 and read the diff.
"""

import io
import os
import re
from pathlib import Path

from docx import Document

GOLDEN = Path(__file__).parent / "golden"


def docx_lines(content: bytes) -> list[str]:
    """Return the document's header table, paragraphs and signature table as lines of text."""
    document = Document(io.BytesIO(content))
    lines = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in block.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            for cell in block.iter():
                if cell.tag.endswith("}tc"):
                    text = "\n".join(
                        "".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                        for p in cell.iter() if p.tag.endswith("}p"))
                    lines.append(f"[ô] {text}")
    return lines


def matches_golden(name: str, actual: str) -> None:
    # The root hashes recorded_at, which is the time the demo was loaded: the golden file holds its place.
    actual = re.sub(r"root [0-9a-f]{16}\.", "root ….", actual)
    path = GOLDEN / name
    if os.environ.get("CHIBO_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_the_demo_minutes_as_text_read_as_the_golden_bien_ban(runner, demo):
    result = runner.invoke(args=["chibo", "minutes", "--cell", "th-ky-tho", "--date", "2021-04-07"])
    assert result.exit_code == 0, result.output
    matches_golden("minutes-2021-04-07.txt", result.output)


def test_the_demo_minutes_as_docx_hold_the_golden_content(runner, demo, tmp_path):
    target = tmp_path / "bien-ban.docx"
    result = runner.invoke(args=["chibo", "minutes", "--cell", "th-ky-tho", "--date", "2021-04-07",
                                 "--format", "docx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    matches_golden("minutes-2021-04-07.docx.txt", "\n".join(docx_lines(target.read_bytes())) + "\n")
