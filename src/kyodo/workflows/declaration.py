"""A workflow declared once: states, and per action where it may start, where it leads, who takes it.

The declaration is data. An app adds the behaviour that needs its models by registering it on the
workflow from its own modules: the service of each action (:meth:`Workflow.service`), checks of
separation of duties and of availability (:meth:`Workflow.duty_check`,
:meth:`Workflow.availability_check`) and the notification sent after a transition
(:meth:`Workflow.notifier`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext

from kyodo.audit.services import record_event
from kyodo.locking import claim_version
from kyodo.workflows.notifications import notify_after_commit
from kyodo.workflows.registry import REGISTRY

Check = Callable[[Any, Any, "Action"], str]
"""``check(obj, user, action)``: why the action may not be taken now ("" when nothing stops it)."""

ServiceFunc = TypeVar("ServiceFunc", bound=Callable[..., Any])


class InvalidTransition(Exception):
    """The object is not in a state that allows this action (answered with 409 Conflict)."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __str__(self) -> str:
        return self.message


class SeparationOfDuties(PermissionDenied):
    """The actor took part in an earlier step (or on the other side), so may not take this one."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Action:
    """One action of a workflow: from which states, to which state, who takes it, and how it reads."""

    name: str
    sources: frozenset[str]
    target: str
    role: str  # a kind of actor ("community", "reviewer", "decider"): the workflow's ``roles`` say who that is
    permission: str  # the rules permission checked on the object
    label: Any  # the button: 「交付決定する」
    noun: Any  # the timeline: 「交付決定」
    done: Any  # the message after success: 「交付決定しました。」
    form: type | None = None  # the form the action's page posts (None: the workflow's default form)
    confirm: Any = ""  # for an irreversible action: what the person confirms (names the consequence)
    refusal: bool = False  # a negative decision (差戻し, 不交付): drawn as such and kept apart from the positive one
    hint: Any = ""  # an optional action: its form starts folded under this explanation

    @property
    def slug(self) -> str:
        """The action's part of URLs and URL names: ``pay_advance`` → ``pay-advance``."""
        return self.name.replace("_", "-")

    def starts_from(self, state: str) -> bool:
        return str(state) in self.sources


class Workflow:
    """A state machine over a model's ``status`` column, with a transition table and an audit trail."""

    def __init__(
        self,
        name: str,
        *,
        states: type[models.TextChoices],
        actions: Iterable[Action],
        subject: Any,
        transition_model: str,
        subject_field: str,
        roles: dict[str, Any],
        default_form: type | None = None,
        initial: str = "",
        describe: Callable[[Any], str] = str,
        reload: Callable[[Any], Any] | None = None,
    ) -> None:
        self.name = name
        self.states = states
        self.actions: dict[str, Action] = {action.name: action for action in actions}
        self.subject = subject  # what the object is called in messages: 「申請」
        self.transition_model_label = transition_model  # "app_label.Model"
        self.subject_field = subject_field  # the transition model's foreign key to the object
        self.roles = roles  # role → who that is, for "who can do it" messages
        self.default_form = default_form
        self.initial = initial or next(iter(states.values))
        self.describe = describe  # the object in audit summaries
        self._reload = reload
        self._services: dict[str, Callable[..., Any]] = {}
        self._duty_checks: list[Check] = []
        self._availability_checks: list[Check] = []
        self._notifier: Callable[[Any, Action, str], None] | None = None
        self._role_describer: Callable[[Any, str], str] | None = None
        unknown = {a.target for a in self.actions.values()} | {s for a in self.actions.values() for s in a.sources}
        unknown -= set(states.values)
        if unknown:
            raise ValueError(f"workflow {name}: unknown states {sorted(unknown)}")
        missing_roles = {a.role for a in self.actions.values()} - roles.keys()
        if missing_roles:
            raise ValueError(f"workflow {name}: no description for roles {sorted(missing_roles)}")
        REGISTRY[name] = self

    def __repr__(self) -> str:
        return f"<Workflow {self.name}>"

    # ---- the table ---------------------------------------------------------------------------

    def action(self, name: str) -> Action:
        return self.actions[name]

    def label(self, state: str) -> str:
        return str(self.states(state).label)

    def can_act(self, state: str, action: str) -> bool:
        """Whether ``action`` may start from ``state``."""
        return self.actions[action].starts_from(state)

    def actions_from(self, state: str) -> list[Action]:
        """The actions that may start from ``state``, in the declaration's order."""
        return [action for action in self.actions.values() if action.starts_from(state)]

    @functools.cached_property
    def transitions(self) -> dict[str, frozenset[str]]:
        """State → the states one action can lead to."""
        return {
            str(state): frozenset(a.target for a in self.actions.values() if a.starts_from(state))
            for state in self.states.values
        }

    @functools.cached_property
    def final_states(self) -> frozenset[str]:
        return frozenset(state for state, targets in self.transitions.items() if not targets)

    def invalid(self, state: str, action: str) -> InvalidTransition:
        """The refusal of ``action`` in ``state``."""
        return InvalidTransition(gettext("「%(current)s」の%(subject)sでは「%(action)s」はできません。") % {
            "current": self.label(state), "subject": self.subject, "action": self.actions[action].label,
        })

    def ensure_action(self, state: str, action: str) -> None:
        """Raises InvalidTransition unless ``action`` may start from ``state``."""
        if not self.can_act(state, action):
            raise self.invalid(state, action)

    def diagram(self) -> str:
        """The state diagram (Mermaid), drawn from the table: docs/workflows/ holds a copy a test compares."""
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        for action in self.actions.values():
            for source in (s for s in self.states.values if s in action.sources):
                lines.append(f"    {source} --> {action.target}: {action.name} ({action.role})")
        lines += [f"    {state} --> [*]" for state in self.states.values if state in self.final_states]
        return "\n".join(lines)

    # ---- who may, now -------------------------------------------------------------------------

    def duty_check(self, check: Check) -> Check:
        """Register a separation-of-duties check (decorator): a problem refuses with SeparationOfDuties (403)."""
        self._duty_checks.append(check)
        return check

    def availability_check(self, check: Check) -> Check:
        """Register a check of whether the data allow the action now (money due, a pending request…).

        Pages offer only available actions; the service itself refuses with a ValidationError (422).
        """
        self._availability_checks.append(check)
        return check

    def duty_problem(self, obj: Any, user: Any, action: Action) -> str:
        return next((problem for check in self._duty_checks if (problem := check(obj, user, action))), "")

    def availability_problem(self, obj: Any, user: Any, action: Action) -> str:
        return next((problem for check in self._availability_checks if (problem := check(obj, user, action))), "")

    def who(self, action: str) -> str:
        """Who takes ``action``: 「この操作はまちづくり推進課が行います。」"""
        return gettext("この操作は%(who)sが行います。") % {"who": self.roles[self.actions[action].role]}

    def role_describer(self, func: Callable[[Any, str], str]) -> Callable[[Any, str], str]:
        """Register ``func(obj, role)`` (decorator): who takes ``role``'s actions on this very object
        (「花泉支所の職員」), or "" for the workflow's general description in ``roles``."""
        self._role_describer = func
        return func

    def who_on(self, obj: Any, action: str) -> str:
        """Who takes ``action`` on ``obj``: the registered describer's answer, else :meth:`who`."""
        role = self.actions[action].role
        holder = self._role_describer(obj, role) if self._role_describer is not None else ""
        if not holder:
            return self.who(action)
        return gettext("この操作は%(who)sが行います。") % {"who": holder}

    def unavailable(self, obj: Any, user: Any) -> list[tuple[Action, str]]:
        """The actions that may start from ``obj``'s state but ``user`` may not take now, each with why
        (and, where it is someone else's, who does it) — for pages that say so instead of hiding them."""
        found = []
        for step in self.actions_from(obj.status):
            if not user.has_perm(step.permission, obj):
                found.append((step, self.who_on(obj, step.name)))
            elif problem := self.duty_problem(obj, user, step):
                found.append((step, f"{problem}{self.who_on(obj, step.name)}"))
            elif problem := self.availability_problem(obj, user, step):
                found.append((step, problem))
        return found

    def problem(self, obj: Any, user: Any, action: str) -> str:
        """Why ``user`` may not take ``action`` on ``obj`` now, in Japanese ("" when they may)."""
        step = self.actions[action]
        if not step.starts_from(obj.status):
            return str(self.invalid(obj.status, action))
        if not user.has_perm(step.permission, obj):
            return self.who(action)
        return self.duty_problem(obj, user, step) or self.availability_problem(obj, user, step)

    def allowed_actions(self, obj: Any, user: Any) -> list[Action]:
        """The actions ``user`` may take on ``obj`` now: state, permission, duties and availability."""
        return [action for action in self.actions_from(obj.status) if not self.problem(obj, user, action.name)]

    def guard(self, obj: Any, actor: Any, action: str) -> None:
        """Raises PermissionDenied without the permission, SeparationOfDuties when conflicted,
        InvalidTransition when the state does not allow ``action``."""
        step = self.actions[action]
        if not actor.has_perm(step.permission, obj):
            raise PermissionDenied(gettext("この操作を行う権限がありません。"))
        problem = self.duty_problem(obj, actor, step)
        if problem:
            raise SeparationOfDuties(problem)
        self.ensure_action(obj.status, action)

    # ---- services -----------------------------------------------------------------------------

    def service(
        self, action: str, *, replayed: Callable[..., bool] | None = None
    ) -> Callable[[ServiceFunc], ServiceFunc]:
        """Register the service of ``action`` (decorator). The service runs in one transaction on the
        object reloaded, after the guard; ``replayed(obj, **kwargs)`` true (a form sent twice) returns
        the object untouched before any check."""
        if action not in self.actions:
            raise ValueError(f"workflow {self.name}: no action {action!r}")

        def decorator(func: ServiceFunc) -> ServiceFunc:
            @functools.wraps(func)
            def service(obj: Any, *, actor: Any, **kwargs: Any) -> Any:
                with transaction.atomic():
                    fresh = self.reload(obj)
                    if replayed is not None and replayed(fresh, **kwargs):
                        return fresh
                    self.guard(fresh, actor, action)
                    return func(fresh, actor=actor, **kwargs)

            self._services[action] = service
            return service  # type: ignore[return-value]

        return decorator

    def step_service(
        self, action: str, *, name: str, extra: Callable[[Any], list[str]] | None = None
    ) -> Callable[..., Any]:
        """Register and return the plain service of ``action``: refused (ValidationError) while an
        availability check objects, otherwise the transition tail; ``extra(obj)`` may set fields first and
        returns their names, saved with the move."""

        @self.service(action)
        def service(obj: Any, *, actor: Any, version: int, comment: str = "") -> Any:
            if problem := self.availability_problem(obj, actor, self.actions[action]):
                raise ValidationError(problem)
            fields = extra(obj) if extra is not None else []
            return self.move(obj, action, actor=actor, version=version, comment=comment, extra_fields=fields)

        service.__name__ = name
        return service

    def service_for(self, action: str) -> Callable[..., Any]:
        """The registered service of ``action``."""
        return self._services[action]

    def reload(self, obj: Any) -> Any:
        """The object as the database has it now (with what the services read)."""
        if self._reload is not None:
            return self._reload(obj)
        return type(obj)._default_manager.get(pk=obj.pk)

    # ---- the transition tail ------------------------------------------------------------------

    @property
    def transition_model(self) -> type[models.Model]:
        return apps.get_model(self.transition_model_label)

    def notifier(self, func: Callable[[Any, Action, str], None]) -> Callable[[Any, Action, str], None]:
        """Register what is sent after a transition commits (decorator): ``func(obj, action, comment)``."""
        self._notifier = func
        return func

    def notify(self, obj: Any, action: str, comment: str) -> None:
        if self._notifier is not None:
            self._notifier(obj, self.actions[action], comment)

    def move(
        self,
        obj: Any,
        action: str,
        *,
        actor: Any,
        version: int,
        comment: str = "",
        data: dict[str, Any] | None = None,
        extra_fields: Iterable[str] = (),
    ) -> Any:
        """The tail of every transition: claim ``version``, move to the action's target, record.

        Raises StaleObject when someone changed the object since ``version``. Call inside the
        service's transaction, after the guard.
        """
        step = self.actions[action]
        before = obj.status
        claim_version(obj, version)
        obj.status = step.target
        auto_now = [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
        obj.save(update_fields=["status", "version", *auto_now, *extra_fields])
        self.record(obj, action, before=before, actor=actor, comment=comment, data=data)
        return obj

    def record(
        self, obj: Any, action: str, *, before: str, actor: Any, comment: str = "", data: dict[str, Any] | None = None
    ) -> None:
        """A transition that happened: its row, its audit event, its notification after commit."""
        step = self.actions[action]
        self.transition_model._default_manager.create(
            **{self.subject_field: obj}, from_status=before, to_status=step.target, action=action, actor=actor,
            comment=comment,
        )
        record_event(
            f"{self.name}.{action}", actor=actor, target=obj,
            summary=f"{self.describe(obj)}: {self.label(before)} → {self.label(step.target)}",
            data={"from": str(before), "to": step.target, "comment": comment, **(data or {})},
        )
        if self._notifier is not None:
            notify_after_commit(self, obj.pk, action, comment)
