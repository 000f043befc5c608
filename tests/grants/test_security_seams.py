"""The seams found when kyodo was attacked as an outsider would: numbers taken at the same moment,
a rule changed while an application is created, amounts that do not fit the column, and text
with invisible control characters. Each is a Japanese message and a 4xx, and nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from kyodo.grants.applications import decisions
from kyodo.grants.applications.budget import create_numbered
from kyodo.grants.models import Application, Award, ProgramRule
from kyodo.grants.programs.services import RuleLocked, update_rule
from tests.factories import CommunityFactory
from tests.grants.factories import city_user, ensure_rule, make_application, open_rule


def _version(application):
    return str(Application.objects.get(pk=application.pk).version)


def test_a_decision_number_taken_at_the_same_moment_is_a_japanese_refusal_not_an_integrity_error(
    world, monkeypatch
):
    taken = make_application(world.community_a, status="awarded")
    application = make_application(world.community_b, status="recommended")
    number = Award.objects.get(application=taken).decision_number
    # The other award committed after this one's check: the check sees nothing, the database does.
    monkeypatch.setattr(decisions, "award_problems", lambda *args, **kwargs: {})
    with pytest.raises(ValidationError) as refused:
        decisions.award_application(application, actor=city_user(), version=application.version,
                                    amount_yen=1000, decision_number=number, decided_on=dt.date(2026, 6, 1))
    assert refused.value.message_dict == {"decision_number": ["この交付決定番号はすでに使われています。"]}
    application.refresh_from_db()
    assert application.status == "recommended" and not Award.objects.filter(application=application).exists()


def test_create_numbered_turns_only_the_numbers_clash_into_a_message(world):
    taken = Award.objects.get(application=make_application(world.community_a, status="awarded"))
    with pytest.raises(IntegrityError):
        create_numbered(Award, field="decision_number", message="x", application=taken.application,
                        amount_yen=1, decision_number="新しい番号", decided_on=dt.date(2026, 6, 1),
                        decided_by=city_user())  # another clash (one award per application): not hidden
    other = make_application(world.community_b, status="recommended")
    with pytest.raises(ValidationError) as refused:
        create_numbered(Award, field="decision_number", message="使われています", application=other,
                        amount_yen=1, decision_number=taken.decision_number, decided_on=dt.date(2026, 6, 1),
                        decided_by=city_user())
    assert refused.value.message_dict == {"decision_number": ["使われています"]}


def test_a_rule_cannot_be_changed_when_an_application_arrived_after_its_lock_was_checked(world, monkeypatch):
    rule = open_rule()
    make_application(world.community_a)  # created while the city's edit was under way
    checks = iter([False])
    monkeypatch.setattr(ProgramRule, "is_locked", property(lambda self: next(checks, True)))
    with pytest.raises(RuleLocked):
        update_rule(rule, actor=city_user(), version=rule.version, budget_yen=1)
    assert ProgramRule.objects.get(pk=rule.pk).budget_yen == 30_000_000


@pytest.mark.parametrize("amount", ["2147483648", str(2**63), str(10**30)])
def test_an_award_that_does_not_fit_the_column_is_refused_in_japanese(world, amount):
    application = make_application(world.community_b, status="recommended")
    url = reverse("grants_staff:application-award", args=[application.pk])
    response = world.client("city_admin").post(url, {
        "award-version": _version(application), "award-amount_yen": amount,
        "award-decision_number": "一協第9号", "award-decided_on": "2026-06-01"})
    assert response.status_code == 422
    assert "金額は2147483647円以下で入力してください。" in response.content.decode()
    assert not Award.objects.filter(application=application).exists()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("budget_yen", str(2**63), "9223372036854775807 以下"),
    ("base_yen", "2147483648", "2,147,483,647以下の数を入力してください。"),
])
def test_a_rule_amount_that_does_not_fit_the_column_is_refused(world, field, value, message):
    from tests.grants.factories import rule_post_data

    rule = ensure_rule(fiscal_year=2031)
    url = reverse("grants_staff:rule-edit", args=[rule.pk])
    response = world.client("city_admin").post(url, rule_post_data(rule, **{field: value}))
    assert response.status_code == 422 and message in response.content.decode()
    assert ProgramRule.objects.get(pk=rule.pk).version == rule.version


@pytest.mark.parametrize(("title", "message"), [
    ("防災\x07訓練", "制御文字(改行以外の見えない文字)は使用できません。"),
    ("防災\x1b[31m訓練", "制御文字(改行以外の見えない文字)は使用できません。"),
    ("防災\n訓練", "制御文字(改行以外の見えない文字)は使用できません。"),
    ("防災\u202e練訓", "文字の向きを変える特殊な制御文字は使用できません。"),
    ("防災\u2067訓練", "文字の向きを変える特殊な制御文字は使用できません。"),
])
def test_control_and_bidi_characters_in_a_title_are_refused(world, title, message):
    rule = open_rule()
    from tests.grants.factories import make_eligible

    make_eligible(world.community_a, rule.fiscal_year)
    url = reverse("grants_staff:application-create", args=[world.community_a.slug])
    response = world.client("community_secretariat").post(url, {
        "program": rule.program.pk, "fiscal_year": rule.fiscal_year, "title": title, "purpose": "行\n改行は可"})
    assert response.status_code == 422 and message in response.content.decode()
    assert not Application.objects.exists()


def test_zero_width_characters_are_removed_and_line_breaks_kept_in_multi_line_text(world):
    rule = open_rule()
    from tests.grants.factories import make_eligible

    make_eligible(world.community_a, rule.fiscal_year)
    url = reverse("grants_staff:application-create", args=[world.community_a.slug])
    response = world.client("community_secretariat").post(url, {
        "program": rule.program.pk, "fiscal_year": rule.fiscal_year, "title": "\ufeff防災\u200b訓練\u200d",
        "purpose": "一行目\r\n二行目\t"})
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.title == "防災訓練" and "二行目" in application.purpose


def test_a_community_name_with_a_control_character_is_refused_on_the_kit_form(world):
    from kyodo.communities.forms import CommunityProfileForm

    form = CommunityProfileForm(data={"name_kana": "あおば\x01", "version": world.community_a.version},
                                instance=world.community_a)
    assert not form.is_valid()
    assert form.errors["name_kana"] == ["制御文字(改行以外の見えない文字)は使用できません。"]


def test_other_community_is_untouched(world):
    CommunityFactory()  # the factories still make valid objects under the new rules
