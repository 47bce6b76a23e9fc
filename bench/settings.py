"""The production settings plus one bare view (bench/urls.py): the machine's ceiling."""

from ressourcebank.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
