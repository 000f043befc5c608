"""The partnership workflow through its services: each step by the right person, refused for the others with
a Japanese message, refused in the wrong state or with a stale version; every step recorded and audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.audit.models import AuditEvent
from kyodo.companies import services
from kyodo.companies.models import Partnership
from kyodo.companies.workflow import (
    publish_partnership,
    reopen_partnership,
    return_partnership,
    submit_partnership,
    withdraw_partnership,
)
from kyodo.locking import StaleObject
from kyodo.workflows import InvalidTransition
from tests.companies.factories import make_partnership, other_company

pytestmark = pytest.mark.django_db

OTHERS = ("branch_staff", "liaison", "department_staff", "community_secretariat", "advisor")


def _refused(service, partnership, user, **kwargs):
    with pytest.raises(PermissionDenied) as refusal:
        service(partnership, actor=user, version=partnership.version, **kwargs)
    partnership.refresh_from_db()
    return refusal.value


def test_the_company_submits_and_the_city_publishes(world):
    contact, city = world.users["company_contact"], world.users["city_admin"]
    draft = make_partnership(world.company, status="draft")
    submitted = submit_partnership(draft, actor=contact, version=1)
    assert submitted.status == "submitted" and submitted.submitted_at is not None and submitted.version == 2
    published = publish_partnership(submitted, actor=city, version=2)
    assert published.status == "published" and published.published_at is not None
    assert [(t.action, t.from_status, t.to_status, t.actor) for t in published.transitions.all()] == [
        ("submit", "draft", "submitted", contact), ("publish", "submitted", "published", city)]
    assert list(AuditEvent.objects.filter(action__startswith="company_partnership.").values_list(
        "action", flat=True).order_by("sequence")) == ["company_partnership.submit", "company_partnership.publish"]


def test_a_returned_partnership_is_edited_and_submitted_again(world):
    contact, city = world.users["company_contact"], world.users["city_admin"]
    partnership = make_partnership(world.company, status="submitted")
    returned = return_partnership(partnership, actor=city, version=1, comment="期間を書き足してください。")
    assert returned.status == "returned"
    assert returned.transitions.get().comment == "期間を書き足してください。"
    fields = {name: getattr(returned, name) for name in services.FIELDS} | {"title": "河川清掃(4月〜5月)"}
    edited = services.update_partnership(returned, actor=contact, version=returned.version, **fields)
    assert edited.title == "河川清掃(4月〜5月)"
    again = submit_partnership(edited, actor=contact, version=edited.version)
    assert again.status == "submitted"


def test_only_the_city_publishes_and_returns(world):
    partnership = make_partnership(world.company, status="submitted")
    for role in ("company_contact", *OTHERS):
        assert str(_refused(publish_partnership, partnership, world.users[role])) == "この操作を行う権限がありません。"
        _refused(return_partnership, partnership, world.users[role], comment="理由")
    assert partnership.status == "submitted" and not partnership.transitions.exists()


def test_only_the_own_company_submits(world):
    mine = make_partnership(world.company, status="draft")
    theirs = make_partnership(other_company(), status="draft")
    _refused(submit_partnership, theirs, world.users["company_contact"])
    for role in ("city_admin", *OTHERS):
        _refused(submit_partnership, mine, world.users[role])
    assert theirs.status == mine.status == "draft"


def test_the_company_or_the_city_withdraw_and_the_company_reopens(world):
    contact, city = world.users["company_contact"], world.users["city_admin"]
    by_company = make_partnership(world.company)
    assert withdraw_partnership(by_company, actor=contact, version=1).status == "withdrawn"
    by_city = make_partnership(world.company, title="協賛")
    assert withdraw_partnership(by_city, actor=city, version=1).status == "withdrawn"
    theirs = make_partnership(other_company())
    _refused(withdraw_partnership, theirs, contact)
    for role in OTHERS:
        _refused(withdraw_partnership, theirs, world.users[role])
    _refused(reopen_partnership, by_city, city)
    assert reopen_partnership(by_city, actor=contact, version=2).status == "draft"


def test_a_step_in_the_wrong_state_is_refused_in_japanese(world):
    draft = make_partnership(world.company, status="draft")
    with pytest.raises(InvalidTransition) as refusal:
        publish_partnership(draft, actor=world.users["city_admin"], version=1)
    assert str(refusal.value) == "「下書き」の企業の参画の取組では「公開する」はできません。"
    published = make_partnership(world.company)
    with pytest.raises(InvalidTransition):
        submit_partnership(published, actor=world.users["company_contact"], version=1)
    assert Partnership.objects.get(pk=draft.pk).status == "draft"


def test_a_stale_version_is_refused_and_nothing_changes(world):
    partnership = make_partnership(world.company, status="submitted")
    publish_partnership(partnership, actor=world.users["city_admin"], version=1)
    with pytest.raises(StaleObject) as refusal:
        withdraw_partnership(partnership, actor=world.users["company_contact"], version=1)
    assert "他の方が先に更新しました" in str(refusal.value)
    partnership.refresh_from_db()
    assert partnership.status == "published" and partnership.version == 2


def test_only_drafts_and_returned_ones_are_edited(world):
    published = make_partnership(world.company)
    fields = {name: getattr(published, name) for name in services.FIELDS}
    with pytest.raises(ValidationError) as refusal:
        services.update_partnership(published, actor=world.users["company_contact"], version=1, **fields)
    assert "編集できるのは下書きと差戻しの取組だけです" in str(refusal.value)
    theirs = make_partnership(other_company(), status="draft")
    with pytest.raises(PermissionDenied):
        services.update_partnership(theirs, actor=world.users["company_contact"], version=1, **fields)


def test_the_contact_edits_the_profile_but_not_the_name(world):
    contact = world.users["company_contact"]
    company = services.update_company(world.company, actor=contact, version=world.company.version,
                                      name="別の名前", description="地域の清掃に参加しています。",
                                      address="一関市", website="https://example.jp/")
    company.refresh_from_db()
    assert company.name == "架空建設株式会社" and company.description == "地域の清掃に参加しています。"
    assert AuditEvent.objects.filter(action="company.update").exists()
    with pytest.raises(PermissionDenied):
        services.update_company(other_company(), actor=contact, version=1, description="x")
    with pytest.raises(StaleObject):
        services.update_company(company, actor=contact, version=1, description="古い版")
