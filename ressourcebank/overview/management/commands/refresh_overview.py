"""Recompute the cross-department overview's counts (run by cron, e.g. every 10 minutes).

Idempotent and in one transaction: the page keeps showing the previous counts until the new
ones are committed. ``--dry-run`` computes everything and rolls back.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from ressourcebank.overview.refresh import overview_refresh


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Compute the counts, then roll back."
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        with transaction.atomic():
            written = overview_refresh()
            if dry_run:
                transaction.set_rollback(True)
        if verbosity:
            rows = ", ".join(f"{measure}: {n}" for measure, n in written.items())
            prefix = "Dry run, nothing saved. " if dry_run else ""
            self.stdout.write(f"{prefix}Overview counts ({rows}).")
