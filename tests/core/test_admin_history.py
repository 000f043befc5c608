"""Row history is kept for decisions and personal data; city administrators read it at /staff/history/, and
other roles cannot (the Django admin's history is the system administrator's alone)."""

import pytest

from tests.factories import OfficerFactory


@pytest.mark.django_db
def test_city_admin_sees_who_changed_an_officer(world):
    officer = OfficerFactory(community=world.community_a, name="架空 花子")
    officer.name = "架空 春子"
    officer._history_user = world.users["community_secretariat"]
    officer.save()
    assert officer.history.count() == 2
    page = world.client("city_admin").get(f"/staff/history/communities.officer/{officer.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "架空 花子" in html and "架空 春子" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["branch_staff", "community_secretariat", "liaison", "advisor"])
def test_others_cannot_open_the_history(world, role):
    officer = OfficerFactory(community=world.community_a)
    assert world.client(role).get(f"/staff/history/communities.officer/{officer.pk}/").status_code == 403
    assert world.client(role).get(f"/admin/communities/officer/{officer.pk}/history/").status_code == 403
