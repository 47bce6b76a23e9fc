"""The districts of Randers Kommune with their postcodes: town and rural."""

from .models import Area, Postcode

AREAS = {
    ("Randers Midtby", False): [("8900", "Randers C")],
    ("Randers Nord", False): [("8920", "Randers NV"), ("8930", "Randers NØ")],
    ("Randers Syd", False): [("8940", "Randers SV"), ("8960", "Randers SØ")],
    ("Langå og omegn", True): [("8870", "Langå")],
    ("Nordlandet", True): [("8970", "Havndal"), ("8981", "Spentrup"), ("8983", "Gjerlev J")],
    ("Sydøst", True): [("8950", "Ørsted"), ("8961", "Allingåbro")],
    ("Nørreådalen", True): [("8990", "Fårup")],
}


def seed() -> str:
    created = 0
    for (name, is_rural), postcodes in AREAS.items():
        area, new = Area.objects.get_or_create(name=name, defaults={"is_rural": is_rural})
        created += new
        for code, town in postcodes:
            Postcode.objects.get_or_create(code=code, defaults={"name": town, "area": area})
    return f"{Area.objects.count()} areas ({created} new)"
