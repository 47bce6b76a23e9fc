"""Published offers as Open Referral HSDS 3.0 (capacity in HSDS 3.1's ``service_capacity``)
and as a flat CSV. Identifiers are stable UUIDs derived from our ids, as HSDS asks for UUIDs."""

import uuid

from django.urls import reverse

from .models import Offer, Organisation

_NAMESPACE = uuid.UUID("6f1d2a8e-3b7c-4e55-9a0b-52a1d0c0ffee")
_BYDAY = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}


def hsds_id(kind: str, pk) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{pk}"))


def published_offers():
    return (
        Offer.objects.published()
        .select_related("organisation", "postcode__area")
        .order_by("organisation_id", "id")
    )


def _organisation(org: Organisation) -> dict:
    return {
        "id": hsds_id("organization", org.pk),
        "name": org.name,
        "description": org.description or org.get_kind_display(),
        "website": org.website or None,
        "email": org.contact_email,
        "tax_id": org.cvr or None,
        "legal_status": None,
        "phones": [{"id": hsds_id("organization-phone", org.pk), "number": org.contact_phone}]
        if org.contact_phone
        else [],
    }


def _schedule(offer: Offer) -> list[dict]:
    schedules = []
    base = {
        "service_id": hsds_id("service", offer.pk),
        "valid_from": offer.period_start.isoformat() if offer.period_start else None,
        "valid_to": offer.period_end.isoformat() if offer.period_end else None,
        "opens_at": offer.starts_at.isoformat("minutes") if offer.starts_at else None,
        "closes_at": offer.ends_at.isoformat("minutes") if offer.ends_at else None,
        "description": offer.schedule_note or None,
    }
    if offer.weekdays:
        schedules.append(
            base
            | {
                "id": hsds_id("schedule", offer.pk),
                "freq": "WEEKLY",
                "byday": ",".join(_BYDAY[d] for d in sorted(offer.weekdays)),
            }
        )
    for day in offer.single_dates:
        schedules.append(
            base
            | {
                "id": hsds_id("schedule", f"{offer.pk}:{day.isoformat()}"),
                "dtstart": day.isoformat(),
                "valid_from": day.isoformat(),
                "valid_to": day.isoformat(),
                "count": 1,
            }
        )
    return schedules


def _location(offer: Offer) -> dict | None:
    if not (offer.address or offer.postcode_id):
        return None
    postcode = offer.postcode
    return {
        "id": hsds_id("location", offer.pk),
        "location_type": "physical",
        "name": offer.address or str(postcode),
        "organization_id": hsds_id("organization", offer.organisation_id),
        "addresses": [
            {
                "id": hsds_id("address", offer.pk),
                "address_1": offer.address,
                "city": postcode.name if postcode else "",
                "region": "Randers Kommune",
                "state_province": "Region Midtjylland",
                "postal_code": postcode.code if postcode else "",
                "country": "DK",
                "address_type": "physical",
            }
        ],
        "accessibility": [
            {"id": hsds_id("accessibility", offer.pk), "description": offer.accessibility}
        ]
        if offer.accessibility
        else [],
    }


def _service(offer: Offer, request) -> dict:
    capacity = []
    if offer.capacity is not None:
        capacity.append(
            {
                "id": hsds_id("service-capacity", offer.pk),
                "service_id": hsds_id("service", offer.pk),
                "available": offer.spots_left,
                "maximum": offer.capacity,
                "unit": {"id": hsds_id("unit", "plads"), "name": "pladser", "scheme": None},
                "updated": offer.updated_at.isoformat(),
            }
        )
    return {
        "id": hsds_id("service", offer.pk),
        "organization_id": hsds_id("organization", offer.organisation_id),
        "name": offer.title,
        "description": offer.description,
        "url": request.build_absolute_uri(reverse("offers:offer-detail", args=[offer.pk])),
        "email": offer.contact_email or None,
        "status": "active",
        "fees_description": "Gratis" if offer.price == 0 else f"{offer.price} kr.",
        "application_process": offer.how_to_join or None,
        "minimum_age": offer.min_age,
        "maximum_age": offer.max_age,
        "languages": [
            {"id": hsds_id("language", f"{offer.pk}:{i}"), "name": name.strip()}
            for i, name in enumerate(offer.languages.split(","))
            if name.strip()
        ],
        "attributes": [
            {"id": hsds_id("attribute", offer.pk), "label": "category", "value": offer.category}
        ],
        "schedules": _schedule(offer),
        "service_capacity": capacity,
        "last_modified": offer.updated_at.isoformat(),
    }


def hsds_document(request) -> dict:
    organisations, services, locations = {}, [], []
    for offer in published_offers():
        organisations.setdefault(offer.organisation_id, _organisation(offer.organisation))
        service = _service(offer, request)
        location = _location(offer)
        if location:
            locations.append(location)
            service["service_at_locations"] = [
                {
                    "id": hsds_id("service-at-location", offer.pk),
                    "service_id": service["id"],
                    "location_id": location["id"],
                }
            ]
        services.append(service)
    return {
        "version": "3.0",
        "profile": "https://openreferral.github.io/specification/",
        "publisher": "Randers Kommune, Ressourcebanken",
        "organizations": list(organisations.values()),
        "services": services,
        "locations": locations,
    }


CSV_COLUMNS = [
    "id",
    "titel",
    "organisation",
    "kategori",
    "art",
    "fra_alder",
    "til_alder",
    "pris_kr",
    "fritidspas",
    "pladser",
    "ledige_pladser",
    "ugedage",
    "fra_kl",
    "til_kl",
    "adresse",
    "postnummer",
    "omraade",
    "kommer_ud_paa_skoler",
    "transport",
    "sprog",
    "url",
]


def csv_rows(request):
    yield CSV_COLUMNS
    for offer in published_offers():
        postcode = offer.postcode
        yield [
            offer.pk,
            offer.title,
            offer.organisation.name,
            offer.get_category_display(),
            offer.get_kind_display(),
            offer.min_age if offer.min_age is not None else "",
            offer.max_age if offer.max_age is not None else "",
            offer.price,
            "ja" if offer.fritidspas else "nej",
            offer.capacity if offer.capacity is not None else "ubegrænset",
            offer.spots_left if offer.capacity is not None else "",
            " ".join(_BYDAY[d] for d in sorted(offer.weekdays)),
            offer.starts_at.isoformat("minutes") if offer.starts_at else "",
            offer.ends_at.isoformat("minutes") if offer.ends_at else "",
            offer.address,
            postcode.code if postcode else "",
            postcode.area.name if postcode else "",
            "ja" if offer.comes_to_schools else "nej",
            offer.get_transport_display(),
            offer.languages,
            request.build_absolute_uri(reverse("offers:offer-detail", args=[offer.pk])),
        ]
