"""Opening a logo, a PNG or JPEG, with the one Pillow plugin its first bytes name.

``Image.open`` imports five plugins before it tries any (15 ms of a command); the
profile's logo check and the Word writer open logos this way instead.
"""

from __future__ import annotations

import io
import struct
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import PIL.ImageFile

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
#: The first bytes of the images a logo may be.
IMAGE_MAGIC = (PNG_MAGIC, JPEG_MAGIC)
#: What Pillow raises for a file it cannot read (``Image.open`` turns the last three into
#: "cannot identify image file").
UNREADABLE = (OSError, SyntaxError, ValueError, IndexError, TypeError, struct.error)


def open_image(data: bytes) -> PIL.ImageFile.ImageFile:
    """``data`` (starting with one of :data:`IMAGE_MAGIC`) opened by its format's plugin,
    as ``Image.open`` would pick it; nothing is decoded yet."""
    if data.startswith(PNG_MAGIC):
        from PIL.PngImagePlugin import PngImageFile  # noqa: PLC0415

        return PngImageFile(io.BytesIO(data))
    from PIL.JpegImagePlugin import jpeg_factory  # noqa: PLC0415

    return jpeg_factory(io.BytesIO(data))
