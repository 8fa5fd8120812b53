"""The synthetic archive for load tests: valid, deterministic, and with the cases the site must handle."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from buergerinfo.checking.archive import load_archive
from synthetic import DEFAULT_TODAY, LAYOUT_CONSULTATIONS, LAYOUT_MEASURES, LONG_WORD, generate
from buergerinfo.views.views import IN_CONSULTATION, Views, public_view

COUNT = 300


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    generate(root, COUNT, seed=1)
    return root


@pytest.fixture(scope="module")
def archive(generated):
    return load_archive(generated)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


def test_generated_data_loads_without_problems(archive):
    assert len(archive.papers) == COUNT
    assert archive.warnings == []
    assert 4 <= len(archive.bodies) <= 6
    for body in archive.bodies.values():
        assert 5 <= len(body.body.organizations) <= 10
    assert archive.dossiers and archive.topics


def test_same_seed_gives_byte_identical_files(generated, tmp_path):
    generate(tmp_path, COUNT, seed=1)
    first, second = _files(generated), _files(tmp_path)
    assert list(first) == list(second)
    assert first == second


def test_another_seed_gives_other_files(generated, tmp_path):
    generate(tmp_path, COUNT, seed=2)
    assert _files(generated) != _files(tmp_path)


def test_refuses_to_write_over_existing_data(generated):
    with pytest.raises(FileExistsError):
        generate(generated, 10)


def test_contains_the_cases_the_site_must_handle(archive):
    papers = [record.paper for record in archive.papers]
    consultations = [c for p in papers for c in p.consultations]
    assert any(not p.public for p in papers), "nicht öffentliche Vorlagen"
    assert any(not c.public for p in papers if p.public for c in p.consultations), "nicht öffentliche Beratungen"
    assert any(c.date > DEFAULT_TODAY for c in consultations), "Beratungen in the future"
    assert any(c.vote and c.vote.yes is not None and c.vote.no is not None for c in consultations), "vote counts"
    assert any(c.vote and c.vote.unanimous for c in consultations), "einstimmig"
    assert any(p.related_papers for p in papers), "Bezüge"
    assert any(p.auxiliary_files for p in papers)
    assert all(a.path is None and a.url is None and a.stated_size for p in papers for a in p.auxiliary_files)
    assert {c.role for c in consultations} >= {"Vorberatung", "Entscheidung", "Kenntnisnahme"}
    # Beratungsfolgen of one to four entries, and one long one with a very long word for the layout tests.
    long_ones = [p for p in papers if len(p.consultations) > 4]
    assert len(long_ones) == 1 and len(long_ones[0].consultations) == LAYOUT_CONSULTATIONS
    assert LONG_WORD in long_ones[0].name and "|---|" in long_ones[0].reasoning
    assert all(1 <= len(p.consultations) <= 4 for p in papers if p.consultations and p is not long_ones[0])
    assert max(len(d.dossier.measures) for d in archive.dossiers.values()) == LAYOUT_MEASURES
    for p in papers:
        dates = [c.date for c in p.consultations]
        assert dates == sorted(dates), p.reference


def test_results_come_from_the_vocabulary_and_only_for_the_past(archive):
    for record in archive.papers:
        vocabulary = archive.bodies[record.body_id].vocabulary
        for consultation in record.paper.consultations:
            if consultation.result is not None:
                assert vocabulary.result(consultation.result) is not None
                assert consultation.date < DEFAULT_TODAY
    results = {c.result for r in archive.papers for c in r.paper.consultations}
    assert {"ungeändert beschlossen", "abgelehnt", "zur Kenntnis genommen"} <= results


def test_some_vorlagen_are_in_beratung(archive):
    views = Views(public_view(archive), DEFAULT_TODAY)
    assert any(views.status(record).badge == IN_CONSULTATION for record in views.archive.papers)


def test_texts_have_a_realistic_length(archive):
    lengths = [len((r.paper.reasoning or "").encode()) for r in archive.papers]
    assert 1800 <= statistics.median(lengths) <= 3500
    assert all(r.paper.resolution_proposal for r in archive.papers)


def test_a_larger_archive_loads_with_unique_numbers(tmp_path):
    generate(tmp_path, 1000, seed=3)
    archive = load_archive(tmp_path)
    assert len(archive.papers) == 1000
    numbers = [r.paper.reference for r in archive.papers if r.paper.reference]
    assert len(numbers) == len(set(zip([r.body_id for r in archive.papers if r.paper.reference], numbers)))
