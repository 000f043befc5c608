"""The account pages in English (the accounts app's own catalogue)."""

from __future__ import annotations


def _in_english(client):
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    return client


def test_the_account_pages_and_their_messages_in_english(world, admin_client):
    client = _in_english(admin_client)
    listing = client.get("/staff/accounts/").content.decode()
    assert "<h1>Account management</h1>" in listing and "Never signed in" in listing and "Liaison" in listing
    refused = client.post("/staff/accounts/new/", {"username": "x", "display_name": "x", "role": "branch_staff",
                                                   "generate": "on"}).content.decode()
    assert "Please choose a branch office for this role." in refused
    work_area = client.get("/staff/").content.decode()
    assert "active, 0 deactivated" in work_area


def test_the_own_password_page_in_english(world):
    html = _in_english(world.client("advisor")).get("/accounts/password/").content.decode()
    assert "<h1>Change password</h1>" in html
