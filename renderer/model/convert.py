"""Typed values from located YAML nodes, driven by dataclass type hints.

One generic converter reads every model and theme class, so the model *is* the schema:
field types say what a key accepts, field defaults say whether it is optional, and
``field(metadata={"doc": ...})`` documents it (the JSON Schema is generated from the same).
Every number is bounded in length (:data:`MAX_DIGITS`) and every text (:data:`MAX_TEXT`), so
no content reaches an arithmetic, a font or a converter at a size it was never meant for.
A number field may bound its values with ``"min"`` (inclusive), ``"above"`` (exclusive) and
``"max"`` in the same metadata; a list or mapping of numbers is bounded item by item.
Every problem is reported to the sink with its span; conversion goes on to find the rest.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from ..diagnostics import Sink, Span, did_you_mean
from ..load.nodes import Map, Node, Scalar, Seq, kind_name

T = TypeVar("T")

_INT = re.compile(r"[+-]?(0|[1-9][0-9]*)\Z")
_NUMBER = re.compile(r"[+-]?(0|[1-9][0-9]*)(\.[0-9]+)?\Z")
_GROUPED = re.compile(r"[0-9]{1,3}([,.][0-9]{3})+([.,][0-9]+)?\Z")
_READERS: dict[type, Any] = {}


def register_reader(tp: type, reader: Any) -> None:
    """Let a model type read itself (e.g. a block chosen by its ``type`` key)."""
    _READERS[tp] = reader
    _reader.cache_clear()  # readers worked out before now may have read ``tp`` another way
    _plan.cache_clear()


class Invalid(Exception):
    """A value could not be read; already reported to the sink."""


class OutOfBounds(Invalid):
    """A value has the right form but is far too long; already reported. A union does not try
    its other arms on it: the text of a 5,000-digit number is not what was meant either."""


#: Digits in a number (before and after the point). Far beyond any count or amount a report
#: prints; Python refuses to read integers of more than 4,300 digits at all.
MAX_DIGITS = 40
#: Characters in one text field: some twenty pages of body text.
MAX_TEXT = 50_000


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def yaml_fields(cls: Any) -> tuple[dataclasses.Field[Any], ...]:
    """The fields a YAML mapping may set (``span`` is filled from the source, not written)."""
    return tuple(f for f in dataclasses.fields(cls) if f.name != "span" and f.init
                 and not f.metadata.get("internal"))


def read(tp: Any, node: Node, sink: Sink, what: str = "value") -> Any:
    """Read ``node`` as type ``tp``; raise :class:`Invalid` after reporting a problem."""
    return _reader(tp)(node, sink, what)


Reader = Callable[[Node, Sink, str], Any]


@cache
def _reader(tp: Any) -> Reader:
    """The function that reads ``tp``, worked out once per type hint: a long report reads the
    same few hints (a table cell, a row, a block's fields) hundreds of thousands of times, and
    asking each time what kind of hint it is cost a quarter of reading the model."""
    if tp in _READERS:
        own = _READERS[tp]
        return lambda node, sink, what: own(node, sink)
    if tp is str:
        return _read_text
    if tp in _NUMBERS:
        pattern, expected = _NUMBERS[tp]
        return lambda node, sink, what: tp(_read_number(node, sink, what, pattern, expected))
    if tp is bool:
        return _read_bool
    origin, args = _shape(tp)
    if origin is Literal:
        return lambda node, sink, what: _read_choice(node, sink, what, args)
    if origin in (Union, types.UnionType):
        return _union_reader(args)
    if origin is tuple:
        return _tuple_reader(args[0])
    if origin is dict:
        return _dict_reader(args[1])
    if dataclasses.is_dataclass(tp):
        return lambda node, sink, what: read_dataclass(tp, node, sink)  # type: ignore[arg-type]
    raise TypeError(f"no reader for {tp!r}")  # a model bug, not a content error


_NUMBERS: dict[Any, tuple[re.Pattern[str], str]] = {
    int: (_INT, "a whole number"), float: (_NUMBER, "a number"), Decimal: (_NUMBER, "a number")}


@cache
def _shape(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    """A type hint's origin and arguments, worked out once per hint."""
    return get_origin(tp), get_args(tp)


def _could_be(tp: Any, node: Node) -> bool:
    """Whether a union arm can possibly read the node: a text is not tried as a number (and
    its error message built and thrown away) when it plainly is not one."""
    if tp not in _NUMBERS:
        return True
    if not isinstance(node, Scalar) or not node.plain:
        return False
    return bool(_NUMBERS[tp][0].match(node.text.strip().replace("_", "")))


@dataclasses.dataclass(frozen=True, slots=True)
class _Field:
    """What reading one field takes, worked out once per class (see :func:`_plan`)."""

    name: str
    what: str  # how messages name it: 'label'
    reader: Reader
    required: bool
    optional: bool  # None is among its types: a null value is as good as leaving it out
    bounds: typing.Mapping[str, Any] | None


@dataclasses.dataclass(frozen=True, slots=True)
class _Plan:
    fields: tuple[_Field, ...]
    names: frozenset[str]
    span: bool  # the class records its mapping's span, its fields' spans, its keys' spans
    field_spans: bool
    key_spans: bool


@cache
def _plan(cls: Any) -> _Plan:
    hints = _hints(cls)
    fields = []
    for f in yaml_fields(cls):
        # a name from a registry (a chart's kind) is read like a Literal of its names
        choices: tuple[str, ...] | None = f.metadata.get("choices")
        reader = _reader(hints[f.name]) if choices is None else _choice_reader(choices)
        fields.append(_Field(f.name, f"'{f.name}'", reader,
                             f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
                             _optional(hints[f.name]), f.metadata if f.metadata.keys() & _BOUNDS else None))
    return _Plan(tuple(fields), _field_names(cls), "span" in hints, "field_spans" in hints, "key_spans" in hints)


def _choice_reader(choices: tuple[str, ...]) -> Reader:
    return lambda node, sink, what: _read_choice(node, sink, what, choices)


def read_dataclass(cls: type[T], node: Node, sink: Sink, skip: frozenset[str] = frozenset()) -> T:
    """Read a mapping into ``cls``: unknown keys, missing keys and bad values all reported."""
    if not isinstance(node, Map):
        sink.error(node.span, f"expected a mapping for {_title(cls)}, got {kind_name(node)}")
        raise Invalid
    kind: Any = cls  # a class is hashable; the cache's signature does not say so
    plan = _plan(kind)
    names = plan.names
    entries = node.entries
    given = {key.text: value for key, value in entries}
    ok = True
    unknown = given.keys() - names  # (keys are unique: the loader refuses a second one)
    if unknown and not skip.issuperset(unknown):
        for key, _ in entries:
            if key.text not in names and key.text not in skip:
                sink.error(key.span, f"unknown key '{key.text}' in {_title(cls)}",
                           *did_you_mean(key.text, names) or (f"expected one of: {', '.join(sorted(names))}",))
                ok = False
    values: dict[str, Any] = {}
    for f in plan.fields:
        child = given.get(f.name)
        if child is None or (f.optional and isinstance(child, Scalar) and child.is_null):
            if f.required:
                sink.error(node.span, f"missing key '{f.name}' in {_title(cls)}")
                ok = False
            continue
        try:
            value = values[f.name] = f.reader(child, sink, f.what)
        except Invalid:
            ok = False
            continue
        if f.bounds is not None and not _within(value, f.bounds, child, sink, f.what):
            ok = False
    if not ok:
        raise Invalid
    if plan.span:
        values["span"] = node.span
    if plan.field_spans:
        values["field_spans"] = tuple([(k.text, v.span) for k, v in entries])
    if plan.key_spans:  # where each key is written: a section's own line, not its first entry's
        values["key_spans"] = tuple([(k.text, k.span) for k, _ in entries])
    return cls(**values)


_BOUNDS = frozenset({"min", "above", "max"})


def _within(value: Any, bounds: typing.Mapping[str, Any], node: Node, sink: Sink, what: str) -> bool:
    """Whether every number in ``value`` is within the field's bounds; reports each that is
    not, at its own line and column."""
    if isinstance(value, dict):
        assert isinstance(node, Map)
        return all([_within(v, bounds, child, sink, f"{what} '{k}'")
                    for (k, v), (_, child) in zip(value.items(), node.entries)])
    if isinstance(value, tuple):
        assert isinstance(node, Seq)
        return all([_within(v, bounds, child, sink, what) for v, child in zip(value, node.items)])
    if value is None:
        return True
    low, above, high = bounds.get("min"), bounds.get("above"), bounds.get("max")
    if low is not None and value < low:
        problem = f"at least {low:g}"
    elif above is not None and value <= above:
        problem = f"more than {above:g}"
    elif high is not None and value > high:
        problem = f"at most {high:g}"
    else:
        return True
    sink.error(node.span, f"{what}: must be {problem}, got {value:g}")
    return False


@cache
def _field_names(cls: Any) -> frozenset[str]:
    return frozenset(f.name for f in yaml_fields(cls))


def _title(cls: type) -> str:
    return getattr(cls, "yaml_name", None) or cls.__name__.lower()


def _optional(tp: Any) -> bool:
    origin, args = _shape(tp)
    return origin in (Union, types.UnionType) and type(None) in args


def _scalar(node: Node, sink: Sink, what: str, expected: str) -> Scalar:
    if not isinstance(node, Scalar):
        sink.error(node.span, f"{what}: expected {expected}, got {kind_name(node)}")
        raise Invalid
    return node


def _read_text(node: Node, sink: Sink, what: str) -> str:
    scalar = _scalar(node, sink, what, "text")
    if scalar.is_null:
        sink.error(scalar.span, f"{what}: expected text, got nothing")
        raise Invalid
    if len(scalar.text) > MAX_TEXT:
        sink.error(scalar.span, f"{what}: text of {len(scalar.text):,} characters is too long "
                   f"(at most {MAX_TEXT:,})", "split it into several blocks")
        raise OutOfBounds
    return scalar.text


def _read_bool(node: Node, sink: Sink, what: str) -> bool:
    scalar = _scalar(node, sink, what, "true or false")
    if scalar.plain and scalar.text in ("true", "false"):
        return scalar.text == "true"
    sink.error(scalar.span, f"{what}: expected true or false, got '{scalar.text}'")
    raise Invalid


def _read_number(node: Node, sink: Sink, what: str, pattern: re.Pattern[str], expected: str) -> str:
    scalar = _scalar(node, sink, what, expected)
    text = scalar.text.strip().replace("_", "") if scalar.plain else scalar.text
    if scalar.plain and pattern.match(text):
        digits = len(text) - text.startswith(("+", "-")) - ("." in text)
        if digits > MAX_DIGITS:
            sink.error(scalar.span, f"{what}: a number of {digits:,} digits is too long (at most {MAX_DIGITS})",
                       "check for digits pasted twice or a missing decimal point")
            raise OutOfBounds
        return text
    hints: tuple[str, ...] = ()
    if _GROUPED.match(scalar.text):
        plain = re.sub(r"[,.](?=[0-9]{3}(\D|$))", "", scalar.text)
        hints = (f"write numbers without thousands separators ({plain}); the layout adds them",)
    elif not scalar.plain:
        hints = ("remove the quotes",)
    sink.error(scalar.span, f"{what}: expected {expected}, got '{scalar.text}'", *hints)
    raise Invalid


def _read_choice(node: Node, sink: Sink, what: str, choices: tuple[str, ...]) -> str:
    scalar = _scalar(node, sink, what, "one of: " + ", ".join(choices))
    if scalar.text in choices:
        return scalar.text
    sink.error(scalar.span, f"{what}: '{scalar.text}' is not one of: {', '.join(choices)}",
               *did_you_mean(scalar.text, choices))
    raise Invalid


def _union_reader(args: tuple[Any, ...]) -> Reader:
    arms = [a for a in args if a is not type(None)]
    nullable = len(arms) < len(args)
    if len(arms) == 1:
        only = _reader(arms[0])
        if not nullable:
            return only
        return lambda node, sink, what: (None if isinstance(node, Scalar) and node.is_null
                                         else only(node, sink, what))
    readers = [(arm, _reader(arm)) for arm in arms]
    names = " or ".join(_type_name(a) for a in arms)

    def read_union(node: Node, sink: Sink, what: str) -> Any:
        if nullable and isinstance(node, Scalar) and node.is_null:
            return None
        for arm, reader in readers:  # arms are tried in order: put the narrowest first (Decimal before str)
            if not _could_be(arm, node):
                continue
            trial = Sink()
            try:
                return reader(node, trial, what)
            except OutOfBounds:
                sink.extend(trial.items)
                raise
            except Invalid:
                continue
        sink.error(node.span, f"{what}: expected {names}, got {kind_name(node)}")
        raise Invalid

    return read_union


def _type_name(tp: Any) -> str:
    return {str: "text", int: "a whole number", Decimal: "a number", float: "a number",
            bool: "true or false"}.get(tp, "a mapping" if dataclasses.is_dataclass(tp) else "a list")


def _tuple_reader(item: Any) -> Reader:
    read_item = _reader(item)

    def read_tuple(node: Node, sink: Sink, what: str) -> tuple[Any, ...]:
        if not isinstance(node, Seq):
            sink.error(node.span, f"{what}: expected a list, got {kind_name(node)}")
            raise Invalid
        out, ok = [], True
        for child in node.items:
            try:
                out.append(read_item(child, sink, what))
            except Invalid:
                ok = False
        if not ok:
            raise Invalid
        return tuple(out)

    return read_tuple


def _dict_reader(value: Any) -> Reader:
    read_value = _reader(value)

    def read_dict(node: Node, sink: Sink, what: str) -> dict[str, Any]:
        if not isinstance(node, Map):
            sink.error(node.span, f"{what}: expected a mapping, got {kind_name(node)}")
            raise Invalid
        out, ok = {}, True
        for key, child in node.entries:
            try:
                out[key.text] = read_value(child, sink, f"'{key.text}'")
            except Invalid:
                ok = False
        if not ok:
            raise Invalid
        return out

    return read_dict


def span_of(obj: object) -> Span | None:
    return getattr(obj, "span", None)
