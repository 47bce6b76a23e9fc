"""How well a mentor and a young person fit, with the reasons a person can check.

Pure functions on plain values, so the score and the assignment are tested without a database.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from scipy.optimize import linear_sum_assignment

from .choices import AVAILABILITY_LABELS, AVAILABILITY_ORDER

# Points per criterion. Interests weigh most: shared interests give something to do together.
POINTS_PER_INTEREST = 2
POINTS_SAME_AREA = 3
POINTS_PER_LANGUAGE = 1
POINTS_OTHER_LANGUAGE = 2  # a shared language besides Danish matters more than Danish alone
POINTS_PER_SLOT = 1
MAX_SLOT_POINTS = 3
POINTS_AGE_BAND = 2

DANISH = "dansk"


@dataclass(frozen=True)
class Side:
    """What the score looks at, for a mentor or a young person."""

    interests: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()
    area_id: int | None = None
    age_band: str = ""  # the young person's band, or the mentor's preferred band ("" = any)

    @classmethod
    def of(cls, *, interests=(), languages=(), availability=(), area_id=None, age_band=""):
        return cls(
            interests=frozenset(interests),
            languages=frozenset(normalise_language(lang) for lang in languages if lang.strip()),
            availability=frozenset(availability),
            area_id=area_id,
            age_band=age_band or "",
        )


@dataclass(frozen=True)
class Score:
    points: int
    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        return " · ".join(self.reasons)


def normalise_language(language: str) -> str:
    return language.strip().lower()


def join_words(words: list[str]) -> str:
    """["dansk", "arabisk", "tyrkisk"] → "dansk, arabisk og tyrkisk"."""
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s og %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def score(mentor: Side, youth: Side) -> Score:
    points = 0
    reasons = []

    shared_interests = mentor.interests & youth.interests
    if shared_interests:
        n = len(shared_interests)
        points += POINTS_PER_INTEREST * n
        reasons.append(ngettext("%(n)d fælles interesse", "%(n)d fælles interesser", n) % {"n": n})

    if mentor.area_id is not None and mentor.area_id == youth.area_id:
        points += POINTS_SAME_AREA
        reasons.append(_("samme område"))

    shared_languages = mentor.languages & youth.languages
    if shared_languages:
        points += POINTS_PER_LANGUAGE * len(shared_languages)
        if shared_languages - {DANISH}:
            points += POINTS_OTHER_LANGUAGE
        # Danish first, then the rest alphabetically: "dansk og arabisk".
        ordered = sorted(shared_languages, key=lambda lang: (lang != DANISH, lang))
        reasons.append(join_words(ordered))

    shared_slots = sorted(mentor.availability & youth.availability, key=AVAILABILITY_ORDER.get)
    if shared_slots:
        points += min(len(shared_slots), MAX_SLOT_POINTS) * POINTS_PER_SLOT
        labels = [AVAILABILITY_LABELS.get(slot, slot) for slot in shared_slots[:2]]
        text = join_words(labels)
        if len(shared_slots) > 2:
            text = _("%(slots)s m.fl.") % {"slots": text}
        reasons.append(text)

    if mentor.age_band and mentor.age_band == youth.age_band:
        points += POINTS_AGE_BAND
        reasons.append(_("ønsket aldersgruppe"))

    return Score(points, tuple(reasons))


def optimal_assignment(
    youth_ids: Iterable[Hashable],
    capacities: Mapping[Hashable, int],
    points: Callable[[Hashable, Hashable], int | None],
) -> list[tuple[Hashable, Hashable]]:
    """Pairs (youth, mentor) with the greatest total score, each mentor taking at most
    ``capacities[mentor]`` young people and each young person at most one mentor.

    ``points(youth, mentor)`` is None where the pair is not allowed (e.g. no børneattest for an
    under-15). Each mentor's column is repeated once per free place; one zero-score "nobody"
    column per young person lets anyone stay unassigned, so a forbidden pair is never forced.
    """
    youth_ids = list(youth_ids)
    slots = [m for m, cap in capacities.items() for _ in range(max(cap, 0))]
    if not youth_ids or not slots:
        return []
    table = np.zeros((len(youth_ids), len(slots) + len(youth_ids)))
    allowed = np.zeros((len(youth_ids), len(slots)), dtype=bool)
    cache = {}
    for i, youth in enumerate(youth_ids):
        for j, mentor in enumerate(slots):
            if (youth, mentor) not in cache:
                cache[youth, mentor] = points(youth, mentor)
            value = cache[youth, mentor]
            if value is not None:
                table[i, j] = value
                allowed[i, j] = True
    # Forbidden pairs cost more than every allowed score together could gain.
    forbidden = -(table.sum() + 1)
    table[:, : len(slots)][~allowed] = forbidden
    rows, cols = linear_sum_assignment(table, maximize=True)
    return [
        (youth_ids[i], slots[j])
        for i, j in zip(rows, cols, strict=True)
        if j < len(slots) and allowed[i, j] and table[i, j] > 0
    ]
