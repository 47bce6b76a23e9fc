"""The coordinator's work lists: what waits for someone to act, oldest first.

Two queries per list: the count, and the first few rows. (A window count over a join looked
neat but made PostgreSQL join every matching row before counting: seconds at a million.)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from offers.models import Organisation
from youth.mentoring.choices import MatchStatus, MentorStatus, VettingKind
from youth.mentoring.models import Match, Mentor, VettingItem
from youth.models import Referral

SHOWN = 10
STALE_REFERRAL_DAYS = 14
CERTIFICATE_WINDOW_DAYS = 60


@dataclass(frozen=True)
class WorkList:
    slug: str
    title: str
    total: int
    items: list
    # URL names of the other apps' pages; the template resolves them with {% url … as x %}
    # so a page that does not exist (yet) leaves a plain text instead of an error.
    list_url_name: str
    item_url_name: str


def _first(qs, order, related=()):
    # Pick the first rows without joins, then join just those (PostgreSQL would otherwise
    # join every matching row before it sorts).
    first = qs.order_by(*order).values("pk")[:SHOWN]
    model = qs.model
    rows = model.objects.filter(pk__in=first).order_by(*order)
    if related:
        rows = rows.select_related(*related)
    return qs.count(), list(rows)


def work_lists() -> list[WorkList]:
    today = timezone.localdate()
    now = timezone.now()
    lists = []

    total, orgs = _first(
        Organisation.objects.filter(status=Organisation.Status.PENDING), ["created_at", "pk"]
    )
    lists.append(WorkList(
        "organisations", _("Organisationer der venter på godkendelse"), total,
        [(o.pk, o.name, o.created_at.date()) for o in orgs],
        "coordinator-organisations:list", "coordinator-organisations:detail",
    ))

    total, mentors = _first(
        Mentor.objects.filter(status=MentorStatus.APPLIED), ["created_at", "pk"], ["user"]
    )
    lists.append(WorkList(
        "mentors", _("Mentorer der venter på godkendelse"), total,
        [(m.pk, str(m), m.created_at.date()) for m in mentors],
        "coordinator-mentors:list", "coordinator-mentors:detail",
    ))

    total, claims = _first(
        Match.objects.filter(status=MatchStatus.CLAIMED),
        ["claimed_at", "pk"],
        ["youth__department"],
    )
    # The young person is not named here: the department and the date are enough to act on.
    lists.append(WorkList(
        "claims", _("Mentoranmodninger der venter på svar"), total,
        [(c.pk, c.youth.department.name, c.claimed_at.date()) for c in claims],
        "coordinator-mentors:board", "mentoring:caseworker-match",
    ))

    cutoff = now - datetime.timedelta(days=STALE_REFERRAL_DAYS)
    total, referrals = _first(
        Referral.objects.open().filter(status_changed_at__lt=cutoff),
        ["status_changed_at", "pk"],
        ["offer", "youth__department"],
    )
    lists.append(WorkList(
        "referrals",
        _("Henvisninger uden ny status i %(days)s dage") % {"days": STALE_REFERRAL_DAYS},
        total,
        [
            (r.pk, f"{r.offer.title} · {r.youth.department.name} · {r.get_status_display()}",
             r.status_changed_at.date())
            for r in referrals
        ],
        "youth:referral-list", "youth:referral",
    ))

    total, certificates = _first(
        VettingItem.objects.filter(
            kind=VettingKind.CHILD_CERTIFICATE,
            valid_until__lte=today + datetime.timedelta(days=CERTIFICATE_WINDOW_DAYS),
            mentor__status=MentorStatus.APPROVED,
        ),
        ["valid_until", "pk"],
        ["mentor__user"],
    )
    lists.append(WorkList(
        "certificates",
        _("Børneattester der udløber inden for %(days)s dage") % {"days": CERTIFICATE_WINDOW_DAYS},
        total,
        [(c.mentor_id, str(c.mentor), c.valid_until) for c in certificates],
        "coordinator-mentors:expiring-certificates", "coordinator-mentors:detail",
    ))
    return lists
