"""Classic cross-site scripting payloads, and a way to put them into fields of any length.

Each payload, if it ever became markup, makes an element marked ``data-xss`` (the browser
tests look for it), an ``on…`` handler attribute or a ``javascript:`` link, and most also call
``alert()``. None holds a comma (language fields split on commas) or a line break, and each fits
the shortest free-text field (a class name: 50 characters).
"""

from __future__ import annotations

PAYLOADS: tuple[str, ...] = (
    "<script data-xss=1>alert(1)</script>",
    "<img src=x onerror=alert(2) data-xss=2>",
    # Mixed case: HTML does not care, a filter that looks for "onload" might.
    "<SvG OnLoAd=alert(3) data-xss=3>",
    # Out of a double- or single-quoted attribute (value="…", placeholder='…').
    '"><img src=x onerror=alert(4) data-xss=4>',
    "'><svg onload=alert(5) data-xss=5>",
    # Out of the elements whose content is raw text.
    "</textarea></title><b data-xss=6>raw</b>",
    # Links: offer descriptions keep <a href>, so the sanitiser must drop these hrefs.
    '<a href="javascript:alert(7)" data-xss=7>link</a>',
    '<a href="jav&#x09;ascript:alert(8)">tab</a>',
    "javascript:alert(9)//",
    # Template syntax (Django, Jinja, JS template literals) must stay text, not run.
    '{{ 7*7 }}{% now "Y" %}${7*7}',
    # Text that looks escaped (HTML, JavaScript) must not be unescaped into markup.
    "&lt;b data-xss=11&gt; \\u003cb data-xss=11\\u003e",
    # Full-width brackets: markup only if something normalises Unicode (NFKC) on the way.
    "＜img src=x onerror=alert(12) data-xss=12＞",
    '<iframe src="javascript:alert(13)" data-xss=13>',
    "<style data-xss=14>*{display:none}</style>",
)

SHORTEST_FIELD = 50


class Rotation:
    """Hands every field the payloads in turn: each value is a plain tag (so a page can be seen
    to show the field) and as many payloads as fit, going on next time where it stopped.

    Over enough records every payload passes through every field; ``missed`` says which did
    not. A field too short for some payloads (a phone number) gets the ones that fit.
    """

    def __init__(self):
        self._next: dict[str, int] = {}
        self.used: dict[str, set[int]] = {}
        self.lengths: dict[str, int] = {}

    def text(self, field: str, max_length: int, tag: str, *, sep: str = " ") -> str:
        count = len(PAYLOADS)
        start = self._next.get(field, 0)
        value, taken = tag, []
        for step in range(count):
            index = (start + step) % count
            candidate = f"{value}{sep}{PAYLOADS[index]}"
            if len(candidate) > max_length:
                if taken:
                    break  # the run of payloads that fit ends here; next time from this one
                continue  # too long for this field at all
            value = candidate
            taken.append(index)
        assert taken, f"no payload fits in {field} ({max_length})"  # noqa: S101
        self._next[field] = (taken[-1] + 1) % count
        self.used.setdefault(field, set()).update(taken)
        self.lengths[field] = max_length
        return value

    def missed(self, *, min_length: int) -> dict[str, list[int]]:
        """Fields at least ``min_length`` long that some payload has not yet passed through."""
        everything = set(range(len(PAYLOADS)))
        return {
            field: sorted(everything - used)
            for field, used in self.used.items()
            if self.lengths[field] >= min_length and everything - used
        }


assert all(len(p) <= SHORTEST_FIELD for p in PAYLOADS), "a payload is too long"  # noqa: S101
assert not any("," in p or "\n" in p for p in PAYLOADS), "a payload splits"  # noqa: S101
