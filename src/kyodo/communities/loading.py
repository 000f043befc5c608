"""Loading a city's branch offices, districts and community bodies from a TOML data file."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction

from kyodo.communities.models import BranchOffice, Community, District, DistrictFigure

DEFAULT_PATH = Path(__file__).parent / "data" / "ichinoseki.toml"
DEMO_SOURCE = "デモデータ"


class DataFileError(Exception):
    """The data file is missing a field or refers to something it does not define."""


def load_communities(path: Path | str | None = None) -> int:
    """Create the branch offices, districts, figures and communities the file lists; return how many rows.

    Idempotent: a row that already exists (same slug, same name, same district and fiscal year)
    is left as it is, because the city may have edited it since. All rows or none (one transaction).
    Raises DataFileError for a file that does not hold together.
    """
    data = tomllib.loads(Path(path or DEFAULT_PATH).read_text(encoding="utf-8"))
    created = 0
    with transaction.atomic():
        branches: dict[str, BranchOffice] = {}
        for order, entry in enumerate(data.get("branch_offices", [])):
            branch, was_created = BranchOffice.objects.get_or_create(
                slug=_required(entry, "slug"),
                defaults={
                    "name": _required(entry, "name"),
                    "name_en": entry.get("name_en", ""),
                    "area_name": _required(entry, "area_name"),
                    "is_head_office": bool(entry.get("is_head_office", False)),
                    "order": order,
                },
            )
            branches[branch.slug] = branch
            created += was_created
        for order, entry in enumerate(data.get("districts", [])):
            created += _load_district(entry, order, branches)
    return created


def _load_district(entry: dict[str, Any], order: int, branches: dict[str, BranchOffice]) -> int:
    branch_slug = _required(entry, "branch")
    branch = branches.get(branch_slug) or BranchOffice.objects.filter(slug=branch_slug).first()
    if branch is None:
        raise DataFileError(f"district {entry.get('name')!r}: unknown branch office {branch_slug!r}")
    district, created = District.objects.get_or_create(
        name=_required(entry, "name"),
        defaults={
            "name_kana": entry.get("name_kana", ""),
            "branch_office": branch,
            "citizen_center_name": entry.get("citizen_center_name", ""),
            "is_demo_data": bool(entry.get("is_demo_data", False)),
            "order": order,
        },
    )
    count = int(created)
    existing_years = set(district.figures.values_list("fiscal_year", flat=True))
    new_figures = [
        DistrictFigure(
            district=district, fiscal_year=year, population=population, households=households,
            source=entry.get("figures_source", DEMO_SOURCE),
        )
        for year, population, households in entry.get("figures", [])
        if year not in existing_years
    ]
    # One by one (not bulk_create) so row history records each figure.
    for figure in new_figures:
        figure.save()
    count += len(new_figures)
    community = entry.get("community")
    if community and not Community.objects.filter(slug=_required(community, "slug")).exists():
        founded_on = community.get("founded_on")
        Community.objects.create(
            slug=community["slug"],
            name=_required(community, "name"),
            name_kana=community.get("name_kana", ""),
            district=district,
            status=community.get("status", Community.Status.ESTABLISHED),
            founded_on=founded_on if isinstance(founded_on, dt.date) else None,
            is_demo_data=bool(community.get("is_demo_data", False)),
        )
        count += 1
    return count


def _required(entry: dict[str, Any], key: str) -> Any:
    try:
        return entry[key]
    except KeyError:
        raise DataFileError(f"{entry!r} has no {key!r}") from None
