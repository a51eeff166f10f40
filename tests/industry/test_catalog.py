import pytest

from stagedoor.engine.careers import reachable_from
from stagedoor.industry import catalog
from stagedoor.industry.catalog_sync import sync_catalog
from stagedoor.industry.models import Certification, Role, Skill

REQUIRED = (
    "foh-engineer monitor-engineer audio-tech lighting-director lighting-tech spot-operator "
    "rigger stagehand tour-manager production-manager instrument-tech vip-coordinator runner "
    "box-office-manager box-office-agent marketing-coordinator security-manager security-staff "
    "hospitality-coordinator merch-seller door-staff recording-engineer mixing-engineer "
    "mastering-engineer music-producer sound-designer foley-artist composer"
).split()
EXTRA = (
    "stage-manager backline-tech video-director carpenter head-rigger system-engineer "
    "studio-assistant production-assistant"
).split()


def test_shipped_catalog_is_consistent():
    assert catalog.validate_catalog() == []


def test_every_required_role_is_present_and_described():
    by_slug = {r["slug"]: r for r in catalog.ROLES}
    missing = [slug for slug in REQUIRED + EXTRA if slug not in by_slug]
    assert missing == []
    for role in catalog.ROLES:
        assert role["summary"].strip(), role["slug"]
        assert len(role["responsibilities"]) >= 3, role["slug"]
        assert len(role["skills"]) >= 3, role["slug"]
        assert role["hired_by"], role["slug"]
        assert role["setting"] in {"live", "studio"}
        assert role["level"] in {"entry", "mid", "senior", "lead"}


def test_occupational_codes_follow_the_trade_table():
    by_slug = {r["slug"]: r for r in catalog.ROLES}
    expected = {
        "foh-engineer": "27-4014.00",
        "monitor-engineer": "27-4014.00",
        "mastering-engineer": "27-4014.00",
        "rigger": "49-9096.00",
        "lighting-director": "27-4015.00",
        "production-manager": "27-2012.00",
        "composer": "27-2041.00",
        "security-staff": "33-9032.00",
        "box-office-agent": "41-2011.00",
        # Traps: O*NET's "tour manager" is a travel guide; runners have no code.
        "tour-manager": "",
        "runner": "",
    }
    assert {slug: by_slug[slug]["onet_code"] for slug in expected} == expected


def test_every_role_is_reachable_from_an_entry_level_role():
    edges = {r["slug"]: r["leads_to"] for r in catalog.ROLES}
    entry = [r["slug"] for r in catalog.ROLES if r["level"] == "entry"]
    assert reachable_from(entry, edges) == set(edges)


def test_reachability_reference_on_a_hand_built_graph():
    edges = {"a": ["b"], "b": ["c"], "c": [], "d": ["a"], "e": []}
    assert reachable_from(["a"], edges) == {"a", "b", "c"}
    assert reachable_from(["d", "e"], edges) == {"a", "b", "c", "d", "e"}


def test_validate_catalog_names_the_problems(monkeypatch):
    broken = [dict(r) for r in catalog.ROLES]
    broken[0] = broken[0] | {"leads_to": [broken[0]["slug"], "astronaut"], "level": "boss"}
    monkeypatch.setattr(catalog, "ROLES", broken)
    problems = catalog.validate_catalog()
    slug = broken[0]["slug"]
    assert any("astronaut" in p for p in problems)
    assert any(slug in p and "itself" in p for p in problems)
    assert any("boss" in p for p in problems)


@pytest.mark.django_db
def test_migration_loaded_the_catalog_and_sync_is_idempotent():
    assert Role.objects.count() == len(catalog.ROLES)
    assert Skill.objects.count() == len(catalog.SKILLS)
    assert Certification.objects.count() == len(catalog.CERTIFICATIONS)
    foh = Role.objects.get(slug="foh-engineer")
    expected_next = sorted(
        next(r for r in catalog.ROLES if r["slug"] == "foh-engineer")["leads_to"]
    )
    assert sorted(foh.leads_to.values_list("slug", flat=True)) == expected_next
    before = sorted(Role.objects.values_list("pk", "slug"))
    assert sync_catalog(Skill, Certification, Role) == {
        "skills": len(catalog.SKILLS),
        "certifications": len(catalog.CERTIFICATIONS),
        "roles": len(catalog.ROLES),
    }
    assert sorted(Role.objects.values_list("pk", "slug")) == before
    etcp = Certification.objects.get(slug="etcp-rigger-arena")
    assert (etcp.validity_months, etcp.min_age) == (60, 21)
    assert list(etcp.prerequisites.values_list("slug", flat=True)) == ["osha-10"]
