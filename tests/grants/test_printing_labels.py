"""The printed forms name their 様式 and rule (as the city configures them), notices carry the
mayor's name and the seal placeholder 印, and every page is numbered "n / total"."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.grants.factories import application_in_state
from tests.grants.test_printing import _compact, _get, _text, _url

FORMS = [("application", "submitted"), ("award", "awarded"), ("actuals", "reported"), ("settlement", "settled")]


@pytest.fixture
def city_documents(settings):
    settings.GRANT_DOCUMENTS = {
        "rule": "{city}{program}交付要綱",
        "mayor_name": "架空 太郎",
        "forms": {"application": "様式第1号(第5条関係)", "award": "様式第2号(第6条関係)",
                  "actuals": "様式第5号(第10条関係)", "settlement": "様式第6号(第11条関係)"},
    }
    return settings.GRANT_DOCUMENTS


@pytest.mark.parametrize(("form", "status"), FORMS)
def test_each_form_names_its_number_and_rule(world, city_documents, form, status):
    application = application_in_state(world.community_a, status)
    text = _compact(_text(_get(world.client("city_admin"), _url(form, application)).content))
    number = city_documents["forms"][form]
    assert f"一関市{application.program.name}交付要綱{number}" in text


def test_another_city_configures_its_own_numbers_and_rule(world, settings):
    settings.GRANT_DOCUMENTS = {"rule": "{city}地域づくり補助金交付規則", "forms": {"award": "第3号様式"}}
    application = application_in_state(world.community_a, "awarded")
    text = _compact(_text(_get(world.client("city_admin"), _url("award", application)).content))
    assert "一関市地域づくり補助金交付規則第3号様式" in text
    assert "交付要綱" not in text and "様式第2号" not in text
    assert "一関市長印" in text  # no name configured: the title alone, still with the seal placeholder


@pytest.mark.parametrize("form", ["award", "settlement"])
def test_notices_carry_the_mayors_name_and_a_seal_placeholder(world, city_documents, form):
    application = application_in_state(world.community_a, "settled")
    text = _compact(_text(_get(world.client("city_admin"), _url(form, application)).content))
    assert "岩手県一関市一関市長架空太郎印" in text


def test_a_communitys_own_form_has_no_mayors_seal(world, city_documents):
    application = application_in_state(world.community_a, "submitted")
    text = _compact(_text(_get(world.client("city_admin"), _url("application", application)).content))
    assert "一関市長様" in text and "架空太郎" not in text and "印" not in text.replace("印刷", "")


def test_every_page_is_numbered_out_of_the_total(world, city_documents):
    application = application_in_state(world.community_a, "submitted", lines=60)
    data = _get(world.client("city_admin"), _url("application", application)).content
    pages = [_compact(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"{number}/{len(pages)}" in page
    assert _compact(_text(_get(world.client("city_admin"), _url("award", application_in_state(
        world.community_a, "awarded"))).content)).count("1/1") == 1
