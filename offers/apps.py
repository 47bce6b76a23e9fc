from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

# Word similarity that counts as a trigram match in the catalogue search: "teatret"~"Teater"
# is 0.5 and "bibliotk"~"Hovedbiblioteket" 0.56, below pg_trgm's default of 0.6. Set on the
# session so the `%>` operator can use the GIN trigram index.
WORD_SIMILARITY_THRESHOLD = 0.45


def set_trigram_threshold(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET pg_trgm.word_similarity_threshold = {WORD_SIMILARITY_THRESHOLD}")


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Tilbud")

    def ready(self):
        from .freshness import catalogue_changed
        from .models import Offer, Organisation

        connection_created.connect(set_trigram_threshold, dispatch_uid="offers-trigram-threshold")
        for model in (Offer, Organisation):
            for signal in (post_save, post_delete):
                signal.connect(catalogue_changed, sender=model, dispatch_uid=f"catalogue-{model}")
