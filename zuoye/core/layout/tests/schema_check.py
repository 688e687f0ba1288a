"""A small JSON Schema checker for the subset our layout schema uses.

The project does not depend on ``jsonschema``; this covers exactly the keywords in
``data/layout.schema.json`` and fails on any keyword it does not know, so the schema cannot
grow a rule that the tests silently ignore.
"""

from __future__ import annotations

import re
from typing import Any

_TYPES: dict[str, Any] = {
    "object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
    "integer": int, "number": (int, float),
}
_KNOWN = {"$schema", "$id", "$defs", "$ref", "title", "description", "type", "required", "additionalProperties",
          "properties", "items", "minItems", "maxItems", "enum", "const", "minimum", "exclusiveMinimum",
          "pattern", "oneOf", "minLength"}


def _type_ok(value: Any, name: str) -> bool:
    if name in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[name])


def errors(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    unknown = set(schema) - _KNOWN
    if unknown:
        return [f"{path}: schema keyword(s) not understood: {sorted(unknown)}"]
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return errors(value, target, root, path)
    found: list[str] = []
    if "type" in schema and not _type_ok(value, schema["type"]):
        return [f"{path}: expected {schema['type']}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        found.append(f"{path}: below {schema['minimum']}")
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        found.append(f"{path}: not above {schema['exclusiveMinimum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        found.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if "minLength" in schema and len(value) < schema["minLength"]:
        found.append(f"{path}: too short")
    if "oneOf" in schema:
        matches = sum(not errors(value, option, root, path) for option in schema["oneOf"])
        if matches != 1:
            found.append(f"{path}: matches {matches} of oneOf")
    if isinstance(value, dict):
        found += _object_errors(value, schema, root, path)
    if isinstance(value, list):
        found += _array_errors(value, schema, root, path)
    return found


def _object_errors(value: dict[str, Any], schema: dict[str, Any], root: dict[str, Any], path: str) -> list[str]:
    found = [f"{path}: missing {key!r}" for key in schema.get("required", []) if key not in value]
    properties = schema.get("properties", {})
    if schema.get("additionalProperties") is False:
        found += [f"{path}: unexpected {key!r}" for key in value if key not in properties]
    for key, sub in properties.items():
        if key in value:
            found += errors(value[key], sub, root, f"{path}.{key}")
    return found


def _array_errors(value: list[Any], schema: dict[str, Any], root: dict[str, Any], path: str) -> list[str]:
    found = []
    if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
        found.append(f"{path}: {len(value)} items is out of range")
    if "items" in schema:
        for index, entry in enumerate(value):
            found += errors(entry, schema["items"], root, f"{path}[{index}]")
    return found
