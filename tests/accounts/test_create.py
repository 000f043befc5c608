"""Creating an account: the role and its scope together, a good password or a generated one shown once,
Japanese reasons for refused input and nothing created, never a superuser, audited as the administrator."""

from __future__ import annotations

import re

import pytest

from kyodo.accounts.models import User
from kyodo.audit.models import AuditEvent

URL = "/staff/accounts/new/"
GOOD_PASSWORD = "ichinoseki-kyodo-2026-satoyama"


def _post(client, **changes):
    data = {"username": "new_person", "display_name": "新しい 職員", "email": "new@example.jp", "role": "liaison",
            "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD, **changes}
    return client.post(URL, {key: value for key, value in data.items() if value is not None})


def test_the_form_asks_for_name_role_scope_and_password(admin_client):
    html = admin_client.get(URL).content.decode()
    for label in ("ユーザー名", "氏名", "メールアドレス", "役割", "支所", "所属課", "地域協働体", "企業",
                  "仮パスワードを自動で作る", "パスワード(確認)"):
        assert f"{label}" in html
    assert "is_superuser" not in html and "is_staff" not in html


def test_an_account_with_a_typed_password_is_created_and_audited_as_the_administrator(world, admin_client,
                                                                                    account_admin):
    response = _post(admin_client, role="branch_staff", branch_office=world.branch_a.pk)
    created = User.objects.get(username="new_person")
    assert response.status_code == 302 and response["Location"] == f"/staff/accounts/{created.pk}/"
    assert created.branch_office == world.branch_a and created.check_password(GOOD_PASSWORD)
    event = AuditEvent.objects.get(action="account.created", object_id=str(created.pk))
    assert event.actor_id == account_admin.pk and event.data["role"] == "branch_staff"


def test_a_generated_password_is_shown_once_and_works(world, admin_client):
    response = _post(admin_client, generate="on", password1="", password2="")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    password = re.search(r'<code class="temporary-password__value">([^<]+)</code>', html).group(1)
    created = User.objects.get(username="new_person")
    assert created.check_password(password) and len(password) >= 12
    assert "一度だけ表示されます" in html
    assert password not in admin_client.get(f"/staff/accounts/{created.pk}/").content.decode()


def test_the_posted_superuser_and_staff_flags_are_ignored(admin_client):
    _post(admin_client, is_superuser="on", is_staff="on")
    created = User.objects.get(username="new_person")
    assert not created.is_superuser and not created.is_staff


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"role": "branch_staff"}, "branch_office", "この役割には支所を選んでください。"),
    ({"role": "community_secretariat"}, "community", "この役割には地域協働体を選んでください。"),
    ({"role": "department_staff"}, "department", "この役割には所属課を選んでください。"),
    ({"role": "company_contact"}, "company", "この役割には企業を選んでください。"),
    ({"role": "liaison", "branch_office": "A"}, "branch_office", "この役割では使いません。空欄にしてください。"),
    ({"role": "community_officer", "community": "A", "company": "C"}, "company",
     "この役割では使いません。空欄にしてください。"),
    ({"password1": "short", "password2": "short"}, "password1", "このパスワードは短すぎます"),
    ({"password1": "password1234", "password2": "password1234"}, "password1", "このパスワードは一般的すぎます。"),
    ({"password2": "something-else-entirely"}, "password2", "確認用のパスワードが一致しません。"),
    ({"password1": "", "password2": ""}, "password1", "パスワードを入力するか、自動で作るを選んでください。"),
    ({"username": "t_liaison"}, "username", "このユーザー名はすでに使われています。"),
    ({"username": "T_LIAISON"}, "username", "このユーザー名はすでに使われています。"),
    ({"display_name": ""}, "display_name", "氏名を入力してください。"),
    ({"username": "山田 太郎"}, "username", "有効なユーザー名を入力してください。"),
    ({"role": "superuser"}, "role", "選べない項目です。選び直してください。"),
    ({"password1": "new_person-2026", "password2": "new_person-2026"}, "password1", "ユーザー名"),
])
def test_refused_input_says_why_in_japanese_and_creates_nothing(world, admin_client, changes, field, message):
    scope = {"A": world.branch_a.pk if field == "branch_office" else world.community_a.pk, "C": world.company.pk}
    data = {key: scope.get(value, value) for key, value in changes.items()}
    before = User.objects.count(), AuditEvent.objects.count()
    response = _post(admin_client, **data)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert any(message in error for error in errors.get(field, [])), errors
    assert message in response.content.decode()
    assert (User.objects.count(), AuditEvent.objects.count()) == before
