"""Consent and the person's network through the real ops (issue 14 items 7-8): a change of
consent is recorded with who, when, what (and the answer before); every gate reads the
current answer; a referral that passes details on needs it, a suggestion does not; the
people who matter to the person, with contact details and whether we may contact them."""

from __future__ import annotations

import datetime as dt

import pytest

from outreach.core import rules
from outreach.core.validation import ValidationError
from outreach.ops import consent, conversations, directory, network, people, reports
from outreach.ops.consent import NotAgreedToShare
from outreach.store.records import AppendOnly

TODAY = dt.date.today().isoformat()


def _welcomed(store, *, share: bool) -> str:
    pid = conversations.welcome(
        store, person={"given_name": "Robin", "family_name": "Example"}, consent_record=True,
        consent_share=share, what_matters="Synthetic", notes="Synthetic.",
        setting="outdoors").id
    assert pid
    return pid


def test_a_change_of_consent_records_who_when_what_and_the_answer_before(store):
    pid = _welcomed(store, share=False)
    assert not consent.agreed_to_share(store, pid)
    out = consent.set_consent(store, person_id=pid, topic="share", agreed=True,
                              note="Said yes at our walk")
    assert out.touches("consent_change") and pid in out.people
    assert store.get(pid)["consent_share"] is True and consent.agreed_to_share(store, pid)
    (change,) = store.query("consent_change", person_id=pid)
    assert (change["topic"], change["agreed"], change["previous"], change["changed_on"],
            change["recorded_by"], change["note"]) == (
        "share", True, False, TODAY, "sam.worker", "Said yes at our walk")
    consent.set_consent(store, person_id=pid, topic="share", agreed=False)
    events = consent.consent_history(store, pid)
    # first what the welcome recorded (both topics), then each change, oldest first
    assert [(e.topic, e.agreed, e.previous, e.at_welcome) for e in events] == [
        ("share", False, None, True), ("record", True, None, True),
        ("share", True, False, False), ("share", False, True, False)]
    assert events[0].by == "sam.worker" and events[2].note == "Said yes at our walk"
    assert not rules.may_share(store.get(pid))          # the current answer is the rule


def test_recording_the_same_answer_adds_no_history_and_a_bad_topic_is_refused(store):
    pid = _welcomed(store, share=True)
    assert consent.set_consent(store, person_id=pid, topic="share", agreed=True).records == {}
    assert store.query("consent_change", person_id=pid) == []
    with pytest.raises(ValidationError):
        consent.set_consent(store, person_id=pid, topic="photos", agreed=True)
    consent.set_consent(store, person_id=pid, topic="share", agreed=False)
    (change,) = store.query("consent_change", person_id=pid)
    with pytest.raises(AppendOnly):                  # the history is never rewritten
        store.update(change["id"], {"agreed": True})


def test_history_of_someone_never_asked_reads_not_recorded():
    events = consent.history({"id": "p", "created_at": "2026-01-02T10:00:00+00:00",
                              "created_by": "ann"}, [])
    assert [(e.topic, e.agreed, e.on, e.by) for e in events] == [
        ("share", None, "2026-01-02", "ann"), ("record", None, "2026-01-02", "ann")]


def test_a_referral_passes_details_on_only_with_consent_a_suggestion_always(store):
    pid = _welcomed(store, share=False)
    svc = directory.add_service(store, {"name": "Debt Line", "category": "debt_advice"}).id
    with pytest.raises(NotAgreedToShare):
        directory.link_service(store, person_id=pid, service_id=svc, status="referred")
    assert store.query("service_link", person_id=pid) == []        # nothing written
    link = directory.link_service(store, person_id=pid, service_id=svc).id
    assert link and store.get(link)["status"] == "suggested"
    with pytest.raises(NotAgreedToShare):
        directory.set_link_status(store, link, "referred")
    assert store.get(link)["status"] == "suggested"
    consent.set_consent(store, person_id=pid, topic="share", agreed=True)
    directory.set_link_status(store, link, "referred")
    assert store.get(link)["status"] == "referred"
    other = directory.add_service(store, {"name": "Walkers", "category": "walking_group"}).id
    assert directory.link_service(store, person_id=pid, service_id=other,
                                  status="referred").id


def test_exports_read_the_answer_now_not_the_one_at_the_welcome(store, tmp_path):
    pid = _welcomed(store, share=True)
    assert reports.fhir_export(store, pid).count > 0
    consent.set_consent(store, person_id=pid, topic="share", agreed=False,
                        note="Changed their mind")
    with pytest.raises(reports.NotAgreedToShare):
        reports.fhir_export(store, pid)
    reports.write_caseload_csv(store, tmp_path / "c.csv")
    text = (tmp_path / "c.csv").read_text("utf-8-sig")
    assert "Robin" not in text and reports.NAME_WITHHELD in text
    assert reports.names_withheld(store) == 1


def test_the_network_holds_who_matters_how_to_reach_them_and_may_we_contact(store):
    pid = _welcomed(store, share=False)
    dee = network.add_contact(store, person_id=pid, values={
        "name": " Dee ", "relationship": "carer", "phone": "07700 900123",
        "may_contact": True, "notes": "My sister, best after six"}).id
    sam = network.add_contact(store, person_id=pid, values={
        "name": "Ash", "relationship": "friend", "email": "ash@example.org"}).id
    assert [c["name"] for c in network.contacts(store, pid)] == ["Ash", "Dee"]
    assert [c["name"] for c in people.person_file(store, pid).network] == ["Ash", "Dee"]
    got = store.get(dee)
    assert (got["phone"], network.may_contact(got)) == ("07700 900123", True)
    assert not network.may_contact(store.get(sam))          # not recorded counts as no
    network.update_contact(store, sam, {"may_contact": True, "email": ""})
    assert network.may_contact(store.get(sam)) and "email" not in store.get(sam)
    with pytest.raises(ValidationError):
        network.add_contact(store, person_id=pid, values={"name": "No relationship"})
    with pytest.raises(ValidationError):
        network.add_contact(store, person_id=pid, values={
            "name": "Bad", "relationship": "friend", "phone": "call me"})
    with pytest.raises(ValidationError):
        network.update_contact(store, pid, {"name": "Not a contact"})
    network.remove_contact(store, dee)
    assert [c["name"] for c in network.contacts(store, pid)] == ["Ash"]
