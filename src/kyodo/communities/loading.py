"""Loading a city's branch offices, districts and community bodies from a TOML data file."""

from __future__ import annotations

from pathlib import Path

from kyodo.communities.models import BranchOffice, Community, District, DistrictFigure
from kyodo.datafiles import DataFileError, Entry, load_data_file

DEFAULT_PATH = Path(__file__).parent / "data" / "ichinoseki.toml"
DEMO_SOURCE = "デモデータ"

__all__ = ["DEFAULT_PATH", "DataFileError", "load_communities"]


def load_communities(path: Path | str | None = None) -> int:
    """Create the branch offices, districts, figures and communities the file lists; return how many rows.

    Idempotent: a row that already exists (same slug, same name, same district and fiscal year)
    is left as it is, because the city may have edited it since. All rows or none (one transaction).
    Raises DataFileError listing every problem of a file that does not hold together.
    """
    return load_data_file(path or DEFAULT_PATH, _load)


def _load(document: Entry) -> int:
    branches: dict[str, BranchOffice] = {}
    created = document.each("branch_offices", lambda entry: _load_branch(entry, branches))
    return created + document.each("districts", lambda entry: _load_district(entry, branches))


def _load_branch(entry: Entry, branches: dict[str, BranchOffice]) -> int:
    branch, created = BranchOffice.objects.get_or_create(
        slug=entry.text("slug"),
        defaults={
            "name": entry.text("name"),
            "name_en": entry.text("name_en", ""),
            "area_name": entry.text("area_name"),
            "is_head_office": entry.flag("is_head_office"),
            "order": entry.number - 1,
        },
    )
    branches[branch.slug] = branch
    return int(created)


def _figures(entry: Entry) -> list[tuple[int, int, int]]:
    """The ``figures`` of a district: ``[fiscal year, population, households]`` per year."""
    figures = entry.get("figures", [])
    if not isinstance(figures, list) or not all(
        isinstance(row, list) and len(row) == 3 and all(type(value) is int for value in row) for row in figures
    ):
        entry.problem("figures", "[年度, 人口, 世帯数] の並びではありません。")
    return [(year, population, households) for year, population, households in figures]


def _load_district(entry: Entry, branches: dict[str, BranchOffice]) -> int:
    branch_slug = entry.text("branch")
    branch = branches.get(branch_slug) or BranchOffice.objects.filter(slug=branch_slug).first()
    if branch is None:
        entry.problem("branch", f"「{branch_slug}」という支所はありません。")
    figures = _figures(entry)
    district, created = District.objects.get_or_create(
        name=entry.text("name"),
        defaults={
            "name_kana": entry.text("name_kana", ""),
            "branch_office": branch,
            "citizen_center_name": entry.text("citizen_center_name", ""),
            "is_demo_data": entry.flag("is_demo_data"),
            "order": entry.number - 1,
        },
    )
    count = int(created)
    existing_years = set(district.figures.values_list("fiscal_year", flat=True))
    source = entry.text("figures_source", DEMO_SOURCE)
    # One by one (not bulk_create) so row history records each figure.
    for year, population, households in figures:
        if year not in existing_years:
            DistrictFigure(district=district, fiscal_year=year, population=population, households=households,
                           source=source).save()
            count += 1
    community = entry.table("community")
    if community is not None:
        count += _load_community(community, district)
    return count


def _load_community(entry: Entry, district: District) -> int:
    slug = entry.text("slug")
    if Community.objects.filter(slug=slug).exists():
        return 0
    Community.objects.create(
        slug=slug,
        name=entry.text("name"),
        name_kana=entry.text("name_kana", ""),
        district=district,
        status=entry.text("status", Community.Status.ESTABLISHED),
        founded_on=entry.date("founded_on", None),
        is_demo_data=entry.flag("is_demo_data"),
    )
    return 1
