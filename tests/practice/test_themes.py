"""The city keeps the list of activity-report themes in kyodo: add, rename, reorder, each audited; bad input is a
Japanese message and nothing changes; only the city's coordination division may."""

from __future__ import annotations

from django.urls import reverse

from kyodo.audit.models import AuditEvent
from kyodo.practice.models import PracticeTheme
from tests.practice.factories import make_report


def test_the_city_adds_a_theme_and_it_is_offered_to_reports(world):
    client = world.client("city_admin")
    response = client.post(reverse("practice_staff:theme-create"), {"name": "雪かき", "slug": "yukikaki", "order": "3"})
    assert response.status_code == 302
    theme = PracticeTheme.objects.get(slug="yukikaki")
    assert (theme.name, theme.order) == ("雪かき", 3)
    event = AuditEvent.objects.get(action="practice_theme.create")
    assert event.actor_id == world.users["city_admin"].pk and "雪かき" in event.summary
    page = client.get(reverse("practice_staff:theme-list")).content.decode()
    assert "雪かき" in page and "yukikaki" in page
    writing = world.client("community_secretariat").get(reverse("practice_staff:report-create"))
    assert "雪かき" in writing.content.decode()


def test_renaming_a_theme_in_use_keeps_its_reports_and_counts_them(world):
    report = make_report(world.community_a, status="published")
    theme = PracticeTheme.objects.create(name="防犯", slug="bohan", order=1)
    report.themes.add(theme)
    client = world.client("city_admin")
    listing = client.get(reverse("practice_staff:theme-list")).content.decode()
    assert "防犯" in listing
    response = client.post(reverse("practice_staff:theme-edit", args=[theme.pk]),
                           {"name": "防犯・交通安全", "slug": "bohan", "order": "2"})
    assert response.status_code == 302
    names = set(report.themes.values_list("name", flat=True))
    assert "防犯・交通安全" in names and "防犯" not in names
    event = AuditEvent.objects.get(action="practice_theme.update")
    assert event.data["before"]["name"] == "防犯" and event.data["after"]["name"] == "防犯・交通安全"


def test_bad_input_is_explained_in_japanese_and_nothing_changes(world):
    PracticeTheme.objects.create(name="防災", slug="bosai")
    client = world.client("city_admin")
    before = PracticeTheme.objects.count()
    cases = [({"name": "", "slug": "x", "order": "1"}, "テーマの名称を入力してください。"),
             ({"name": "防災", "slug": "bosai2", "order": "1"}, "同じ名称のテーマがすでにあります。"),
             ({"name": "新", "slug": "bosai", "order": "1"}, "同じ識別子のテーマがすでにあります。"),
             ({"name": "新", "slug": "ぼうさい", "order": "1"}, "識別子は半角の英数字"),
             ({"name": "新", "slug": "new", "order": "x"}, "表示順は数字で入力してください。")]
    for data, message in cases:
        response = client.post(reverse("practice_staff:theme-create"), data)
        assert response.status_code == 422, data
        assert message in response.content.decode(), data
    assert PracticeTheme.objects.count() == before
    assert not AuditEvent.objects.filter(action__startswith="practice_theme").exists()


def test_only_the_city_manages_themes(world):
    theme = PracticeTheme.objects.create(name="防災", slug="bosai")
    for role in ("community_secretariat", "branch_staff", "liaison", "department_staff"):
        client = world.client(role)
        assert client.get(reverse("practice_staff:theme-list")).status_code == 403
        response = client.post(reverse("practice_staff:theme-edit", args=[theme.pk]),
                               {"name": "変更", "slug": "bosai", "order": "1"})
        assert response.status_code == 403
    assert PracticeTheme.objects.get(pk=theme.pk).name == "防災"
    staff_home = world.client("city_admin").get(reverse("staff:home")).content.decode()
    assert reverse("practice_staff:theme-list") in staff_home
