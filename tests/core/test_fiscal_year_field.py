"""FiscalYearField: every fiscal-year column refuses a year outside 1989–2100, in forms and in the database."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction

from kyodo.communities.models import CommunityPlan, DistrictFigure
from kyodo.fiscal_years import FiscalYearField
from kyodo.grants.models import ProgramRule
from tests.factories import CommunityPlanFactory, DistrictFigureFactory
from tests.grants.factories import ensure_rule

pytestmark = pytest.mark.django_db

FISCAL_YEAR_COLUMNS = sorted(
    (model._meta.db_table, field.column)
    for model in apps.get_models()
    for field in model._meta.concrete_fields
    if isinstance(field, FiscalYearField)
)


def _table_checks(table: str) -> str:
    """The table's check constraints as the database states them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
        else:
            cursor.execute(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'c'",
                [table],
            )
        return "\n".join(row[0] for row in cursor.fetchall())


def test_plans_communities_and_grants_keep_their_fiscal_years_in_fiscal_year_fields():
    tables = {table for table, _column in FISCAL_YEAR_COLUMNS}
    assert {
        "plans_promotionplan", "plans_measureschedule", "communities_districtfigure", "communities_communityplan",
        "communities_planinitiative", "grants_programrule", "grants_simulationscenario", "grants_application",
        "grants_historicalapplication", "dialogue_opinion", "dialogue_meeting",
    } <= tables
    # Each fiscal-year column of a table with history has its copy in the history table, and vice versa.
    columns = set(FISCAL_YEAR_COLUMNS)
    for table, column in columns:
        app, _sep, model = table.partition("_")
        twin = (f"{app}_{model.removeprefix('historical')}" if model.startswith("historical")
                else f"{app}_historical{model}")
        if twin in tables:
            assert (twin, column) in columns, (table, column)


@pytest.mark.parametrize(("table", "column"), FISCAL_YEAR_COLUMNS)
def test_the_database_checks_every_fiscal_year_column(table, column):
    checks = _table_checks(table)

    if connection.vendor == "sqlite":
        assert f'"{column}" BETWEEN 1989 AND 2100' in checks
    else:  # PostgreSQL states BETWEEN as two comparisons
        assert f"(({column} >= 1989) AND ({column} <= 2100))" in checks


def _rows():
    return {
        "figure": (DistrictFigure, DistrictFigureFactory().pk, "fiscal_year"),
        "plan": (CommunityPlan, CommunityPlanFactory().pk, "end_fiscal_year"),
        "rule": (ProgramRule, ensure_rule().pk, "fiscal_year"),
    }


@pytest.mark.parametrize("row", ["figure", "plan", "rule"])
@pytest.mark.parametrize("year", [0, 1988, 2101])
def test_an_update_that_skips_validation_is_refused_by_the_database(row, year):
    model, pk, column = _rows()[row]

    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=pk).update(**{column: year})

    assert getattr(model.objects.get(pk=pk), column) != year


def test_a_year_too_large_for_the_column_is_refused_too():
    model, pk, column = _rows()["figure"]

    # SQLite: the check; PostgreSQL: smallint's own range (32767) refuses it first, as a DataError.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        model.objects.filter(pk=pk).update(**{column: 99999})


@pytest.mark.parametrize("year", [1989, 2100])
def test_the_first_and_last_years_are_accepted(year):
    model, pk, column = _rows()["figure"]

    model.objects.filter(pk=pk).update(**{column: year})

    assert getattr(model.objects.get(pk=pk), column) == year


def test_validation_names_the_range_before_the_database_is_asked():
    field = DistrictFigure._meta.get_field("fiscal_year")

    with pytest.raises(ValidationError):
        field.clean(1988, None)
    assert field.clean(2024, None) == 2024
