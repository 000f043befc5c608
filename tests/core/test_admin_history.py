"""Row history is kept for decisions and personal data, and only city administrators see it."""

import pytest

from tests.factories import OfficerFactory


@pytest.mark.django_db
def test_city_admin_sees_who_changed_an_officer(world):
    officer = OfficerFactory(community=world.community_a, name="架空 花子")
    officer.name = "架空 春子"
    officer._history_user = world.users["community_secretariat"]
    officer.save()
    assert officer.history.count() == 2
    url = f"/admin/communities/officer/{officer.pk}/history/"
    page = world.client("city_admin").get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "架空 春子" in html or "架空 花子" in html
    assert "t_secretariat" in html or "利用者" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["branch_staff", "community_secretariat", "liaison", "advisor"])
def test_others_cannot_open_the_history(world, role):
    officer = OfficerFactory(community=world.community_a)
    response = world.client(role).get(f"/admin/communities/officer/{officer.pk}/history/")
    assert response.status_code == 403
