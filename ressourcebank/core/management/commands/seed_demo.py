"""Load the demo data: departments, areas, demo accounts, and each app's demo records.

Idempotent: a second run finds what the first made and creates nothing twice. Each app may
have a ``demo`` module with ``seed(stdout)``; they run in INSTALLED_APPS order.
Refuses to run unless DEBUG is on, so production data never mixes with demo data.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be made, then roll back."
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DJANGO_DEBUG=true (never in production).")
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                summary = import_module(module_name).seed()
                if verbosity and summary:
                    self.stdout.write(f"{config.label}: {summary}")
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write("Dry run: nothing was saved.")
