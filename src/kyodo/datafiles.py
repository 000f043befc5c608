"""Loading a TOML data file shipped with an app: all of it or nothing, and every problem at once.

An app's loader is a function of the file's document (an :class:`Entry`); it reads fields
through the entry's typed readers and runs a handler on every table of a section with
:meth:`Entry.each`. A missing or mistyped field, a model validation error or a database
error is recorded as a :class:`Problem` with its place (section, 1-based entry number,
field) and stops that entry only: the next one is still read, each in its own savepoint.
:func:`load_data_file` runs everything in one transaction and, if anything was recorded,
rolls it all back and raises one :class:`DataFileError` that lists every problem.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TypeVar, overload

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction

T = TypeVar("T")


class _Required:
    """The default of a reader whose field must be present."""


REQUIRED = _Required()


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file: where (``plans 2件目 › policies 1件目``), which field, and what."""

    location: tuple[str, ...]
    field: str
    message: str

    def __str__(self) -> str:
        where = " › ".join(self.location) or "ファイル全体"
        return f"{where}、{self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataFileError(ValueError):
    """The data file does not hold together; nothing was written. ``problems`` lists every problem."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        lines = [f"{path.name}: {len(problems)}件の問題があるため、何も登録しませんでした。"]
        super().__init__("\n".join([*lines, *(f"- {problem}" for problem in problems)]))


class _EntryStopped(Exception):
    """An entry's problem has been recorded; the loader goes on with the next entry."""


Handler = Callable[["Entry"], int | None]


class Entry:
    """One table of a data file (the document, a ``[[section]]`` entry or a sub-table), read field by field."""

    def __init__(self, values: Mapping[str, Any], *, location: tuple[str, ...], problems: list[Problem],
                 number: int = 0) -> None:
        self.values = values
        self.location = location
        self.problems = problems
        self.number = number  # 1-based place in its section; 0 for the document and sub-tables

    def record(self, field: str, message: str) -> None:
        """Note a problem of this entry and go on."""
        self.problems.append(Problem(self.location, field, message))

    def problem(self, field: str, message: str) -> NoReturn:
        """Note a problem of this entry and stop reading it."""
        self.record(field, message)
        raise _EntryStopped

    def get(self, key: str, default: Any = None) -> Any:
        """The raw value of an optional field."""
        return self.values.get(key, default)

    def required(self, key: str) -> Any:
        """The raw value of a field that must be present."""
        if key not in self.values:
            self.problem(key, "必須の項目がありません。")
        return self.values[key]

    def _typed(self, key: str, kinds: tuple[type, ...], description: str, default: object) -> Any:
        if key not in self.values:
            return self.required(key) if default is REQUIRED else default
        value = self.values[key]
        if not isinstance(value, kinds) or (isinstance(value, bool | dt.datetime) and bool not in kinds):
            self.problem(key, f"{description}ではありません({value!r})。")
        return value

    @overload
    def text(self, key: str) -> str: ...
    @overload
    def text(self, key: str, default: T) -> str | T: ...
    def text(self, key: str, default: object = REQUIRED) -> Any:
        """The string ``key``; ``default`` when absent, required when there is none."""
        return self._typed(key, (str,), "文字列", default)

    @overload
    def integer(self, key: str) -> int: ...
    @overload
    def integer(self, key: str, default: T) -> int | T: ...
    def integer(self, key: str, default: object = REQUIRED) -> Any:
        """The integer ``key`` (not a boolean); ``default`` when absent, required when there is none."""
        return self._typed(key, (int,), "整数", default)

    @overload
    def date(self, key: str) -> dt.date: ...
    @overload
    def date(self, key: str, default: T) -> dt.date | T: ...
    def date(self, key: str, default: object = REQUIRED) -> Any:
        """The TOML date ``key`` (e.g. ``2019-04-01``); ``default`` when absent, required when there is none."""
        return self._typed(key, (dt.date,), "日付(例: 2019-04-01)", default)

    def flag(self, key: str, default: bool = False) -> bool:
        """The boolean ``key`` (``true`` / ``false``), ``default`` when absent."""
        return bool(self._typed(key, (bool,), "true か false", default))

    def table(self, key: str) -> Entry | None:
        """The sub-table ``key`` (``[section.key]``) as an entry, or None when absent."""
        values = self.get(key)
        if values is None:
            return None
        if not isinstance(values, Mapping):
            self.problem(key, "表ではありません。")
        return Entry(values, location=(*self.location, key), problems=self.problems)

    def each(self, key: str, handler: Handler) -> int:
        """Run ``handler`` on every table of the array ``key``, each in a savepoint; return the sum it returns.

        A problem in one table is recorded and the next table is still read.
        """
        rows = self.get(key, [])
        if not isinstance(rows, list):
            self.record(key, f"表の並び([[{key}]])ではありません。")
            return 0
        total = 0
        for number, values in enumerate(rows, start=1):
            entry = Entry(values if isinstance(values, Mapping) else {}, problems=self.problems, number=number,
                          location=(*self.location, f"{key} {number}件目"))
            if not isinstance(values, Mapping):
                entry.record("", "表ではありません。")
                continue
            total += _run(entry, handler)
        return total


def _run(entry: Entry, handler: Handler) -> int:
    """``handler(entry)`` in a savepoint; its failure becomes a recorded problem and counts 0."""
    try:
        with transaction.atomic():
            return handler(entry) or 0
    except _EntryStopped:
        pass
    except ValidationError as error:
        details = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
        for field, messages in details.items():
            for message in messages:
                entry.record("" if field == NON_FIELD_ERRORS else field, message)
    except (KeyError, TypeError, ValueError, DatabaseError) as error:
        entry.record("", f"{type(error).__name__}: {error}")
    return 0


def load_data_file(path: Path | str, load: Handler) -> int:
    """Read the UTF-8 TOML file ``path`` and run ``load`` on its document in one transaction; return its result.

    Raises DataFileError listing every problem (nothing is written then); OSError if the file cannot be read.
    """
    path = Path(path)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise DataFileError(path, [Problem((), "", f"UTF-8 で読めません({error.start + 1}バイト目)。")]) from error
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(path, [Problem((), "", f"TOML として読めません: {error}")]) from error
    problems: list[Problem] = []
    with transaction.atomic():
        created = _run(Entry(document, location=(), problems=problems), load)
        if problems:
            raise DataFileError(path, problems)  # inside the transaction: everything is rolled back
    return created
