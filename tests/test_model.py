import json

import pytest

from reportgen.errors import BriefFormatError
from reportgen.model import SCHEMA_VERSION, Brief, Fact, Ref
from tests.builders import make_brief


def test_brief_survives_a_json_round_trip_unchanged() -> None:
    brief = make_brief()
    assert Brief.from_json(brief.to_json()) == brief


def test_json_uses_the_contract_names() -> None:
    data = json.loads(make_brief().to_json())
    assert {
        "title",
        "key_points",
        "sections",
        "facts",
        "timeline",
        "actors",
        "source",
        "schema_version",
    } <= set(data)
    section = data["sections"][0]
    assert {"key", "title", "paragraphs", "bullets"} <= set(section)
    assert {"text", "refs"} <= set(section["bullets"][0])
    assert set(section["bullets"][0]["refs"][0]) == {"paragraph", "sentence"}


def test_brief_of_another_major_version_is_refused_naming_both_versions() -> None:
    data = json.loads(make_brief().to_json())
    data["schema_version"] = "2.0"
    with pytest.raises(BriefFormatError, match=r"2\.0.*1\.x"):
        Brief.from_dict(data)


def test_newer_minor_version_with_extra_fields_still_loads() -> None:
    data = json.loads(make_brief().to_json())
    data["schema_version"] = SCHEMA_VERSION.split(".")[0] + ".9"
    data["source"]["language"] = "en"
    data["facts"] = [
        {
            "text": "1,524 deaths",
            "value": "1524",
            "confidence": 0.9,
            "refs": [{"paragraph": 6, "sentence": 1}],
        }
    ]
    brief = Brief.from_dict(data)
    assert brief.facts == (Fact(text="1,524 deaths", value="1524", refs=(Ref(6, 1),)),)


def test_malformed_json_is_a_brief_format_error() -> None:
    with pytest.raises(BriefFormatError, match="not valid JSON"):
        Brief.from_json("{not json")
    with pytest.raises(BriefFormatError, match="missing or malformed"):
        Brief.from_dict({"schema_version": SCHEMA_VERSION})


def test_a_brief_nested_thousands_deep_is_a_format_error_not_a_crash() -> None:
    with pytest.raises(BriefFormatError, match="not valid JSON: nested too deeply"):
        Brief.from_json("[" * 20000 + "]" * 20000)
