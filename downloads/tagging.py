"""What WeasyPrint 66 leaves out of a tagged PDF: the language of a passage in another
language than the document (the German text a translated PDF shows where a translation is
missing, marked ``lang="de"`` in the HTML), for PDF/UA and for screen readers to switch
their voice. It is added as ``/Lang`` to the property list of each such run of text's
marked content (``/Span <</MCID … /Lang (de)>> BDC``) as the run is drawn.

WeasyPrint has no hook for this; ``languages_marked()`` wraps the method that opens a
marked-content sequence (``Stream.marked``) while one PDF is made, and only adds a key to
the property list it has just written. tests/test_downloads.py checks it in the PDFs, so a
WeasyPrint that changes this method fails the tests rather than the readers.

Right-to-left text needs nothing here: WeasyPrint writes Arabic and Persian glyphs in
visual order, and extractors that apply the Unicode bidirectional algorithm (poppler's,
in most PDF viewers of free desktops, and the PDF.js one) read them in logical order; an
``/ActualText`` in logical order made poppler read every run backwards (tried and left
out). pdfminer.six applies no bidi algorithm: it reads such lines left to right."""

import re
from contextlib import contextmanager

import pydyf
from weasyprint.pdf.stream import Stream


def _primary(language: str | None) -> str:
    return re.split(r"[-_]", language or "", maxsplit=1)[0].lower()


@contextmanager
def languages_marked(document_language: str):
    """While it is active, every text run drawn in another language than
    ``document_language`` gets its ``/Lang``."""
    drawn_by_weasyprint = Stream.marked

    @contextmanager
    def marked(stream, box, tag):
        with drawn_by_weasyprint(stream, box, tag):
            properties = stream.stream[-2] if len(stream.stream) > 1 else None
            language = box.style["lang"] if getattr(box, "text", None) else None
            other = language and _primary(language) != _primary(document_language)
            if other and isinstance(properties, pydyf.Dictionary):
                properties["Lang"] = pydyf.String(language)
            yield

    Stream.marked = marked
    try:
        yield
    finally:
        Stream.marked = drawn_by_weasyprint
