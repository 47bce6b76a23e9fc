"""Indexes for the public catalogue at national scale (100,000 offers, 10,000 organisations).

Partial indexes cover only published offers, in the exact orders the catalogue pages use, with
``id`` as the tie-breaker so a page never needs a sort of every row with the same date. The
trigram index on organisation names lets the name match run as an index scan instead of
computing a similarity for every organisation. Raw SQL: these serve the catalogue's queries
(offers/selectors.py), not the models.

``offer_published_idx`` (declared in the model on ``-published_at``) is rebuilt under the same
name with ``id`` as a second key: with only the date, PostgreSQL picked it and then sorted
every offer published at the same moment (an import) to find the first twenty.
"""

from django.db import migrations

INDEXES = {
    "offer_catalogue_name_idx": "offers_offer (title, id) WHERE status = 'published'",
    "offer_catalogue_category_idx": (
        "offers_offer (category, published_at DESC, id DESC) WHERE status = 'published'"
    ),
    "organisation_name_trgm_gin": "offers_organisation USING gin (name gin_trgm_ops)",
}


class Migration(migrations.Migration):
    dependencies = [("offers", "0002_capacity_message")]

    operations = [
        migrations.RunSQL(
            sql=[
                "DROP INDEX IF EXISTS offer_published_idx",
                "CREATE INDEX offer_published_idx ON offers_offer (published_at DESC, id DESC)"
                " WHERE status = 'published'",
            ],
            reverse_sql=[
                "DROP INDEX IF EXISTS offer_published_idx",
                "CREATE INDEX offer_published_idx ON offers_offer (published_at DESC)"
                " WHERE status = 'published'",
            ],
        ),
    ] + [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {definition}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, definition in INDEXES.items()
    ]
