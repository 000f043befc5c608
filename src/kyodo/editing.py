"""The editing kit: one form for a service call, one form page, one confirm-delete page.

Every staff page that changes data has the same shape. A ``ServiceForm`` checks the input
without touching the object it was built from; ``form_view`` hands it to the app's service and
answers 200 (the blank form), 422 (refused input: the messages next to their fields), 409 (someone
saved first, or the object's state no longer allows the change: the reason above the form) or a
redirect with a message. ``confirm_delete_view`` does the same for a deletion. A refusal writes
nothing: the service call runs in one transaction and its exception undoes it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.forms_http import CONFLICT, add_service_errors, form_status
from kyodo.locking import StaleObject, Versioned
from kyodo.text_input import SafeFormMixin
from kyodo.workflows import InvalidTransition

Crumbs = Sequence[tuple[str, str | None]]
# A refusal because of the object's state rather than the input: answered 409 Conflict.
CONFLICTS = (StaleObject, InvalidTransition)
RELOAD = gettext_lazy("画面を読み込み直してから、もう一度操作してください。")


def form_data(request: HttpRequest) -> QueryDict | None:
    """The POSTed data to bind a form to, or None for a GET (a blank form)."""
    return request.POST if request.method == "POST" else None


def version_field(initial: int | None = None) -> forms.IntegerField:
    """The hidden ``version`` the user saw; without it the page is out of date."""
    return forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, initial=initial,
        error_messages={"required": RELOAD, "invalid": RELOAD, "min_value": RELOAD},
    )


class ServiceForm(SafeFormMixin, forms.ModelForm):
    """A model form whose cleaned data goes to a service: it never assigns to its instance.

    Django's ModelForm copies the input onto ``instance`` while validating, so a refused edit
    would leave the loaded object changed, and a service comparing stored and new values would
    see no difference. This form runs the model's checks (field validators, uniqueness,
    constraints) on a scratch copy instead, or none with ``validate_model = False`` where the
    service decides (making a plan current releases the previous one). ``save()`` is refused:
    call the service with ``changes()``. Its text and numbers follow ``kyodo.text_input``'s rules
    (no control or bidi-override characters; integers that fit their column).

    For an object under optimistic locking (``Versioned``) the form carries the hidden ``version``
    the user saw: of ``version_of`` when another object guards the edit (a policy's plan), else of
    the instance once it exists.
    """

    validate_model: ClassVar[bool] = True

    def __init__(self, *args: Any, version_of: Versioned | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        guard = version_of if version_of is not None else self.instance
        if isinstance(guard, Versioned) and guard.pk is not None:
            self.fields["version"] = version_field(initial=guard.version)

    @property
    def seen_version(self) -> int:
        """The version the user saw (of a valid form)."""
        version: int = self.cleaned_data["version"]
        return version

    def changes(self, *, only_changed: bool = False) -> dict[str, Any]:
        """The cleaned data without ``version``; with ``only_changed``, only what differs from the instance."""
        return {
            name: value for name, value in self.cleaned_data.items()
            if name != "version" and (not only_changed or name in self.changed_data)
        }

    def _post_clean(self) -> None:
        # ModelForm assigns the cleaned data to the instance here: check a copy, keep the loaded object.
        if not self.validate_model:
            return
        loaded = self.instance
        self.instance = copy.copy(loaded)
        try:
            super()._post_clean()  # type: ignore[misc]  # not in django-stubs
        finally:
            self.instance = loaded

    def save(self, commit: bool = True) -> Any:
        raise TypeError("A ServiceForm does not save: pass form.changes() to the app's service.")


def _call(form: forms.BaseForm, action: Callable[[], Any]) -> tuple[bool, Any, int | None]:
    """Run ``action`` in one transaction: (done, its result, the status of a refusal)."""
    try:
        with transaction.atomic():
            return True, action(), None
    except CONFLICTS as error:
        form.add_error(None, str(error))
        return False, None, CONFLICT
    except ValidationError as error:
        add_service_errors(form, error)
        return False, None, None


def _resolve(value: str | Callable[[Any], str], result: Any) -> str:
    return value(result) if callable(value) else value


def form_view(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[Any], Any],
    *,
    success_url: str | Callable[[Any], str],
    success_message: str | Callable[[Any], str],
    title: str,
    crumbs: Crumbs,
    cancel_url: str,
    template: str = "editing/form.html",
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """Show ``form``; on a valid POST call ``save(form)`` and redirect with a message.

    ``success_url`` and ``success_message`` may be callables taking what ``save`` returned.
    Invalid input and a service's ValidationError answer 422, StaleObject and InvalidTransition 409.
    """
    status = None
    if request.method == "POST" and form.is_valid():
        done, result, status = _call(form, lambda: save(form))
        if done:
            messages.success(request, _resolve(success_message, result))
            return redirect(_resolve(success_url, result))
    page = {"form": form, "title": title, "crumbs": crumbs, "cancel_url": cancel_url, **(context or {})}
    return render(request, template, page, status=status or form_status(form))


class _DeleteForm(forms.Form):
    """Nothing to fill in: the version the page showed, when the object is under optimistic locking."""

    def __init__(self, *args: Any, version: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if version is not None:
            self.fields["version"] = version_field(initial=version)


def confirm_delete_view(
    request: HttpRequest,
    delete: Callable[..., Any],
    *,
    label: str,
    success_url: str,
    crumbs: Crumbs,
    cancel_url: str | None = None,
    consequence: str = "",
    version: int | None = None,
    success_message: str | None = None,
    title: str | None = None,
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """GET asks "「label」を削除します。よろしいですか。" with the consequence; POST deletes and redirects.

    With ``version`` the page carries it and ``delete(version=…)`` gets the one POSTed back;
    without, ``delete()``. StaleObject and InvalidTransition answer 409 and delete nothing.
    """
    form = _DeleteForm(form_data(request), version=version)
    status = None
    if request.method == "POST" and form.is_valid():
        done, _result, status = _call(form, lambda: delete(**form.cleaned_data))
        if done:
            messages.success(request, success_message or _("「%(label)s」を削除しました。") % {"label": label})
            return redirect(success_url)
    page = {
        "form": form, "label": label, "consequence": consequence, "crumbs": crumbs,
        "title": title or _("削除の確認"), "cancel_url": cancel_url or success_url, **(context or {}),
    }
    return render(request, "editing/confirm_delete.html", page, status=status or form_status(form))
