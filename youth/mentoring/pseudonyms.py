"""Aliases for young people on mentor pages: "Rolig odder 27".

The alias comes from an HMAC of the profile's UUID keyed with SECRET_KEY: stable, so a mentor
can talk about the same young person twice, yet it says nothing about the name and cannot be
turned back into the UUID without the key.
"""

import hashlib
import hmac

from django.conf import settings
from django.utils.translation import gettext_lazy as _

ADJECTIVES = [
    _("Rolig"),
    _("Modig"),
    _("Venlig"),
    _("Nysgerrig"),
    _("Glad"),
    _("Kvik"),
    _("Stille"),
    _("Munter"),
    _("Klog"),
    _("Varm"),
    _("Snild"),
    _("Flink"),
    _("Frisk"),
    _("Hurtig"),
    _("Tålmodig"),
    _("Kreativ"),
    _("Stærk"),
    _("Blid"),
    _("Vågen"),
    _("Lys"),
]
ANIMALS = [
    _("odder"),
    _("ræv"),
    _("ugle"),
    _("sæl"),
    _("hjort"),
    _("bæver"),
    _("falk"),
    _("egern"),
    _("grævling"),
    _("hare"),
    _("lærke"),
    _("delfin"),
    _("los"),
    _("elg"),
    _("svane"),
    _("pindsvin"),
    _("spætte"),
    _("isbjørn"),
    _("panda"),
    _("skildpadde"),
]


def alias_for(youth_id) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"mentor-alias:{youth_id}".encode(), hashlib.sha256
    ).digest()
    adjective = ADJECTIVES[digest[0] % len(ADJECTIVES)]
    animal = ANIMALS[digest[1] % len(ANIMALS)]
    number = int.from_bytes(digest[2:4]) % 90 + 10
    return f"{adjective} {animal} {number}"
