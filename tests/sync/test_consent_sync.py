"""Consent changes and the person's network travel through the real server to the laptops
of the person's team and to no other team (issue 14 items 7-8): a teammate's laptop then
applies the same consent gates, and the history keeps every change from both laptops."""

from __future__ import annotations

import pytest

from outreach.ops import consent, conversations, network, reports
from outreach.ops import sync as sync_ops
from tests.sync.conftest import snapshot


def test_consent_history_and_network_reach_the_team_only(laptops):
    a = laptops.new("a", username="alice", team="North")
    b = laptops.new("b", username="bob", team="North")
    c = laptops.new("c", username="cara", team="South")
    pid = conversations.welcome(
        a, person={"given_name": "Robin", "family_name": "Example"}, consent_record=True,
        consent_share=False, what_matters="Synthetic", notes="Synthetic.",
        setting="outdoors").id
    dee = network.add_contact(a, person_id=pid, values={
        "name": "Dee", "relationship": "carer", "phone": "07700 900123",
        "may_contact": True}).id
    consent.set_consent(a, person_id=pid, topic="share", agreed=True,
                        note="Said yes at the café")
    for store in (a, b, c):
        sync_ops.sync_now(store)
    assert consent.agreed_to_share(b, pid)                  # bob's laptop: the same gate
    assert reports.fhir_export(b, pid).count > 0
    got = b.get(dee)
    assert (got["name"], got["phone"], network.may_contact(got)) == (
        "Dee", "07700 900123", True)
    (change,) = b.query("consent_change", person_id=pid)
    assert (change["agreed"], change["previous"], change["recorded_by"], change["note"]) == (
        True, False, "alice", "Said yes at the café")
    # another team's laptop holds none of it
    assert c.get(pid) is None and c.get(dee) is None
    assert c.query("consent_change") == [] and c.query("network_contact") == []

    # bob records a withdrawal; alice's laptop then refuses the export too
    consent.set_consent(b, person_id=pid, topic="share", agreed=False,
                        note="Changed their mind")
    network.remove_contact(b, dee)
    for store in (b, a):
        sync_ops.sync_now(store)
    assert not consent.agreed_to_share(a, pid)
    with pytest.raises(reports.NotAgreedToShare):
        reports.fhir_export(a, pid)
    assert a.get(dee) is None
    history = consent.consent_history(a, pid)
    assert [(e.agreed, e.by) for e in history if not e.at_welcome] == [
        (True, "alice"), (False, "bob")]
    assert snapshot(a) == snapshot(b)
