"""Hooks for the apps that hold more about a young person (mentoring).

``youth_erased`` is sent inside the erasure transaction: receivers blank their own personal
data about ``profile``. ``youth_export_collect`` is sent when a young person's data is
exported (GDPR Art. 15): each receiver returns ``(section_title, data)`` where ``data`` is
JSON-serialisable (a list of dicts); the section is added to the print page and the JSON.
"""

from django.dispatch import Signal

youth_erased = Signal()  # kwargs: profile, actor
youth_export_collect = Signal()  # kwargs: profile; returns (key, title, list[dict]) or None
