"""A stacked bar chart as a PNG image, drawn here without any imaging library.

The picture holds bars, grid lines and numbers only; every word (duty names, legend) stays in the
document as text, in the document's language, where it can be read aloud and searched. The bars
are numbered like the rows of the summary table, and their colours are those of its header.

The PNG encoder is the smallest correct one: 8-bit RGB, filter type 0 on every row, zlib at a
fixed level, and a pHYs chunk so that Word shows the picture at its intended size. The same input
gives the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

Color = tuple[int, int, int]

# 5×7 digits, one string of 7 rows of 5 bits each.
_DIGITS = {
    "0": ("01110", "10001", "10011", "10101", "11001", "10001", "01110"),
    "1": ("00100", "01100", "00100", "00100", "00100", "00100", "01110"),
    "2": ("01110", "10001", "00001", "00010", "00100", "01000", "11111"),
    "3": ("11110", "00001", "00001", "01110", "00001", "00001", "11110"),
    "4": ("00010", "00110", "01010", "10010", "11111", "00010", "00010"),
    "5": ("11111", "10000", "11110", "00001", "00001", "10001", "01110"),
    "6": ("00110", "01000", "10000", "11110", "10001", "10001", "01110"),
    "7": ("11111", "00001", "00010", "00100", "01000", "01000", "01000"),
    "8": ("01110", "10001", "10001", "01110", "10001", "10001", "01110"),
    "9": ("01110", "10001", "10001", "01111", "00001", "00010", "01100"),
}

WHITE: Color = (255, 255, 255)
INK: Color = (38, 38, 38)
GRID: Color = (217, 217, 217)
AXIS: Color = (128, 128, 128)


def hex_color(value: str) -> Color:
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luminance(color: Color) -> float:
    r, g, b = color
    return 0.299 * r + 0.587 * g + 0.114 * b


class Canvas:
    """An RGB pixel buffer with the few drawing operations the chart needs."""

    def __init__(self, width: int, height: int, background: Color = WHITE) -> None:
        self.width = width
        self.height = height
        self._rows = [bytearray(bytes(background) * width) for _ in range(height)]

    def rect(self, x0: int, y0: int, x1: int, y1: int, color: Color) -> None:
        """Fill the rectangle [x0, x1) × [y0, y1), clipped to the canvas."""
        x0, x1 = max(0, x0), min(self.width, x1)
        y0, y1 = max(0, y0), min(self.height, y1)
        if x0 >= x1 or y0 >= y1:
            return
        span = bytes(color) * (x1 - x0)
        for y in range(y0, y1):
            self._rows[y][3 * x0 : 3 * x1] = span

    def text_width(self, text: str, scale: int) -> int:
        return len(text) * 6 * scale - scale if text else 0

    def number(self, x: int, y: int, text: str, scale: int, color: Color) -> None:
        """Digits with their top-left corner at (x, y); other characters are skipped."""
        for ch in text:
            glyph = _DIGITS.get(ch)
            if glyph is not None:
                for gy, bits in enumerate(glyph):
                    for gx, bit in enumerate(bits):
                        if bit == "1":
                            self.rect(x + gx * scale, y + gy * scale, x + (gx + 1) * scale, y + (gy + 1) * scale, color)
            x += 6 * scale

    def png(self, dpi: int = 150) -> bytes:
        raw = b"".join(b"\x00" + bytes(row) for row in self._rows)
        ppm = round(dpi / 0.0254)

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b"")
        )


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 6:
            return step
    return max(1, top // 5)


def stacked_bars(rows: Sequence[Sequence[int]], colors: Sequence[Color], width: int = 1500) -> bytes:
    """A horizontal stacked bar per row (numbered 1, 2 …), segments in ``colors``, as PNG bytes.

    Each segment shows its count when it is wide enough; the axis is marked in whole numbers.
    """
    scale = 4  # digit pixel size
    digit_h = 7 * scale
    bar_h = 36
    gap = 16
    left = 90
    right = 40
    top = 24
    axis_gap = 16
    height = top + len(rows) * (bar_h + gap) + axis_gap + digit_h + 20
    canvas = Canvas(width, height)
    total = max((sum(r) for r in rows), default=0)
    top_value = max(total, 1)
    step = _nice_step(top_value)
    top_value = ((top_value + step - 1) // step) * step
    plot_w = width - left - right

    def x_of(value: float) -> int:
        return left + round(plot_w * value / top_value)

    bottom = top + len(rows) * (bar_h + gap)
    for tick in range(0, top_value + 1, step):
        x = x_of(tick)
        canvas.rect(x, top - 6, x + 2, bottom, GRID)
        label = str(tick)
        tw = canvas.text_width(label, scale)
        canvas.number(min(max(x - tw // 2, 0), width - tw), bottom + axis_gap, label, scale, INK)
    canvas.rect(left - 2, top - 6, left, bottom, AXIS)

    for i, row in enumerate(rows):
        y = top + i * (bar_h + gap) + gap // 2
        label = str(i + 1)
        canvas.number(left - 18 - canvas.text_width(label, scale), y + (bar_h - digit_h) // 2, label, scale, INK)
        acc = 0
        for value, color in zip(row, colors, strict=False):
            if value <= 0:
                continue
            x0, x1 = x_of(acc), x_of(acc + value)
            canvas.rect(x0, y, x1, y + bar_h, color)
            text = str(value)
            tw = canvas.text_width(text, scale)
            if x1 - x0 >= tw + 12:
                ink = WHITE if _luminance(color) < 150 else INK
                canvas.number(x0 + (x1 - x0 - tw) // 2, y + (bar_h - digit_h) // 2, text, scale, ink)
            acc += value
    return canvas.png()
