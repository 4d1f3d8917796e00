"""A plain, printable A4 document built with fpdf2: headings, labelled fields, text."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

CORE_FONT = "helvetica"


class Document:
    """Write top to bottom; ``bytes()`` gives the finished PDF."""

    def __init__(self, *, title: str, footer: str, font_file: Path | None = None) -> None:
        self._pdf = FPDF(format="A4")
        self._pdf.set_title(title)
        self._pdf.set_creator("Ugly Mugs")
        self._pdf.set_auto_page_break(auto=True, margin=18)
        self._unicode = font_file is not None and font_file.is_file()
        if self._unicode:
            self._pdf.add_font("body", "", str(font_file))
            self._pdf.add_font("body", "B", str(font_file))
            self._font = "body"
        else:
            self._font = CORE_FONT
        footer_text = self._safe(footer)
        pdf, font = self._pdf, self._font

        def draw_footer() -> None:
            pdf.set_y(-12)
            pdf.set_font(font, "", 8)
            pdf.cell(0, 6, f"{footer_text} - {pdf.page_no()}", align="C")

        # fpdf2 calls footer() on every page; replacing it on this instance spares a subclass.
        pdf.footer = draw_footer  # type: ignore[method-assign]
        pdf.add_page()
        self.heading(title, size=16)

    def heading(self, text: str, *, size: int = 13) -> None:
        self._pdf.set_font(self._font, "B", size)
        self._pdf.ln(2)
        self._pdf.multi_cell(0, size * 0.6, self._safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self._pdf.ln(1)

    def field(self, label: str, value: str) -> None:
        self._pdf.set_font(self._font, "B", 10)
        self._pdf.multi_cell(0, 5.5, self._safe(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.text(value or "-")

    def text(self, value: str) -> None:
        self._pdf.set_font(self._font, "", 10)
        self._pdf.multi_cell(0, 5.5, self._safe(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self._pdf.ln(1.5)

    def bytes(self) -> bytes:
        return bytes(self._pdf.output())

    def _safe(self, text: str) -> str:
        if self._unicode:
            return text
        # The core fonts know Latin-1 only; a missing character must not fail the export.
        return text.encode("latin-1", "replace").decode("latin-1")
