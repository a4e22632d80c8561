"""A small JSON Schema checker for the keywords calculator/schema.py uses (jsonschema is not a dependency).

`KEYWORDS` is every keyword it understands, as an assertion or as an annotation: tests/calculator/test_schema.py
checks that the profile schema uses no other, so a keyword this checker would silently skip cannot creep in.
"""

from __future__ import annotations

import re
from typing import Any

ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "x-labels", "$defs", "format"})
ASSERTIONS = frozenset({"type", "enum", "const", "properties", "required", "additionalProperties", "anyOf", "oneOf",
                        "not", "$ref", "minimum", "maximum", "multipleOf", "pattern", "items", "uniqueItems"})
KEYWORDS = ANNOTATIONS | ASSERTIONS
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: type(v) is int or type(v) is float and v.is_integer(),
    "number": lambda v: type(v) in (int, float),
}


def keywords(schema: Any) -> set[str]:
    """Every keyword used anywhere in `schema` (property names and $defs names are not keywords)."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for k, v in schema.items():
            found.add(k)
            if k in ("properties", "$defs"):
                for sub in v.values():
                    found |= keywords(sub)
            elif k in ("anyOf", "oneOf"):
                for sub in v:
                    found |= keywords(sub)
            elif k in ("not", "items"):
                found |= keywords(v)
    return found


def errors(schema: dict[str, Any], value: Any, root: dict[str, Any] | None = None, path: str = "") -> list[str]:
    """Where `value` breaks `schema`: a list of "path: what", empty when it is valid."""
    root = root or schema
    out: list[str] = []
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        out += errors(root["$defs"][name], value, root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](value) for t in types):
            return [f"{path}: {value!r} is not of type {types}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{path}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        out.append(f"{path}: {value!r} is not {schema['const']!r}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            out.append(f"{path}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            out.append(f"{path}: {value} > {schema['maximum']}")
        if "multipleOf" in schema and round(value / schema["multipleOf"], 9) % 1:
            out.append(f"{path}: {value} is not a multiple of {schema['multipleOf']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        out.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, list):
        if schema.get("uniqueItems") and len(set(map(repr, value))) != len(value):
            out.append(f"{path}: items are not unique")
        for i, item in enumerate(value):
            out += errors(schema.get("items", {}), item, root, f"{path}[{i}]")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        out += [f"{path}.{k}: required" for k in schema.get("required", ()) if k not in value]
        for k, v in value.items():
            if k in props:
                out += errors(props[k], v, root, f"{path}.{k}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{path}.{k}: not allowed")
    if "anyOf" in schema and all(errors(s, value, root, path) for s in schema["anyOf"]):
        out.append(f"{path}: matches none of anyOf")
    if "oneOf" in schema and sum(not errors(s, value, root, path) for s in schema["oneOf"]) != 1:
        out.append(f"{path}: does not match exactly one of oneOf")
    if "not" in schema and not errors(schema["not"], value, root, path):
        out.append(f"{path}: matches a 'not'")
    return out
