"""The match score's reasons on fixed cases, and the assignment checked by brute force."""

import itertools
import random

import pytest

from youth.mentoring.matching import Side, optimal_assignment, score


def test_score_reasons_on_the_issue_example():
    mentor = Side.of(
        interests=["musik", "teater", "idraet", "natur"],
        languages=["Dansk", "arabisk", "engelsk"],
        availability=["tir-eftermiddag", "lor-formiddag"],
        area_id=1,
    )
    youth = Side.of(
        interests=["musik", "teater", "idraet"],
        languages=["dansk", "Arabisk"],
        availability=["tir-eftermiddag"],
        area_id=1,
        age_band="15-17",
    )
    result = score(mentor, youth)
    assert (
        result.text == "3 fælles interesser · samme område · dansk og arabisk · tirsdag eftermiddag"
    )
    # 3 interests × 2 + area 3 + two languages 2 + a language besides Danish 2 + one slot 1
    assert result.points == 14


def test_score_singular_interest_and_age_band():
    mentor = Side.of(interests=["musik"], age_band="15-17", area_id=1)
    youth = Side.of(interests=["musik", "natur"], age_band="15-17", area_id=2)
    result = score(mentor, youth)
    assert result.reasons == ("1 fælles interesse", "ønsket aldersgruppe")
    assert result.points == 4


def test_score_danish_only_weighs_less_than_a_shared_other_language():
    danish = score(Side.of(languages=["dansk"]), Side.of(languages=["dansk"]))
    arabic = score(Side.of(languages=["arabisk"]), Side.of(languages=["arabisk"]))
    assert danish.reasons == ("dansk",) and danish.points == 1
    assert arabic.points == 3


def test_score_many_slots_are_summarised():
    slots = ["man-aften", "tir-eftermiddag", "ons-aften", "fre-formiddag"]
    result = score(Side.of(availability=slots), Side.of(availability=slots))
    assert result.reasons == ("mandag aften og tirsdag eftermiddag m.fl.",)
    assert result.points == 3  # slots count, but at most three points


def test_score_nothing_in_common():
    assert score(Side.of(area_id=1), Side.of(area_id=2)).reasons == ()


def brute_force(youths, capacities, points):
    """The best total over every way of giving each young person one mentor or none."""
    mentors = list(capacities)
    best = 0
    for choice in itertools.product([None, *mentors], repeat=len(youths)):
        used = {m: choice.count(m) for m in mentors}
        if any(used[m] > capacities[m] for m in mentors):
            continue
        total = 0
        for youth, mentor in zip(youths, choice, strict=True):
            if mentor is None:
                continue
            value = points(youth, mentor)
            if value is None:
                break
            total += value
        else:
            best = max(best, total)
    return best


def check(youths, capacities, table):
    def points(y, m):
        return table[y, m]

    pairs = optimal_assignment(youths, capacities, points)
    # A valid assignment: each young person once, capacities kept, no forbidden pair.
    assert len({y for y, _ in pairs}) == len(pairs)
    for mentor, cap in capacities.items():
        assert sum(1 for _, m in pairs if m == mentor) <= cap
    assert all(table[y, m] is not None for y, m in pairs)
    assert sum(table[y, m] for y, m in pairs) == brute_force(youths, capacities, points)
    return pairs


def test_assignment_beats_greedy_on_a_fixed_case():
    # Greedy would give y1 to A (5) and leave y2 with nobody; the optimum is 4 + 4.
    youths = ["y1", "y2"]
    capacities = {"A": 1, "B": 1}
    table = {("y1", "A"): 5, ("y1", "B"): 4, ("y2", "A"): 4, ("y2", "B"): None}
    pairs = check(youths, capacities, table)
    assert sorted(pairs) == [("y1", "B"), ("y2", "A")]


def test_assignment_uses_capacity():
    youths = ["y1", "y2", "y3"]
    capacities = {"A": 2, "B": 1}
    table = {(y, "A"): 5 for y in youths} | {(y, "B"): 1 for y in youths}
    pairs = check(youths, capacities, table)
    assert sorted(m for _, m in pairs) == ["A", "A", "B"]


def test_assignment_never_forces_a_forbidden_pair():
    table = {("y1", "A"): None}
    assert check(["y1"], {"A": 1}, table) == []


@pytest.mark.parametrize("seed", range(30))
def test_assignment_is_optimal_on_random_small_cases(seed):
    rng = random.Random(seed)
    youths = [f"y{i}" for i in range(rng.randint(1, 5))]
    capacities = {f"m{j}": rng.randint(0, 2) for j in range(rng.randint(1, 3))}
    table = {
        (y, m): (None if rng.random() < 0.2 else rng.randint(0, 12))
        for y in youths
        for m in capacities
    }
    check(youths, capacities, table)
