"""Photos of activity reports: what is accepted, and the copy that is stored.

What a file is, is decided by Pillow reading it (JPEG, PNG or WebP), never by its name or the
browser's content type. The stored copy is re-encoded from the pixels only: turned upright by its
EXIF orientation, shrunk to at most ``MAX_SIDE`` pixels on its longest side, and saved without any
metadata, so a photo taken on a phone no longer says where it was taken (GPS) or with what.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 1600
DEFAULT_MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 60_000_000  # a decompression bomb is refused before it is decoded
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    content_type: str
    width: int
    height: int


def max_bytes() -> int:
    return int(getattr(settings, "KYODO_MAX_PHOTO_BYTES", DEFAULT_MAX_BYTES))


def max_megabytes() -> str:
    return f"{max_bytes() / (1024 * 1024):g}"


def _refuse() -> ValidationError:
    return ValidationError(_("写真はJPEG、PNG、WebPの画像ファイルを選んでください。"), code="photo_type")


def clean_photo(upload: IO[bytes], size: int) -> CleanPhoto:
    """The stored copy of ``upload``; ValidationError (in Japanese) when it is not a photo kyodo accepts."""
    if size <= 0:
        raise ValidationError(_("ファイルが空です。写真のファイルを選んでください。"), code="photo_empty")
    if size > max_bytes():
        raise ValidationError(_("写真が大きすぎます(%(limit)s MBまで)。") % {"limit": max_megabytes()},
                              code="photo_size")
    try:
        with Image.open(upload) as image:
            kind = image.format or ""
            if kind not in FORMATS:
                raise _refuse()
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("写真の画素数が多すぎます。小さくしてから選んでください。"),
                                      code="photo_pixels")
            image.load()
            picture = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise _refuse() from None
    picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    return _encode(picture, kind)


def _encode(picture: Image.Image, kind: str) -> CleanPhoto:
    """Pixels only: a fresh image without ``info`` (EXIF, XMP, ICC, comments) is what gets saved."""
    mode = "RGB" if kind == "JPEG" else ("RGBA" if "A" in picture.getbands() else "RGB")
    pixels = picture.convert(mode)
    bare = Image.new(mode, pixels.size)
    bare.paste(pixels)
    out = io.BytesIO()
    if kind == "JPEG":
        bare.save(out, "JPEG", quality=85, optimize=True)
    elif kind == "PNG":
        bare.save(out, "PNG", optimize=True)
    else:
        bare.save(out, "WEBP", quality=85)
    return CleanPhoto(out.getvalue(), FORMATS[kind], bare.width, bare.height)


def sample_photo(seed: int, *, size: tuple[int, int] = (480, 320)) -> bytes:
    """A small generated JPEG (coloured bands) for demo data and tests; no file from anywhere."""
    image = Image.new("RGB", size, ((seed * 47) % 200 + 30, (seed * 91) % 200 + 30, (seed * 13) % 200 + 30))
    band = Image.new("RGB", (size[0], size[1] // 4), ((seed * 29) % 255, 180, 120))
    image.paste(band, (0, size[1] * 3 // 4))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue()
