"""Pages of a workflow: one POST view per action, its URL, the action forms of a page, the conflict page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from kyodo.access import require_perm
from kyodo.forms_http import INVALID, add_service_errors
from kyodo.locking import StaleObject
from kyodo.workflows.declaration import Action, InvalidTransition, Workflow

# detail_page(request, obj, *, bound=(action name, bound form), status=422): the object's page again,
# with the refused form in place of the blank one.
DetailPage = Callable[..., HttpResponse]


@dataclass(frozen=True)
class ActionForm:
    """An action offered on a page: the action, its form, and where the form posts."""

    action: Action
    form: forms.Form
    url: str


def form_class(workflow: Workflow, action: Action) -> type[forms.Form]:
    cls = action.form or workflow.default_form
    if cls is None:
        raise ValueError(f"workflow {workflow.name}: no form for {action.name}")
    return cls  # type: ignore[return-value]


def action_url_name(url_prefix: str, action: Action) -> str:
    """``grants_staff:application-`` + ``pay-advance``."""
    return f"{url_prefix}{action.slug}"


def action_forms(
    workflow: Workflow, obj: Any, user: Any, *, url_prefix: str, initial: dict[str, dict[str, Any]] | None = None,
    bound: tuple[str, forms.Form] | None = None,
) -> list[ActionForm]:
    """A blank form for each action ``user`` may take now (the bound one, refused, where given)."""
    offered = []
    for action in workflow.allowed_actions(obj, user):
        if bound is not None and bound[0] == action.name:
            form = bound[1]
        else:
            values = {"version": obj.version} | (initial or {}).get(action.name, {})
            form = form_class(workflow, action)(initial=values, prefix=action.name)
        offered.append(ActionForm(action, form, reverse(action_url_name(url_prefix, action), args=[obj.pk])))
    return offered


@dataclass(frozen=True)
class Unavailable:
    """Actions of the object's state that the person may not take now, and why (who does them)."""

    labels: list[str]
    reason: str


def unavailable_actions(workflow: Workflow, obj: Any, user: Any) -> list[Unavailable]:
    """What the page says instead of hiding an action: the actions of the current state ``user`` may not
    take, grouped by reason (「推薦する・差し戻す — この操作は花泉支所の職員が行います。」)."""
    grouped: dict[str, list[str]] = {}
    for action, reason in workflow.unavailable(obj, user):
        grouped.setdefault(reason, []).append(str(action.label))
    return [Unavailable(labels, reason) for reason, labels in grouped.items()]


def conflict(request: HttpRequest, *, message: str, back_url: str, back_label: str, crumbs: list[Any]) -> HttpResponse:
    """409: the object changed since the page was read, or its state no longer allows the action."""
    return render(
        request, "workflows/conflict.html",
        {"message": message, "back_url": back_url, "back_label": back_label, "crumbs": crumbs}, status=409,
    )


def action_view(
    workflow: Workflow, action_name: str, *, load: Callable[..., Any], detail_page: DetailPage,
    detail_url: Callable[[Any], str], conflict_page: Callable[[HttpRequest, Any, str], HttpResponse],
) -> Callable[..., HttpResponse]:
    """The POST view of one action: permission (by ``load``), form, service, then back to the object.

    A refused form or a service's ValidationError shows the object's page again (422); a stale
    version or a state that no longer allows the action is a conflict (409).
    """
    action = workflow.action(action_name)

    @require_perm(action.permission, load=load)
    @require_POST
    def view(request: HttpRequest, obj: Any, **kwargs: Any) -> HttpResponse:
        form = form_class(workflow, action)(request.POST, prefix=action.name)
        if not form.is_valid():
            return detail_page(request, obj, bound=(action.name, form), status=INVALID)
        try:
            workflow.service_for(action.name)(obj, actor=request.user, **form.cleaned_data)
        except (InvalidTransition, StaleObject) as error:
            return conflict_page(request, obj, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
            return detail_page(request, obj, bound=(action.name, form), status=INVALID)
        messages.success(request, str(action.done))
        return redirect(detail_url(obj))

    view.__name__ = view.__qualname__ = f"{workflow.name}_{action.name}"
    return view


def action_urls(
    workflow: Workflow, *, route: str, url_prefix: str, view_for: Callable[[str], Callable[..., HttpResponse]]
) -> list[URLPattern]:
    """One URL per action: ``route`` + ``<slug>/``, named ``url_prefix`` + ``<slug>`` (without the namespace)."""
    name_prefix = url_prefix.split(":", 1)[-1]
    return [
        path(f"{route}{action.slug}/", view_for(action.name), name=f"{name_prefix}{action.slug}")
        for action in workflow.actions.values()
    ]
