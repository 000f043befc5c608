"""Photos: only JPEG, PNG and WebP within the size limit; stored resized and without EXIF (no GPS)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kyodo.audit.models import AuditEvent
from kyodo.practice import services
from kyodo.practice.models import PracticePhoto
from kyodo.practice.photos import MAX_SIDE, clean_photo
from tests.practice.factories import gps_exif, jpeg, make_report

pytestmark = pytest.mark.django_db


def _files() -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def test_the_test_photo_really_carries_a_gps_location():
    with Image.open(io.BytesIO(jpeg(exif=gps_exif()))) as image:
        assert image.getexif().get_ifd(0x8825)[2] == (38.0, 56.0, 2.0)


def test_a_large_jpeg_with_gps_is_stored_resized_and_without_any_exif(world, secretary):
    report = make_report(world.community_a, status="draft")
    data = jpeg((3200, 2000), exif=gps_exif())
    before = _files()
    photo = services.add_photo(report, actor=secretary, version=report.version, upload=io.BytesIO(data),
                               size=len(data), caption="防災訓練の様子")
    stored = Path(settings.MEDIA_ROOT) / photo.image.name
    assert stored in _files() and len(_files()) == len(before) + 1
    with Image.open(stored) as image:
        assert image.format == "JPEG"
        assert max(image.size) == MAX_SIDE and image.size == (1600, 1000)
        assert len(image.getexif()) == 0
        assert "exif" not in image.info
    raw = stored.read_bytes()
    assert b"Exif" not in raw and b"TestCam" not in raw
    assert (photo.width, photo.height) == (1600, 1000)
    assert AuditEvent.objects.filter(action="practice_report.photo_add").count() == 1


@pytest.mark.parametrize("fmt,content_type", [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_are_accepted_and_kept_in_their_format(fmt, content_type):
    data = jpeg((100, 50), fmt=fmt)
    photo = clean_photo(io.BytesIO(data), len(data))
    assert photo.content_type == content_type and (photo.width, photo.height) == (100, 50)


@pytest.mark.parametrize("data", [
    b"%PDF-1.4 not a photo", b"<script>alert(1)</script>", b"GIF89a" + b"\0" * 40,
    b"\xff\xd8\xff\xe0 truncated jpeg",
])
def test_what_is_not_a_photo_is_refused_in_japanese(data):
    with pytest.raises(ValidationError) as refused:
        clean_photo(io.BytesIO(data), len(data))
    assert "JPEG、PNG、WebP" in refused.value.messages[0]


def test_an_oversized_photo_is_refused_before_it_is_read(settings):
    settings.KYODO_MAX_PHOTO_BYTES = 1000
    data = jpeg((400, 400))
    with pytest.raises(ValidationError) as refused:
        clean_photo(io.BytesIO(data), len(data))
    assert "大きすぎます" in refused.value.messages[0]


def _post(client, report, data, name="a.jpg", caption="説明"):
    upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return client.post(f"/staff/practice/{report.pk}/photos/",
                       {"image": upload, "caption": caption, "version": report.version})


def test_a_wrong_file_on_the_page_is_a_422_with_a_japanese_message_and_nothing_stored(world):
    report = make_report(world.community_a, status="draft")
    client = world.client("community_secretariat")
    before = _files()
    response = _post(client, report, b"%PDF-1.4 fake", name="photo.jpg")
    assert response.status_code == 422
    assert "JPEG、PNG、WebP" in response.content.decode()
    assert PracticePhoto.objects.count() == 0 and _files() == before
    assert type(report).objects.get(pk=report.pk).version == report.version


def test_an_oversized_photo_on_the_page_is_a_422_and_nothing_stored(world, settings):
    settings.KYODO_MAX_PHOTO_BYTES = 2000
    report = make_report(world.community_a, status="draft")
    response = _post(world.client("community_secretariat"), report, jpeg((600, 600)))
    assert response.status_code == 422 and "大きすぎます" in response.content.decode()
    assert PracticePhoto.objects.count() == 0


def test_a_photo_is_added_on_the_page_and_served_only_once_published(world):
    report = make_report(world.community_a, status="draft")
    client = world.client("community_secretariat")
    response = _post(client, report, jpeg((50, 40), exif=gps_exif()))
    assert response.status_code == 302
    photo = PracticePhoto.objects.get()
    assert client.get(photo.get_absolute_url()).status_code == 200
    anonymous = world.client("anonymous")
    assert anonymous.get(photo.get_absolute_url()).status_code == 404
    type(report).objects.filter(pk=report.pk).update(status="published")
    served = anonymous.get(photo.get_absolute_url())
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"TestCam" not in b"".join(served.streaming_content)


def test_no_more_than_the_limit_of_photos(world, secretary):
    report = make_report(world.community_a, status="draft", photos=services.MAX_PHOTOS)
    data = jpeg()
    with pytest.raises(ValidationError) as refused:
        services.add_photo(report, actor=secretary, version=report.version, upload=io.BytesIO(data),
                           size=len(data), caption="7枚目")
    assert "枚まで" in refused.value.messages[0]
    assert report.photos.count() == services.MAX_PHOTOS
