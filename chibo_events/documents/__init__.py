"""The biên bản of a meeting, rendered from the minutes JSON as plain text and as a Word document.

`vietnamese` holds the words (dates, times, shares, codes); `minutes_text`
lays the biên bản out once, as blocks, and prints them; `minutes_docx` sets
the same blocks in a Word document. Import the renderer you need from its
module: this package imports nothing, so python-docx loads only for DOCX.
"""
