"""Anonymise young people's profiles that are no longer needed.

A profile is due when its last activity, and the end of every consent (expiry or
withdrawal), lie more than ``--months`` months back (default ``YOUTH_RETENTION_MONTHS``
or 24). Anonymising keeps an anonymous row for statistics (see ``youth_erase``). Safe to run
daily: a profile is anonymised once, and a second run finds nothing to do. Run it daily,
e.g. from cron:

    15 3 * * *  cd /srv/ressourcebank && .venv/bin/python manage.py apply_retention -v 1

or a systemd timer (OnCalendar=*-*-* 03:15) running the same command.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from youth.selectors import due_for_retention
from youth.services import youth_erase

DEFAULT_MONTHS = 24


class Command(BaseCommand):
    help = "Anonymise youth profiles after the retention period (default 24 months)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say what would be anonymised."
        )
        parser.add_argument(
            "--months",
            type=int,
            default=getattr(settings, "YOUTH_RETENTION_MONTHS", DEFAULT_MONTHS),
            help="Months after last activity or consent end (default %(default)s).",
        )

    def handle(self, *args, dry_run=False, months=DEFAULT_MONTHS, verbosity=1, **options):
        if months < 1:
            raise CommandError("--months must be at least 1.")
        with transaction.atomic():
            due = list(due_for_retention(months).select_for_update(skip_locked=True))
            for profile in due:
                if verbosity >= 2:
                    # Ids only: the log must not hold names.
                    self.stdout.write(
                        f"{'would anonymise' if dry_run else 'anonymised'} {profile.pk}"
                    )
                if not dry_run:
                    youth_erase(profile=profile, actor=None)
        if verbosity >= 1:
            if dry_run:
                self.stdout.write(
                    f"Dry run: {len(due)} profile(s) would be anonymised "
                    f"({months} months retention). Nothing was changed."
                )
            else:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Anonymised {len(due)} profile(s) ({months} months retention)."
                    )
                )
