"""Labels of choices as plain text in the active language, translated once per language.

``str()`` of a lazy label looks it up in the translation catalogues every time (twice for a
label made of two, like "tirsdag eftermiddag"). A page of 20 pool cards shows some 200 labels;
translations change only with a deploy, so each process keeps them per language.
"""

from collections.abc import Mapping
from types import MappingProxyType

from django.utils.translation import get_language


class Labels:
    """``Labels(Interest.choices).get("musik")`` → "Musik" (or "Music" in English)."""

    def __init__(self, choices):
        self._choices = choices
        self._by_language: dict[str | None, Mapping[str, str]] = {}

    def active(self) -> Mapping[str, str]:
        """All labels in the active language: for many look-ups at once."""
        language = get_language()
        labels = self._by_language.get(language)
        if labels is None:
            labels = MappingProxyType({value: str(label) for value, label in self._choices})
            self._by_language[language] = labels
        return labels

    def get(self, value: str, default: str | None = None) -> str | None:
        return self.active().get(value, default)
