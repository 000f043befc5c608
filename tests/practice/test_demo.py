"""Demo reports: five fiscal years of published reports with generated photos (no EXIF), linked to the
exchange meetings; running the step again adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from kyodo.events.demo import create_demo_events
from kyodo.fiscal_years import FiscalYear
from kyodo.practice.demo import create_demo_reports
from kyodo.practice.models import PracticePhoto, PracticeReport

pytestmark = pytest.mark.django_db


def test_demo_reports_span_five_fiscal_years_with_photos(world):
    create_demo_events()
    created = create_demo_reports()
    assert created >= 16
    current = FiscalYear.current().year
    years = set(PracticeReport.objects.published().values_list("fiscal_year", flat=True))
    assert set(range(current - 4, current)) <= years <= set(range(current - 4, current + 1))
    assert PracticePhoto.objects.count() == created
    photo = PracticePhoto.objects.first()
    with Image.open(Path(settings.MEDIA_ROOT) / photo.image.name) as image:
        assert image.format == "JPEG" and len(image.getexif()) == 0
    assert PracticeReport.objects.filter(presented_at__isnull=False).exists()
    assert all(report.themes.exists() for report in PracticeReport.objects.all())
    assert create_demo_reports() == 0
    assert world.client("anonymous").get("/practice/").status_code == 200
