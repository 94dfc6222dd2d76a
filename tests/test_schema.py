"""The committed JSON Schema is the model's, and it accepts the sample."""

from __future__ import annotations

import json

import jsonschema
import yaml

from profile_gen.profile.schema import SCHEMA_FILE, json_schema, json_schema_text
from tests.conftest import ROOT, SAMPLE


def test_committed_schema_is_up_to_date():
    committed = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == json_schema_text(), "run: profile-gen schema -o profile.schema.json"


def test_schema_command_prints_it(run_cli):
    result = run_cli("schema")
    assert result.code == 0
    assert result.out == (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")


def test_sample_points_editors_at_the_schema():
    first_line = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../profile.schema.json"
    assert (SAMPLE.parent / "../profile.schema.json").resolve().is_file()


def test_sample_validates_against_the_schema():
    schema = json.loads(json_schema_text())
    data = yaml.load(SAMPLE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    # BaseLoader keeps every scalar as text; convert the numeric fields the schema types
    for slide in data["defence"]["slides"]:
        slide["seconds"] = int(slide["seconds"])
    data["defence"]["words_per_minute"] = int(data["defence"]["words_per_minute"])
    for skill in data["skills"]:
        skill["level"] = int(skill["level"])
    for item in data["competencies"]["items"]:
        item["level"], item["target"] = int(item["level"]), int(item["target"])
    jsonschema.validate(data, schema)


def test_schema_rejects_an_unknown_key():
    schema = json.loads(json_schema_text())
    bad = {"identity": {"name": "A", "headline": "B", "headlin": "C"}}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert errors and "headlin" in errors[0].message


def test_every_text_and_list_of_the_schema_has_a_longest_length():
    """Each string the profile takes is bounded (`maxLength`, or a list of values), and each
    list (`maxItems`): a text, or a list's items, rendered in every document and laid out
    again and again in the CV's fit, made a denial of service (a megabyte test score of
    short words, ten thousand one-word highlights: minutes of `check`)."""
    unbounded = []

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "string" and "maxLength" not in node and "enum" not in node:
                unbounded.append(path)
            if node.get("type") == "array" and "maxItems" not in node:
                unbounded.append(path)
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}[{index}]")

    walk(json_schema(), "")
    assert unbounded == []
