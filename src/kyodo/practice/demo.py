"""Demo activity reports: five fiscal years of them, with small generated photos (no file from anywhere),
and the latest exchange meetings linked to the reports presented there."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kyodo.communities.models import Community
from kyodo.demo.steps import demo_step
from kyodo.events.models import Category, Event
from kyodo.fiscal_years import FiscalYear
from kyodo.practice.models import PracticePhoto, PracticeReport, PracticeTheme, ReportStatus
from kyodo.practice.photos import clean_photo, sample_photo

DEFAULT_THEMES = (
    ("bousai", "防災・減災"), ("kosodate", "子育て・子ども"), ("mimamori", "高齢者の見守り"),
    ("wakamono", "若者の参画"), ("kankyou", "環境・景観"), ("sangyou", "地域の産業・特産品"),
    ("bunka", "伝統文化・祭り"),
)
# (title, theme slugs, month, body)
TOPICS = (
    ("小中学生と取り組んだ地区防災訓練", ("bousai", "kosodate"), 9,
     "地区の小中学生と自主防災組織が一緒に避難所の開設訓練を行いました。段ボールベッドづくりは子どもたちが中心になりました。"),
    ("一人暮らし高齢者の見守り訪問", ("mimamori",), 11,
     "民生委員と協働体の役員が2人1組で訪問し、冬の暮らしで困っていることを聞き取りました。"),
    ("高校生が企画した夏祭りの夜店", ("wakamono", "bunka"), 8,
     "地元の高校生が夜店の企画と運営を担い、売上の一部を地区の子ども会に寄付しました。"),
    ("休耕田を使った花いっぱい運動", ("kankyou", "sangyou"), 6,
     "休耕田に菜の花とひまわりを植え、地区内外から多くの人が訪れました。"),
)


def ensure_themes() -> list[PracticeTheme]:
    """The city's starting list of themes (kept when the city has edited it)."""
    return [PracticeTheme.objects.get_or_create(slug=slug, defaults={"name": name, "order": order * 10})[0]
            for order, (slug, name) in enumerate(DEFAULT_THEMES, start=1)]


def _author(community: Community):  # type: ignore[no-untyped-def]
    from kyodo.accounts.models import User

    user = User.objects.filter(community=community, is_active=True).order_by("pk").first()
    return user or User.objects.filter(role="city_admin").order_by("pk").first()


def _add_photo(report: PracticeReport, seed: int) -> None:
    data = sample_photo(seed)
    photo = clean_photo(io.BytesIO(data), len(data))
    stored = PracticePhoto(report=report, content_type=photo.content_type, width=photo.width,
                           height=photo.height, caption=f"{report.title}の様子")
    stored.image.save("photo", ContentFile(photo.content), save=False)
    stored.save()


@demo_step(65)
@transaction.atomic
def create_demo_reports() -> int:
    """Four reports a year for the current fiscal year and the four before it, published when past."""
    themes = {theme.slug: theme for theme in ensure_themes()}
    communities = list(Community.objects.order_by("pk")[:8])
    if not communities:
        return 0
    today = timezone.localdate()
    current = FiscalYear.current().year
    created = 0
    for year in range(current - 4, current + 1):
        for number, (title, slugs, month, body) in enumerate(TOPICS):
            held_on = dt.date(year + 1 if month < 4 else year, month, 10)
            if held_on > today:
                continue
            community = communities[(year + number) % len(communities)]
            name = f"{title}({FiscalYear(year).wareki})"
            if PracticeReport.objects.filter(title=name, community=community).exists():
                continue
            author = _author(community)
            if author is None:
                return created
            report = PracticeReport.objects.create(
                community=community, title=name, held_on=held_on, body=body, created_by=author,
                status=ReportStatus.PUBLISHED, published_at=timezone.now(), is_demo_data=True)
            report.themes.set([themes[slug] for slug in slugs])
            _add_photo(report, year * 10 + number)
            created += 1
        _link_exchange_meeting(year)
    return created


def _link_exchange_meeting(year: int) -> None:
    """The year's exchange meeting presented that year's reports."""
    fiscal = FiscalYear(year)
    event = Event.objects.filter(kind__category=Category.EXCHANGE, starts_at__date__gte=fiscal.starts_on,
                                 starts_at__date__lte=fiscal.ends_on).order_by("starts_at").first()
    if event is not None and not event.presented_reports.exists():
        event.presented_reports.set(PracticeReport.objects.published().filter(fiscal_year=year)[:3])
