"""Demo data for the overview: nothing of its own, it counts what the other apps seeded."""

from .refresh import overview_refresh


def seed() -> str:
    written = overview_refresh()
    return f"overview counts refreshed ({sum(written.values())} rows)"
