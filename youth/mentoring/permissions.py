"""What a caseworker who can see a young person's mentoring may also do about it.

Seeing follows the young person (``Match.objects.visible_to_caseworker``). Deciding —
answering a mentor's claim, planning the first meeting, closing a match, agreements, the times
the young person can meet — changes the young person's situation and what a mentor may learn
of them, so it is for the owning department and coordinators, as editing the profile is.
"""

import rules

from youth import permissions as youth_permissions

from .models import Match


@rules.predicate
def owns_matched_youth(user, match: Match) -> bool:
    return youth_permissions.owns(user, match.youth)


can_decide_match = owns_matched_youth
can_set_meeting_times = youth_permissions.owns  # of a YouthProfile

rules.add_perm("mentoring.decide_match", can_decide_match)
rules.add_perm("mentoring.set_meeting_times", can_set_meeting_times)
