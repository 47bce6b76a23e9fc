"""Django's database sessions, read by SQL compiled once per process.

Every logged-in request reads its session; through the ORM the query is built and compiled
anew each time (0.3 ms). Writing, expiry and everything else are Django's own.
"""

import datetime
from functools import cache

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from ressourcebank.core.db import Compiled


class SessionStore(db.SessionStore):
    def load(self):
        rows = _session_data_sql().fetchall(self.session_key, timezone.now())
        if not rows:
            self._session_key = None  # as Django's: a missing or expired session starts anew
            return {}
        return self.decode(rows[0][0])


@cache
def _session_data_sql() -> Compiled:
    key, now = "stand-in", datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    sessions = Session.objects.filter(session_key=key, expire_date__gt=now)
    return Compiled.of(sessions.values_list("session_data"), key, now)
