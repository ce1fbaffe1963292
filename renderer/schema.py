"""JSON Schema for content files, generated from the model's type hints (never kept by hand).

Editors that speak the YAML language server check and complete content while typing when a
file starts with ``# yaml-language-server: $schema=../page.schema.json``.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

from . import blocks  # noqa: F401  (registers every block type)
from .model.block import BLOCK_MODELS, Block
from .model.convert import yaml_fields
from .model.edition import Manifest, PageFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _type(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp in (float, Decimal):
        return {"type": "number"}
    if tp is Block:
        return {"$ref": "#/$defs/block"}
    if hasattr(tp, "json_schema"):  # a type that reads itself from YAML says how it looks
        return dict(tp.json_schema)
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin in (Union, types.UnionType):
        arms = [_type(a, defs) for a in get_args(tp) if a is not type(None)]
        return arms[0] if len(arms) == 1 else {"anyOf": arms}
    if origin is tuple:
        return {"type": "array", "items": _type(get_args(tp)[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(get_args(tp)[1], defs)}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = getattr(tp, "yaml_name", tp.__name__).replace(" ", "_")
        if name not in defs:
            defs[name] = {}
            defs[name] = _object(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no schema for {tp!r}")


_BOUND_KEYWORDS = {"min": "minimum", "above": "exclusiveMinimum", "max": "maximum"}


def _object(cls: type, defs: dict[str, Any], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = dict(extra or {})
    required = []
    for f in yaml_fields(cls):
        schema = {"enum": list(f.metadata["choices"])} if "choices" in f.metadata else _type(hints[f.name], defs)
        bounds = {_BOUND_KEYWORDS[k]: v for k, v in f.metadata.items() if k in _BOUND_KEYWORDS}
        if bounds and schema.get("type") == "number":
            schema = {**schema, **bounds}
        if f.metadata.get("doc"):
            schema = {**schema, "description": f.metadata["doc"]}
        props[f.name] = schema
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = (["type"] if extra else []) + required
    return out


def _summary(cls: type) -> str:
    """The first line of a block model's docstring. A dataclass without one gets its
    signature as ``__doc__``, which would tell a designer's editor nothing."""
    doc = cls.__doc__ or ""
    if doc.startswith(f"{cls.__name__}("):
        raise TypeError(f"block model {cls.__name__} has no docstring to describe it")
    return doc.strip().split("\n")[0]


def page_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    variants = []
    for name, cls in sorted(BLOCK_MODELS.items()):
        key = f"block_{name}"
        defs[key] = _object(cls, defs, {"type": {"const": name, "description": _summary(cls)}})
        variants.append({"$ref": f"#/$defs/{key}"})
    defs["block"] = {"oneOf": variants}
    schema = _object(PageFile, defs)
    return {"$schema": DIALECT, "title": "impact-report page file", **schema, "$defs": defs}


def manifest_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    return {"$schema": DIALECT, "title": "impact-report edition manifest", **_object(Manifest, defs)}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
