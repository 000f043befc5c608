"""The accessibility statement (アクセシビリティ方針) has the parts Japanese municipal sites publish."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_statement_has_scope_target_exceptions_and_test_results(client):
    response = client.get(reverse("portal:accessibility"))
    html = response.content.decode()
    for part in ("対象範囲", "適合レベル", "JIS X 8341-3:2016", "準拠", "例外", "試験結果", "試験日", "axe-core"):
        assert part in html, part


@pytest.mark.django_db
def test_every_page_links_to_the_statement(client):
    assert reverse("portal:accessibility") in client.get(reverse("portal:home")).content.decode()


@pytest.mark.django_db
def test_the_statement_covers_the_subsidies_and_gives_a_configurable_contact(client, settings):
    settings.SITE_CONTACT = {"department": "協働推進課", "phone": "0191-00-0000", "email": "kyodo@example.jp"}
    html = client.get(reverse("portal:accessibility")).content.decode()
    assert "補助金: 制度と交付の状況" in html
    contact = html.split('id="contact"')[1].split("</dl>")[0]
    assert "協働推進課" in contact and 'href="tel:0191-00-0000"' in contact
    assert 'href="mailto:kyodo@example.jp"' in contact
    settings.SITE_CONTACT = {"department": "まちづくり推進課", "phone": "", "email": ""}
    assert "tel:" not in client.get(reverse("portal:accessibility")).content.decode()
