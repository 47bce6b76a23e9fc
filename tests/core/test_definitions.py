from django.template import engines
from django.utils.safestring import mark_safe

from ressourcebank.core.templatetags.definitions import definitions


def test_pairs_become_escaped_rows():
    html = definitions([("Sprog", "<script>alert('x')</script> & \"dansk\""), ("Alder", 16)])
    assert html == (
        "<dt>Sprog</dt><dd>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; "
        "&quot;dansk&quot;</dd><dt>Alder</dt><dd>16</dd>"
    )


def test_the_same_as_the_template_would_write():
    pairs = [("<b>Område</b>", "Randers & omegn"), (mark_safe("<i>Sikker</i>"), "'citat'")]
    by_hand = engines["django"].from_string(
        "{% for label, text in pairs %}<dt>{{ label }}</dt><dd>{{ text }}</dd>{% endfor %}"
    )
    with_filter = engines["django"].from_string("{% load definitions %}{{ pairs|definitions }}")
    assert with_filter.render({"pairs": pairs}) == by_hand.render({"pairs": pairs})
