"""Activity reports in any state, with photos, for the tests."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.base import ContentFile
from PIL import Image

from kyodo.practice.models import PracticePhoto, PracticeReport, PracticeTheme


def theme(slug: str = "bousai", name: str = "防災・減災") -> PracticeTheme:
    found, _ = PracticeTheme.objects.get_or_create(slug=slug, defaults={"name": name})
    return found


def _author(community: Any) -> Any:
    from kyodo.accounts.models import User
    from tests.factories import UserFactory

    return (User.objects.filter(community=community).first() or User.objects.filter(role="city_admin").first()
            or UserFactory(role="city_admin"))


def make_report(community: Any, *, status: str = "published", title: str = "小学生と防災訓練",
                held_on: dt.date | None = None, themes: tuple[PracticeTheme, ...] = (), photos: int = 0,
                **fields: Any) -> PracticeReport:
    report = PracticeReport.objects.create(
        community=community, title=title, held_on=held_on or dt.date(2024, 9, 1), body="避難所の開設を訓練しました。",
        status=status, created_by=_author(community), **fields)
    report.themes.set(themes or (theme(),))
    for number in range(photos):
        PracticePhoto.objects.create(report=report, image=ContentFile(jpeg(), name=f"p{number}.jpg"),
                                     content_type="image/jpeg", width=40, height=30, caption=f"写真{number}")
    return report


def jpeg(size: tuple[int, int] = (40, 30), *, exif: bytes | None = None, fmt: str = "JPEG") -> bytes:
    image = Image.new("RGB", size, (200, 80, 40))
    out = io.BytesIO()
    if exif is not None:
        image.save(out, fmt, exif=exif)
    else:
        image.save(out, fmt)
    return out.getvalue()


def gps_exif() -> bytes:
    """EXIF with a GPS location (Ichinoseki city hall) and a camera model."""
    exif = Image.Exif()
    exif[0x0110] = "TestCam 9"  # Model
    exif[0x8825] = {1: "N", 2: (38.0, 56.0, 2.0), 3: "E", 4: (141.0, 7.0, 36.0)}  # GPSInfo
    return exif.tobytes()
