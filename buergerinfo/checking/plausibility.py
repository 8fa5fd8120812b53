"""Values that are valid but probably typos: reported as warnings, the site is still built.

The model refuses years outside limits.EARLIEST_YEAR..LATEST_YEAR outright. Inside
that range a date far in the future (2091 for 2019) is still valid — a planned
Sitzung may lie years ahead — but rare enough to be worth a question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, get_args

from pydantic import BaseModel

from buergerinfo.reading.limits import FUTURE_WARNING_YEARS
from buergerinfo.reading.yamldocument import Path_


@lru_cache(maxsize=None)
def _fields_with_dates(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute, YAML key) of the fields of `model` that are or contain a date; computed once per class."""
    return tuple(
        (name, info.alias or name)
        for name, info in model.model_fields.items()
        if _holds_date(info.annotation, set())
    )


def _holds_date(annotation: Any, seen: set[type]) -> bool:
    if annotation is dt.date:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return False
        seen.add(annotation)
        return any(_holds_date(info.annotation, seen) for info in annotation.model_fields.values())
    return any(_holds_date(arg, seen) for arg in get_args(annotation))


def _dates(value: Any, path: Path_) -> Iterator[tuple[Path_, dt.date]]:
    if isinstance(value, BaseModel):
        for name, key in _fields_with_dates(type(value)):
            yield from _dates(getattr(value, name), path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _dates(item, path + (index,))
    elif isinstance(value, dt.date):
        yield path, value


def far_future_dates(instance: BaseModel, today: dt.date) -> Iterator[tuple[Path_, str]]:
    """(path, message) for each date more than FUTURE_WARNING_YEARS years after `today`."""
    try:
        horizon = today.replace(year=today.year + FUTURE_WARNING_YEARS)
    except ValueError:  # 29 February
        horizon = today.replace(year=today.year + FUTURE_WARNING_YEARS, day=28)
    for path, date in _dates(instance, ()):
        if date > horizon:
            yield path, (
                f"das Datum {date:%d.%m.%Y} liegt mehr als {FUTURE_WARNING_YEARS} Jahre in der Zukunft – "
                "Tippfehler in der Jahreszahl?"
            )
