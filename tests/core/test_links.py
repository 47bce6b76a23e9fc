import uuid

from django.urls import reverse

from ressourcebank.core.links import link_to


def test_links_are_what_reverse_gives():
    link = link_to("youth:detail")
    for pk in (uuid.uuid4(), uuid.uuid4(), uuid.UUID(int=0)):
        assert link(pk) == reverse("youth:detail", args=[pk])
    assert link_to("mentoring:youth-detail")(pk) == reverse("mentoring:youth-detail", args=[pk])
