from django.core.management.base import BaseCommand
from django.db import transaction

from stagedoor.industry.catalog_sync import sync_catalog
from stagedoor.industry.models import Certification, Role, Skill


class Command(BaseCommand):
    help = "Update roles, skills and certifications from the catalog shipped with Stagedoor."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = sync_catalog(Skill, Certification, Role)
        self.stdout.write(
            f"Catalog in sync: {counts['roles']} roles, {counts['skills']} skills, "
            f"{counts['certifications']} certifications."
        )
