"""Email each responsible caseworker the active mentor matches without a logged contact for 14
or 30 days. Run weekly or daily (cron/systemd timer)."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from youth.mentoring.selectors import contact_flag, flagged_active_matches


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis hvad der ville sendes, uden at sende."
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        today = timezone.localdate()
        by_recipient = defaultdict(list)
        for match in flagged_active_matches(today):
            youth = match.youth
            recipient = youth.caseworker.email if youth.caseworker_id else ""
            recipient = recipient or youth.department.contact_email
            if recipient:
                flag = contact_flag(match.last_contact_on, today)
                by_recipient[recipient].append({"match": match, "flag": flag})
        for recipient, rows in by_recipient.items():
            if not dry_run:
                send_mail(
                    subject=_("Mentorforløb uden kontakt"),
                    message=render_to_string(
                        "mentoring/email/contact_flags.txt",
                        {"rows": rows, "site_url": getattr(settings, "SITE_URL", "")},
                    ),
                    from_email=None,
                    recipient_list=[recipient],
                )
        if verbosity >= 1:
            prefix = "[dry-run] " if dry_run else ""
            count = sum(len(rows) for rows in by_recipient.values())
            self.stdout.write(f"{prefix}{count} flagged matches, {len(by_recipient)} emails")
