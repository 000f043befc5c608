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
