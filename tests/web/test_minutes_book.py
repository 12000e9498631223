"""The year's minutes book (GET /cells/<cell>/minutes-book.docx?year=): every meeting of the year in order, each
from a new page, after a contents that links to each; on the demo book, both engines."""

import io

from docx import Document
from docx.oxml.ns import qn

from chibo_events.demo import book

API = f"/api/v1/cells/{book.BOOK}"


def _book(client, headers, **query):
    answer = client.get(f"{API}/minutes-book.docx", query_string=query, headers=headers)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    return answer, Document(io.BytesIO(answer.data))


def test_the_2021_book_holds_every_meeting_of_the_year_in_order_each_from_a_new_page(client, tokens, demo):
    meetings = [m for m in client.get(f"{API}/meetings", headers=tokens.inspector).json
                if m["opened_at"].startswith("2021") and not m.get("voided")]
    answer, document = _book(client, tokens.inspector, year=2021)

    assert answer.headers["Content-Disposition"] == f'attachment; filename="so-bien-ban-{book.BOOK}-2021.docx"'
    text = "\n".join(p.text for p in document.paragraphs)
    assert "SỔ BIÊN BẢN" in text and "Năm 2021" in text and f"{len(meetings)} biên bản" in text
    contents = document.tables[1]  # the cover's head, then the contents
    rows = [[c.text for c in row.cells] for row in contents.rows[1:]]
    assert [r[2] for r in rows] == [m["title"] for m in meetings]
    assert [r[0] for r in rows] == [f"{n:02d}" for n in range(1, len(meetings) + 1)]
    body = document.element.body
    breaks = body.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']")
    assert len(breaks) == 1 + len(meetings)  # after the cover, and before each biên bản
    bookmarks = [b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))]
    links = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))]
    assert links == bookmarks == [f"bien_ban_{n:02d}" for n in range(1, len(meetings) + 1)]
    titles = [p.text for p in document.paragraphs if p.text == "BIÊN BẢN"]
    assert len(titles) == len(meetings)  # each biên bản set whole, with its own title


def test_a_year_without_meetings_is_a_book_that_says_so(client, tokens, demo):
    _, document = _book(client, tokens.inspector, year=2019)

    assert "Năm 2019 sổ không có buổi sinh hoạt nào." in [p.text for p in document.paragraphs]


def test_a_bad_year_is_a_400_and_another_cells_member_a_403(client, tokens, demo):
    bad = client.get(f"{API}/minutes-book.docx", query_string={"year": "hai nghìn"}, headers=tokens.inspector)
    assert (bad.status_code, bad.json["error"]) == (400, "malformed")
    assert client.get(f"{API}/minutes-book.docx", headers=tokens.member(cell="khac")).status_code == 403


def test_the_cell_page_offers_the_book_of_each_year_it_met(client, tokens, demo):
    page = client.get(f"/cells/{book.BOOK}", headers=tokens.inspector).get_data(as_text=True)

    assert f'href="{API}/minutes-book.docx?year=2021" download>năm 2021</a>' in page
