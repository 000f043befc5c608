"""The workflow kit: a declaration that refuses to be wrong, and a tail whose notification cannot undo a decision."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.db import models

from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW
from kyodo.grants.models import Application
from kyodo.workflows import Action, Workflow
from tests.grants.factories import make_application


class Light(models.TextChoices):
    RED = "red", "赤"
    GREEN = "green", "青"


def _action(**changes):
    values = {"name": "go", "sources": frozenset({"red"}), "target": "green", "role": "driver",
              "permission": "x.go", "label": "進む", "noun": "進行", "done": "進みました。"} | changes
    return Action(**values)


def test_a_declaration_naming_an_unknown_state_is_refused():
    with pytest.raises(ValueError, match="unknown states"):
        Workflow("test_light_states", states=Light, actions=[_action(target="amber")], subject="信号",
                 transition_model="x.T", subject_field="light", roles={"driver": "運転者"})


def test_a_declaration_must_say_who_each_role_is():
    with pytest.raises(ValueError, match="no description for roles"):
        Workflow("test_light_roles", states=Light, actions=[_action()], subject="信号",
                 transition_model="x.T", subject_field="light", roles={})


def test_the_table_is_derived_from_the_actions():
    light = Workflow("test_light", states=Light, actions=[_action()], subject="信号", transition_model="x.T",
                     subject_field="light", roles={"driver": "運転者"})
    assert light.transitions == {"red": frozenset({"green"}), "green": frozenset()}
    assert light.final_states == {"green"}
    assert light.diagram().splitlines() == [
        "stateDiagram-v2", "    [*] --> red", "    red --> green: go (driver)", "    green --> [*]"]
    assert str(light.invalid("green", "go")) == "「青」の信号では「進む」はできません。"


def test_the_page_says_why_an_action_is_not_offered(world):
    application = make_application(world.community_a, status="recommended")
    secretary = world.users["community_secretariat"]
    assert APPLICATION_WORKFLOW.problem(application, secretary, "award") == "この操作はまちづくり推進課が行います。"
    assert APPLICATION_WORKFLOW.problem(application, secretary, "submit") == (
        "「推薦済み」の申請では「申請する」はできません。")
    assert APPLICATION_WORKFLOW.problem(application, world.users["city_admin"], "award") == ""


def test_a_failing_notification_never_undoes_the_decision(world, monkeypatch, caplog,
                                                          django_capture_on_commit_callbacks):
    application = make_application(world.community_a, status="submitted")
    monkeypatch.setattr(APPLICATION_WORKFLOW, "_notifier", _broken_mail)
    service = APPLICATION_WORKFLOW.service_for("recommend")
    with caplog.at_level(logging.ERROR, logger="kyodo.workflows"), django_capture_on_commit_callbacks(execute=True):
        service(application, actor=world.users["city_admin"], version=application.version)
    assert Application.objects.get(pk=application.pk).status == "recommended"
    assert application.transitions.latest("pk").action == "recommend"
    assert "grant_application.recommend" in caplog.text
    assert mail.outbox == []


def _broken_mail(application, action, comment):
    raise ConnectionRefusedError("the mail server is down")


def test_the_notification_goes_out_after_commit_only(world, django_capture_on_commit_callbacks):
    application = make_application(world.community_a, status="submitted")
    world.users["community_secretariat"].email = "jimu@example.jp"
    world.users["community_secretariat"].save()
    service = APPLICATION_WORKFLOW.service_for("recommend")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        service(application, actor=world.users["city_admin"], version=application.version)
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert [message.to for message in mail.outbox] == [["jimu@example.jp"]]
