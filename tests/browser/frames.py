"""What a page receives over the app's socket, frame by frame."""

from __future__ import annotations

# A frame this large carries the interface's catalogue (~60 KB); nothing else
# a page receives comes near it.
CATALOGUE_FRAME = 20_000


def frames_received(page) -> list[int]:
    """The sizes of the frames ``page`` receives from now on (a live list)."""
    sizes: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: sizes.append(len(frame))))
    return sizes


def catalogues(sizes: list[int]) -> int:
    """How many of those frames carried a catalogue."""
    return sum(size >= CATALOGUE_FRAME for size in sizes)
