"""Change history (django-simple-history) on kyodo's pages: which models' history may be shown, to whom,
and each historical record as the fields it changed, old → new, in the model's own labels.

The registry starts with every model that keeps a history, for city administrators; account
administrators see the accounts' history (``register_history`` adds or widens an entry).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.templatetags.kyodo_tags import wareki, wareki_datetime

Viewer = Callable[[Any], bool]
KIND_LABELS = {"+": pgettext_lazy("history kind", "作成"), "~": pgettext_lazy("history kind", "変更"),
               "-": pgettext_lazy("history kind", "削除")}


def _city_admin(user: Any) -> bool:
    return bool(getattr(user, "is_city_admin", False))


def _account_admin(user: Any) -> bool:
    return bool(getattr(user, "is_account_admin", False))


_REGISTRY: dict[str, list[Viewer]] = {}


def register_history(label: str, *viewers: Viewer) -> None:
    """Let ``viewers`` (predicates on the user) see the history of the model ``app_label.modelname``."""
    _REGISTRY.setdefault(label.lower(), []).extend(viewers)


def register_default_histories() -> None:
    """Every model with a history, for city administrators; the accounts also for account administrators."""
    for model in apps.get_models():
        if getattr(model._meta, "simple_history_manager_attribute", None) and model._meta.label_lower not in _REGISTRY:
            register_history(model._meta.label_lower, _city_admin)
    register_history("accounts.user", _account_admin)


def may_view_history(user: Any, label: str) -> bool:
    """Whether ``user`` may see the change history of the model ``label``."""
    return bool(getattr(user, "is_active", False)) and any(viewer(user) for viewer in _REGISTRY.get(label, ()))


@dataclass(frozen=True)
class HistoryTarget:
    """The object whose history a page shows: its model and primary key (it may have been deleted)."""

    model: Any
    pk: Any

    @property
    def label(self) -> str:
        return str(self.model._meta.label_lower)

    @property
    def url_key(self) -> str:
        return f"{self.label}/{self.pk}"

    def records(self) -> models.QuerySet[Any]:
        manager = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        return (manager.model.objects.filter(**{self.model._meta.pk.attname: self.pk})
                .select_related("history_user").order_by("-history_date", "-history_id"))


def history_target(label: str, pk: str) -> HistoryTarget:
    """The registered model ``label`` and ``pk`` as its type; Http404 for anything else."""
    label = label.lower()
    if label not in _REGISTRY:
        raise Http404
    try:
        model = apps.get_model(label)
        value = model._meta.pk.to_python(pk)
    except (LookupError, ValueError, ValidationError) as error:
        raise Http404 from error
    return HistoryTarget(model, value)


@dataclass
class Change:
    label: Any
    old: str
    new: str


@dataclass
class Entry:
    """One historical record: when, who, which kind, and what changed."""

    record: Any
    kind: Any
    changes: list[Change] = field(default_factory=list)


def _display(field_: models.Field[Any, Any], value: Any, related: dict[str, dict[Any, str]]) -> str:
    if value is None or value == "":
        return "—"
    if field_.is_relation:
        return related.get(field_.name, {}).get(value, f"#{value}")
    if field_.choices:
        return str(dict(field_.flatchoices).get(value, value))
    if isinstance(field_, models.BooleanField):
        return str(_("はい") if value else _("いいえ"))
    if isinstance(field_, models.DateTimeField):
        return wareki_datetime(value)
    if isinstance(field_, models.DateField):
        return wareki(value)
    return str(value)


def _related_labels(fields: Iterable[models.Field[Any, Any]], records: list[Any]) -> dict[str, dict[Any, str]]:
    """For each foreign key, the objects the records name, as text: one query per foreign key."""
    labels: dict[str, dict[Any, str]] = {}
    for field_ in fields:
        if not field_.many_to_one and not field_.one_to_one:
            continue
        ids = {getattr(record, field_.attname) for record in records} - {None}
        if ids:
            target = field_.related_model._default_manager.filter(pk__in=ids)  # type: ignore[union-attr]
            labels[field_.name] = {obj.pk: str(obj) for obj in target}
    return labels


def entries(records: list[Any], older: Any, model: Any) -> list[Entry]:
    """``records`` (newest first) as entries, each compared with the record before it (``older`` for the last)."""
    fields = [f for f in records[0].tracked_fields if f.name != model._meta.pk.name] if records else []
    related = _related_labels(fields, [*records, *([older] if older is not None else [])])
    found = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else older
        entry = Entry(record, KIND_LABELS.get(record.history_type, record.history_type))
        if record.history_type != "-":
            for field_ in fields:
                new = getattr(record, field_.attname)
                old = getattr(previous, field_.attname) if previous is not None else None
                if previous is None and new in (None, ""):
                    continue
                if previous is None or old != new:
                    entry.changes.append(Change(field_.verbose_name, _display(field_, old, related) if previous
                                                else "", _display(field_, new, related)))
        found.append(entry)
    return found
