"""Hooks for the apps that hold more about a young person (mentoring).

``youth_erased`` is sent inside the erasure transaction: receivers blank their own personal
data about ``profile`` and keep what anonymous statistics need. ``youth_export_collect`` is
sent when a young person's data is exported (GDPR Art. 15): each receiver returns
``(key, title, rows)`` — ``rows`` a JSON-serialisable list of dicts — or None; the section is
added to the JSON under ``key`` and to the print page under ``title``.

Receivers are connected in their app's ``AppConfig.ready`` (mentoring: ``youth/mentoring/
signals.py``).
"""

from django.dispatch import Signal

youth_erased = Signal()  # kwargs: profile, actor
youth_export_collect = Signal()  # kwargs: profile; returns (key, title, list[dict]) or None
