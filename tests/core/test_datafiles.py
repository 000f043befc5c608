"""kyodo.datafiles: a data file loads completely or not at all, and every problem is reported with its place."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import CommandError, call_command

from kyodo.communities.loading import load_communities
from kyodo.communities.models import BranchOffice, Community, District, DistrictFigure
from kyodo.datafiles import DataFileError, load_data_file
from kyodo.grants.models import ExpenseCategory, GrantProgram, ProgramRule
from kyodo.grants.programs.loading import load_grant_programs
from kyodo.plans.loading import load_promotion_plans
from kyodo.plans.models import Department, Policy, PromotionPlan

TWO_BAD_ROWS = """
[[branch_offices]]
slug = "honcho"
name = "本庁"
area_name = "一関地域"

[[branch_offices]]
slug = "daito"
name = "大東支所"

[[districts]]
name = "山目"
branch = "honcho"
figures = [[2023, 5000, 2000]]
community = { slug = "yamanome", name = "山目地域協働体", founded_on = 2016-03-05 }

[[districts]]
name = "真滝"
branch = "honcho"

[[districts]]
name = "どこにもない地区"
branch = "nowhere"
"""


def _write(tmp_path, text: str, name: str = "data.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db(transaction=True)  # the loader's own transaction, not the test's, is what rolls back
def test_two_bad_rows_in_different_sections_are_both_reported_and_nothing_is_written(tmp_path):
    with pytest.raises(DataFileError) as raised:
        load_communities(_write(tmp_path, TWO_BAD_ROWS))
    problems = [(problem.location, problem.field) for problem in raised.value.problems]
    assert problems == [(("branch_offices 2件目",), "area_name"), (("districts 3件目",), "branch")]
    message = str(raised.value)
    assert message.startswith("data.toml: 2件の問題があるため、何も登録しませんでした。")
    assert "branch_offices 2件目、area_name: 必須の項目がありません。" in message
    assert "districts 3件目、branch: 「nowhere」という支所はありません。" in message
    assert (BranchOffice.objects.count(), District.objects.count(), DistrictFigure.objects.count(),
            Community.objects.count()) == (0, 0, 0, 0)


@pytest.mark.django_db(transaction=True)
def test_a_database_error_in_one_entry_does_not_hide_the_next_problem(tmp_path):
    # Policy numbers are unique in a plan: the second policy fails in the database (an aborted
    # transaction on PostgreSQL); its savepoint is rolled back and the schedule after it is still checked.
    path = _write(tmp_path, """
[[departments]]
name = "総務課"

[[plans]]
number = 7
title = "試験計画"
start_fiscal_year = 2019
end_fiscal_year = 2023

[[plans.policies]]
number = 1
title = "方針"

[[plans.policies]]
number = 1
title = "同じ番号の方針"

[[plans.policies]]
number = 2
title = "方針2"

[[plans.policies.measures]]
number = 1
title = "事業"
schedules = [ { start_fiscal_year = 2018, end_fiscal_year = 2023, text = "計画期間の外" } ]
""")
    with pytest.raises(DataFileError) as raised:
        load_promotion_plans(path)
    locations = [problem.location for problem in raised.value.problems]
    assert locations[0] == ("plans 1件目", "policies 2件目")
    assert ("plans 1件目", "policies 3件目", "measures 1件目", "schedules 1件目") in locations
    assert not PromotionPlan.objects.exists() and not Policy.objects.exists() and not Department.objects.exists()


@pytest.mark.django_db
def test_the_grants_loader_names_an_unknown_program_category_and_date(tmp_path):
    path = _write(tmp_path, """
[[programs]]
code = "founding"
name = "設立準備"
measure_number = "一"
eligibility = "forming"

[[programs]]
code = "activity"
name = "活動費"
measure_number = 9
eligibility = "plan"

[[categories]]
code = "travel"
name = "旅費"

[[rules]]
program = "nothing"
first_year = 2023
last_year = 2023

[[rules]]
program = "activity"
eligible = ["travel", "flowers"]
first_year = 2023
last_year = 2023

[[rules]]
program = "activity"
first_year = 2023
last_year = 2023
opens_md = "4月1日"
""")
    with pytest.raises(DataFileError) as raised:
        load_grant_programs(path)
    assert [str(problem) for problem in raised.value.problems] == [
        "programs 1件目、measure_number: 整数ではありません('一')。",
        "rules 1件目、program: 「nothing」という補助制度はありません。",
        "rules 2件目、eligible: 登録されていない経費区分です: flowers",
        "rules 3件目、opens_md: 「月-日」(例: 04-01)ではありません('4月1日')。",
    ]
    assert not GrantProgram.objects.exists() and not ExpenseCategory.objects.exists()
    assert not ProgramRule.objects.exists()


@pytest.mark.django_db
def test_the_typed_readers_refuse_the_wrong_kind_of_value(tmp_path):
    path = _write(tmp_path, """
[[rows]]
count = true
[[rows]]
day = "2019-04-01"
[[rows]]
name = 3
[[rows]]
flag = "yes"
[[rows]]
count = 4
day = 2019-04-01
name = "四"
flag = true
""")
    seen = []

    def load(document):
        return document.each("rows", lambda row: seen.append(
            (row.integer("count", 0), row.date("day", None), row.text("name", ""), row.flag("flag"))) or 1)

    with pytest.raises(DataFileError) as raised:
        load_data_file(path, load)
    assert [(problem.location[0], problem.field) for problem in raised.value.problems] == [
        ("rows 1件目", "count"), ("rows 2件目", "day"), ("rows 3件目", "name"), ("rows 4件目", "flag")]
    assert seen == [(4, dt.date(2019, 4, 1), "四", True)]


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "expected"), [
    ("[[branch_offices]\nslug = ", "TOML として読めません"),
    ("name = \"本庁\"".encode("shift_jis"), "UTF-8 で読めません"),
    ("branch_offices = 3", "branch_offices: 表の並び([[branch_offices]])ではありません。"),
    ("branch_offices = [1]", "branch_offices 1件目: 表ではありません。"),
])
def test_a_file_that_is_not_a_data_file_is_one_problem(tmp_path, content, expected):
    path = tmp_path / "data.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape(expected)):
        load_communities(path)


@pytest.mark.django_db
def test_the_command_reports_every_problem(tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("load_communities", str(_write(tmp_path, TWO_BAD_ROWS)))
    assert "branch_offices 2件目" in str(raised.value) and "districts 3件目" in str(raised.value)
    assert not BranchOffice.objects.exists()
