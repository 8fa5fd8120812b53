"""The YAML loader's answers to constructs the corpora do not each have a file for (buergerinfo/reading/yamlsource.py)."""

from __future__ import annotations

import re

import pytest

from buergerinfo.reading.patterns import matches_number_format, pattern_problem
from buergerinfo.reading.yamldocument import YamlSyntaxError
from buergerinfo.reading.yamlsource import load_yaml

RARE_SYNTAX = [
    "%YAML 2.0\n---\na: 1\n",
    "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
    "%FOO bar\n---\na: 1\n",
    "a: !e!foo 1\n",
    "a: !<> 1\n",
    "a: & 1\n",
    "a: *\n",
    'a: "\\x4"\n',
    'a: "\\uD800"\n',
    'a: "x\n---\ny"\n',
    "a: |0\n  x\n",
    "a: [,]\n",
    "a: 1\n...\nb: 2\n",
    "a: *nirgends\n",
    "a: &x [1, *x]\n",
    "? [a, b]\n: c\n",
    "1: eins\n",
    "a: !!int zwölf\n",
    "a: !!float 1,5\n",
    "a: !!omap [b: 1]\n",
]
ENGLISH = re.compile(r"\b(?:found|expected|did not|while|scanning|parsing|could not|cannot|error)\b", re.I)


@pytest.mark.parametrize("text", RARE_SYNTAX)
def test_every_refusal_is_german_with_a_place(text):
    with pytest.raises(YamlSyntaxError) as refused:
        load_yaml(text)
    assert not ENGLISH.search(refused.value.message), refused.value.message
    line, column = refused.value.position
    assert 1 <= line <= text.count("\n") + 1 and column >= 1


def test_anchors_and_aliases_within_the_limits_are_understood():
    document = load_yaml("basis: &b {gremium: kreistag, datum: 2019-06-27}\nkopie: *b\nwort: !!str 0042\n")
    assert document.data == {
        "basis": {"gremium": "kreistag", "datum": "2019-06-27"},
        "kopie": {"gremium": "kreistag", "datum": "2019-06-27"},
        "wort": "0042",
    }
    assert document.data["kopie"] is not document.data["basis"], "an alias is a copy, not a shared object"
    assert document.position_of(("kopie", "gremium")) == (2, 1), "inside an alias the alias's own place counts"


def test_a_duplicate_key_inside_a_skipped_value_does_not_move_the_first_ones_positions():
    document = load_yaml("a:\n  b: 1\na:\n  b: 2\n  b: 3\n")
    assert document.data == {"a": {"b": 1}}
    assert [issue.path for issue in document.issues] == [("a",)]
    assert document.position_of(("a", "b")) == (2, 3)


def test_number_formats_run_in_linear_time_and_match_the_whole_number():
    assert matches_number_format(r"\d{4}/\d{4}", "0042/2019")
    assert not matches_number_format(r"\d{4}/\d{4}", "0042/2019x"), "a format describes the whole number"
    assert not matches_number_format(r"\d{4}", "٠٠٤٢"), r"\d means 0-9 only"
    assert not matches_number_format(r"(a+)+$", "a" * 100_000 + "!"), "linear: answers at once"
    assert pattern_problem(r"(\d{4})/\1") and "Rückverweise" in pattern_problem(r"(\d{4})/\1")
    assert pattern_problem(r"\d{4}/\d{4}") is None
