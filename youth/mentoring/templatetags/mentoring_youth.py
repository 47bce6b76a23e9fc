"""Mentoring on the caseworker's profile page of a young person, and export dates.

The youth app does not know mentoring: its profile template loads ``mentoring_state``, which
reads through ``Match.objects.visible_to_caseworker`` like every caseworker page of
mentoring, in one query (two when there is no open claim or match).
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from ..models import Match
from ..permissions import can_set_meeting_times
from ..selectors import contact_flag, youth_pool

register = template.Library()


@register.inclusion_tag("mentoring/_youth_state.html", takes_context=True)
def mentoring_state(context, profile):
    """The open claim (to answer) or active match (with its no-contact flag), else whether
    the young person is in the pool mentors browse."""
    user = context["request"].user
    match = (
        Match.objects.visible_to_caseworker(user)
        .open()
        .filter(youth=profile)
        .with_last_contact()
        .select_related("mentor__user")
        .first()
    )
    state = {
        "profile": profile,
        "match": match,
        "flag": None,
        "in_pool": False,
        "can_decide": can_set_meeting_times(user, profile),
    }
    if match is None:
        state["in_pool"] = youth_pool().filter(pk=profile.pk).exists()
    elif match.is_active:
        state["flag"] = contact_flag(match.last_contact_on, timezone.localdate())
    return state


@register.filter
def iso_date(value: str | None) -> datetime.date | datetime.datetime | None:
    """A date or date-time from the export's JSON rows, so the print page can use ``|date``."""
    if not value:
        return None
    return parse_date(value) if len(value) == 10 else parse_datetime(value)
