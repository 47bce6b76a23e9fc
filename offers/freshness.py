"""The public catalogue shows everyone the same, so its rendered results are cached
(ressourcebank.core.fragments). Any change to an offer or an organisation makes them stale."""

from ressourcebank.core import fragments

CATALOGUE_VERSION = "offers:catalogue-version"
CATALOGUE_TIMEOUT = 5 * 60


def catalogue_changed(**signal_kwargs) -> None:
    fragments.bump(CATALOGUE_VERSION)
