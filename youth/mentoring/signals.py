"""Where mentoring meets the young person's rights (``youth.signals``): erasure and export.

Connected in ``MentoringConfig.ready``. The youth app knows nothing of mentoring; it sends its
signals and mentoring answers for the data it holds.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .choices import AVAILABILITY_LABELS
from .models import Match, YouthMentorWish
from .services import matches_erase_youth

EXPORT_MATCHES_KEY = "mentorforloeb"
EXPORT_WISH_KEY = "mentoroenske"


def erase_mentoring(sender, profile, actor=None, **kwargs) -> None:
    matches_erase_youth(youth=profile, actor=actor)


def _date(value):
    return value.isoformat() if value is not None else None


def export_matches(sender, profile, **kwargs) -> tuple[str, str, list[dict]]:
    """The young person's mentor matches for their export (GDPR Art. 15).

    The notes are included, as they are about the young person; of the mentor, only the
    first name (the mentor's own data is not the young person's to receive).
    """
    matches = (
        Match.objects.filter(youth=profile)
        .select_related("mentor__user")
        .prefetch_related("contacts", "agreements")
        .order_by("claimed_at")
    )
    rows = [
        {
            "mentor_fornavn": match.mentor.user.first_name,
            "status": str(match.get_status_display()),
            "anmodet": _date(match.claimed_at),
            "besked_fra_mentor": match.message,
            "besvaret": _date(match.decided_at),
            "begrundelse_for_afvisning": match.decline_reason,
            "den_unge_sagde_ja": _date(match.youth_agreed_on),
            "foerste_moede": _date(match.first_meeting_on),
            "afsluttet": _date(match.closed_at),
            "afslutningsaarsag": (
                str(match.get_closure_reason_display()) if match.closure_reason else None
            ),
            "uddybning": match.closure_note,
            "vil_gerne_have_ny_mentor": match.wants_new_mentor,
            "kontakter": [
                {
                    "dato": _date(contact.happened_on),
                    "slags": str(contact.get_kind_display()),
                    "minutter": contact.minutes,
                    "note": contact.note,
                }
                for contact in sorted(match.contacts.all(), key=lambda c: c.happened_on)
            ],
            "aftaler": [
                {
                    "fra": _date(agreement.starts_on),
                    "til": _date(agreement.ends_on),
                    "timer": agreement.hours,
                    "maal": agreement.goals,
                    "opgaver": agreement.tasks,
                }
                for agreement in sorted(match.agreements.all(), key=lambda a: a.starts_on)
            ],
        }
        for match in matches
    ]
    return EXPORT_MATCHES_KEY, _("Mentorforløb"), rows


def export_wish(sender, profile, **kwargs) -> tuple[str, str, list[dict]] | None:
    """When the young person can meet a mentor, if the caseworker noted it."""
    wish = YouthMentorWish.objects.filter(youth=profile).first()
    if wish is None:
        return None
    times = ", ".join(AVAILABILITY_LABELS.get(slot, slot) for slot in wish.availability)
    return EXPORT_WISH_KEY, _("Ønske om mentor"), [{"hvornaar_den_unge_kan": times}]
