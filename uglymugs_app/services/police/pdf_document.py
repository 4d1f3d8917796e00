"""A plain, printable A4 document built with fpdf2: headings, labelled fields, text.

It prints every language of the app with the Noto fonts bundled beside this
module (Latin and Cyrillic in Noto Sans, Thai in Noto Sans Thai as fpdf2's
fallback font; see ``fonts/README.md``); an installation may name one more
font with wider coverage (``UGLYMUGS_PDF_FONT_FILE``), used where both lack
a character.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONTS = Path(__file__).resolve().parent / "fonts"
BODY = "noto"


class Document:
    """Write top to bottom; ``bytes()`` gives the finished PDF."""

    def __init__(self, *, title: str, footer: str, font_file: Path | None = None) -> None:
        self._pdf = FPDF(format="A4")
        self._pdf.set_title(title)
        self._pdf.set_creator("Ugly Mugs")
        self._pdf.set_auto_page_break(auto=True, margin=18)
        fallbacks = [
            self._add(
                "noto-thai", FONTS / "NotoSansThai-Regular.ttf", FONTS / "NotoSansThai-Bold.ttf"
            )
        ]
        if font_file is not None and font_file.is_file():
            fallbacks.append(self._add("extra", font_file, font_file))
        self._font = self._add(BODY, FONTS / "NotoSans-Regular.ttf", FONTS / "NotoSans-Bold.ttf")
        self._pdf.set_fallback_fonts(fallbacks, exact_match=False)
        footer_text = footer
        pdf, font = self._pdf, self._font

        def draw_footer() -> None:
            pdf.set_y(-12)
            pdf.set_font(font, "", 8)
            pdf.cell(0, 6, f"{footer_text} - {pdf.page_no()}", align="C")

        # fpdf2 calls footer() on every page; replacing it on this instance spares a subclass.
        pdf.footer = draw_footer  # type: ignore[method-assign]
        pdf.add_page()
        self.heading(title, size=16)

    def _add(self, family: str, regular: Path, bold: Path) -> str:
        self._pdf.add_font(family, "", str(regular))
        self._pdf.add_font(family, "B", str(bold))
        return family

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
        # A character no font has (an emoji) must not fail the export.
        return "".join(ch if self._printable(ch) else "?" for ch in text)

    def _printable(self, ch: str) -> bool:
        return ch in "\n\t" or any(
            ord(ch) in font.cmap for font in self._pdf.fonts.values() if hasattr(font, "cmap")
        )
