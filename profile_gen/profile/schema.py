"""The JSON Schema of `profile.yaml`, generated from the model (for editors' autocompletion)."""

from __future__ import annotations

import json

from profile_gen.profile.model import Profile

SCHEMA_FILE = "profile.schema.json"


def json_schema() -> dict:
    schema = Profile.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def json_schema_text() -> str:
    """The schema as committed in `profile.schema.json` (stable key order, final newline)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
