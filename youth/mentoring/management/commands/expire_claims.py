"""Expire mentor claims nobody answered within MENTOR_CLAIM_EXPIRY_DAYS (default 14), and warn
the caseworker two days before. Run daily (cron/systemd timer)."""

from django.core.management.base import BaseCommand

from youth.mentoring.services import claim_expiry_days, claims_expire


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis hvad der ville ske, uden at ændre noget."
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        warned, expired = claims_expire(dry_run=dry_run)
        if verbosity >= 1:
            prefix = "[dry-run] " if dry_run else ""
            self.stdout.write(
                f"{prefix}{len(warned)} warned, {len(expired)} expired "
                f"(limit {claim_expiry_days()} days)"
            )
        if verbosity >= 2:
            for match in expired:
                self.stdout.write(f"expired {match.pk}")
