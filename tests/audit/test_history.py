"""An object's change history: field changes with the model's labels, who may see it, constant queries."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.accounts.roles import Role
from kyodo.communities.models import Community
from tests.audit.conftest import client_for


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _change_status(community: Community, status: str, **more) -> None:
    community.status = status
    for name, value in more.items():
        setattr(community, name, value)
    community.save()


def test_the_history_shows_each_change_with_labels_and_displays(world):
    community = world.community_a
    old_name = community.name
    _change_status(community, "established" if community.status != "established" else "forming", name="あおば協働会")
    html = _html(world.client("city_admin").get(f"/staff/history/communities.community/{community.pk}/"))
    assert "あおば協働会の変更履歴" in html
    assert "作成" in html and "変更" in html
    label = str(Community._meta.get_field("name").verbose_name)
    assert f'<th scope="row">{label}</th><td>{old_name}</td><td>あおば協働会</td>' in html
    status_label = str(Community._meta.get_field("status").verbose_name)
    assert f'<th scope="row">{status_label}</th>' in html
    assert community.get_status_display() in html  # a choice by its display, not its code
    # A foreign key by its object's name.
    assert str(community.district) in html
    assert f"/staff/audit/?object_type=communities.community&amp;object_id={community.pk}" in html


def test_who_may_see_which_history(world, account_admin):
    liaison = world.users["liaison"]
    liaison.role = Role.ADVISOR
    liaison.save()
    url = f"/staff/history/accounts.user/{liaison.pk}/"
    html = _html(client_for(account_admin).get(url))
    assert "役割" in html and "市民活動センター 相談員" in html
    assert "password" not in html.split("<main", 1)[1]  # the header links to one's own password page
    community_url = f"/staff/history/communities.community/{world.community_a.pk}/"
    assert client_for(account_admin).get(community_url).status_code == 403
    assert world.client("branch_staff").get(url).status_code == 403
    city = world.client("city_admin")
    assert city.get("/staff/history/audit.auditevent/1/").status_code == 404  # not a registered history
    assert city.get("/staff/history/communities.community/abc/").status_code == 404
    assert city.get("/staff/history/communities.community/999999/").status_code == 404


def test_the_links_on_the_staff_pages(world, account_admin):
    city = world.client("city_admin")
    html = _html(city.get(f"/staff/communities/{world.community_a.slug}/"))
    assert f'<a href="/staff/history/communities.community/{world.community_a.pk}/">変更履歴</a>' in html
    assert "object_type=communities.community&amp;object_id=" in html
    secretary = world.client("community_secretariat")
    assert "変更履歴" not in _html(secretary.get(f"/staff/communities/{world.community_a.slug}/"))


def test_the_links_on_the_measure_and_application_pages(world):
    from tests.factories import MeasureFactory
    from tests.grants.factories import make_application

    measure = MeasureFactory()
    city = world.client("city_admin")
    html = _html(city.get(f"/staff/plans/{measure.policy.plan.number}/measures/{measure.number}/edit/"))
    assert f'<a href="/staff/history/plans.measure/{measure.pk}/">変更履歴</a>' in html
    assert f"object_type=plans.measure&amp;object_id={measure.pk}" in html
    application = make_application(world.community_a)
    html = _html(city.get(f"/staff/grants/applications/{application.pk}/"))
    assert f'<a href="/staff/history/grants.application/{application.pk}/">変更履歴</a>' in html
    history = _html(city.get(f"/staff/history/grants.application/{application.pk}/"))
    assert "作成" in history and str(application.community) in history  # the foreign key by its name
    secretary = _html(world.client("community_secretariat").get(f"/staff/grants/applications/{application.pk}/"))
    assert "/staff/history/" not in secretary


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_history_runs_the_same_queries_for_more_changes(world):
    community = world.community_a
    url = f"/staff/history/communities.community/{community.pk}/"
    client = world.client("city_admin")
    _change_status(community, community.status, name="一回目")
    small = _queries(client, url)
    for number in range(40):
        _change_status(community, "forming" if number % 2 else "established", name=f"変更{number}")
    assert _queries(client, url) == small
    assert "次へ" in _html(client.get(url))
    assert "変更0" in _html(client.get(url + "?page=2"))
