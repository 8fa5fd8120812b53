"""Which YAML keys a model allows at a place in a file, and what the model says they mean.

Messages use them to suggest the field an editor meant and to explain a value
(what true and false mean for `oeffentlich`); the editors' guide lists them.
"""

from __future__ import annotations

from typing import Any, get_args, get_origin

from pydantic import BaseModel

from buergerinfo.reading.yamldocument import Path_


def allowed_fields(model: type[BaseModel], loc: Path_) -> list[str]:
    """The YAML keys allowed at `loc` inside `model`, to suggest a fix for a typo."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        target = None
        for name, info in current.model_fields.items():
            if (info.alias or name) == part:
                target = info.annotation
        current = model_in(target)
        if current is None:
            return []
    return [info.alias or name for name, info in current.model_fields.items()]


def field_description(model: type[BaseModel], loc: Path_) -> str | None:
    """The model's German description of the field at `loc`, e.g. what true and false mean."""
    keys = [part for part in loc if not isinstance(part, int)]
    if not keys:
        return None
    owner = model
    for part in keys[:-1]:
        target = next((i.annotation for n, i in owner.model_fields.items() if (i.alias or n) == part), None)
        owner = model_in(target)
        if owner is None:
            return None
    return next((i.description for n, i in owner.model_fields.items() if (i.alias or n) == keys[-1]), None)


def model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation) if get_origin(annotation) is not None else ():
        found = model_in(arg)
        if found:
            return found
    return None
