"""``outreach-cli export-fhir`` (and ``export --format fhir``) on a real profile holding the
hand-worked scenario of tests/core/scenario.py, where P1 and P4 agreed to share their record
with partner services and the other five did not (or were never asked)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fhir.resources.R4B import get_fhir_model_class

from outreach.cli import main
from outreach.cli_exit import FAILED, USAGE
from tests.conftest import PASSPHRASE
from tests.core.scenario import build, load, uid

AGREED = ("P1", "P4")


@pytest.fixture
def data(store, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    load(store, build())
    for name in AGREED:
        store.update(uid(name), {"consent_share": True})
    store.update(uid("P2"), {"consent_share": False})
    store.close()
    monkeypatch.setenv("OUTREACH_PASSPHRASE", PASSPHRASE)
    return data_dir


def run(capsys, data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "--profile", "test", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _patients(bundle: dict) -> list[str]:
    return [e["resource"]["id"] for e in bundle["entry"]
            if e["resource"]["resourceType"] == "Patient"]


def test_export_fhir_for_one_person_validates(data, capsys, tmp_path: Path) -> None:
    target = tmp_path / "p1.json"
    code, _, err = run(capsys, data, "export-fhir", "--person", uid("P1"),
                       "--output", str(target))
    assert code == 0 and "FHIR resources" in err
    bundle = json.loads(target.read_text(encoding="utf-8"))
    parsed = get_fhir_model_class("Bundle").model_validate(bundle)
    types = {e.resource.get_resource_type() for e in parsed.entry}
    assert {"Patient", "ServiceRequest", "EpisodeOfCare", "Encounter", "Goal",
            "QuestionnaireResponse", "Questionnaire", "Observation",
            "HealthcareService"} <= types
    assert _patients(bundle) == [uid("P1")]


@pytest.mark.parametrize("who", ["P2", "P3"])  # said no; never asked
def test_one_person_who_has_not_agreed_to_share_is_not_exported(data, capsys, tmp_path,
                                                                who) -> None:
    target = tmp_path / "p.json"
    code, out, err = run(capsys, data, "export-fhir", "--person", uid(who),
                         "--output", str(target))
    assert code == FAILED
    assert "has not agreed to their record being shared" in err
    assert "record it on their file first" in err
    assert not target.exists() and out == ""


def test_everyone_means_everyone_who_agreed(data, capsys) -> None:
    code, out, err = run(capsys, data, "export-fhir")
    assert code == 0
    bundle = json.loads(out)
    assert sorted(_patients(bundle)) == sorted(uid(n) for n in AGREED)
    subjects = {e["resource"].get("subject", {}).get("reference") for e in bundle["entry"]}
    assert subjects - {None} == {f"urn:uuid:{uid(n)}" for n in AGREED}
    assert "left out 5 people who have not agreed" in err
    code, _, err = run(capsys, data, "export-fhir", "--person", uid("nobody"))
    assert code == USAGE and "no person with id" in err


def test_export_format_fhir_is_the_same_bundle(data, capsys, tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    code, _, _ = run(capsys, data, "export", "--format", "fhir", "--person", uid("P4"),
                     "--output", str(target))
    assert code == 0
    bundle = json.loads(target.read_text(encoding="utf-8"))
    get_fhir_model_class("Bundle").model_validate(bundle)
    ids = {e["resource"]["id"] for e in bundle["entry"]}
    assert uid("P4") in ids and uid("P1") not in ids
    code, _, err = run(capsys, data, "export", "--format", "fhir", "--person", uid("P2"))
    assert code == FAILED and "has not agreed" in err
