"""Load the shipped catalog (industry/catalog.py) into the database.

Called by a data migration with historical models, and by `stagedoor sync-catalog`
with the live ones. Idempotent: rows are matched by slug and updated in place.
"""

from __future__ import annotations

from . import catalog

ROLE_FIELDS = (
    "name",
    "department",
    "setting",
    "level",
    "summary",
    "responsibilities",
    "hired_by",
    "onet_code",
    "esco",
    "aliases",
    "years_in_role",
    "pay_unit",
    "pay_low",
    "pay_high",
)
CERT_FIELDS = ("name", "issuer", "description", "validity_months", "min_age", "hours_required")


def sync_catalog(Skill, Certification, Role) -> dict[str, int]:
    problems = catalog.validate_catalog()
    if problems:
        raise ValueError("The shipped catalog is inconsistent: " + "; ".join(problems))
    skills = {}
    for item in catalog.SKILLS:
        skills[item["slug"]], _ = Skill.objects.update_or_create(
            slug=item["slug"],
            defaults={k: item[k] for k in ("name", "category", "description")},
        )
    certs = {}
    for item in catalog.CERTIFICATIONS:
        certs[item["slug"]], _ = Certification.objects.update_or_create(
            slug=item["slug"], defaults={k: item[k] for k in CERT_FIELDS}
        )
    for item in catalog.CERTIFICATIONS:
        certs[item["slug"]].prerequisites.set([certs[s] for s in item["prerequisites"]])
    roles = {}
    for item in catalog.ROLES:
        roles[item["slug"]], _ = Role.objects.update_or_create(
            slug=item["slug"], defaults={k: item[k] for k in ROLE_FIELDS}
        )
    for item in catalog.ROLES:
        role = roles[item["slug"]]
        role.skills.set([skills[s] for s in item["skills"]])
        role.certifications.set([certs[s] for s in item["certifications"]])
        role.leads_to.set([roles[s] for s in item["leads_to"]])
    return {"skills": len(skills), "certifications": len(certs), "roles": len(roles)}
