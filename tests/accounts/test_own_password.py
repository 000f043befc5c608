"""Every signed-in user changes their own password at /accounts/password/, in Japanese, refused input a 422."""

from __future__ import annotations

from kyodo.audit.models import AuditEvent
from tests.factories import PASSWORD

URL = "/accounts/password/"
NEW_PASSWORD = "ichinoseki-kyodo-2026-satoyama"


def test_anonymous_callers_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_asks_for_the_old_and_the_new_password(world):
    html = world.client("company_contact").get(URL).content.decode()
    assert "<h1>パスワードの変更</h1>" in html and 'name="old_password"' in html and 'name="new_password2"' in html


def test_a_wrong_old_password_or_a_weak_new_one_is_refused_in_japanese(world):
    client = world.client("community_secretariat")
    wrong = client.post(URL, {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert wrong.status_code == 422 and "元のパスワードが間違っています" in wrong.content.decode()
    weak = client.post(URL, {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 422 and "このパスワードは短すぎます" in weak.content.decode()
    user = world.users["community_secretariat"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_password_is_changed_and_the_user_stays_signed_in(world):
    client = world.client("liaison")
    before = AuditEvent.objects.count()
    response = client.post(URL, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                 "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert "パスワードを変更しました。" in client.get("/staff/").content.decode()
    user = world.users["liaison"]
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.count() == before  # one's own change is not an administrator's reset


def test_the_work_area_links_the_password_page(world):
    assert 'href="/accounts/password/"' in world.client("branch_staff").get("/staff/").content.decode()
