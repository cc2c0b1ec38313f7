"""W3C Web Annotation (JSON-LD) of an article's claims: one annotation per claim.

Each annotation targets the claim's words with a TextQuoteSelector (the exact words, with up to
32 characters of context either side) and a TextPositionSelector (`start`/`end`, counted in
Unicode code points of the workbench's text, as the model says). The quote is what an
annotation tool anchors on in a page whose text differs a little; the positions hold exactly in
the text the workbench imported. The body says the verdict (purpose "assessing") and the
rationale (purpose "describing"), both TextualBody. An article's annotations come as an
AnnotationCollection whose one page holds them all.
"""

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32


def _target_source(article, base_url):
    return article.url or f"{base_url.rstrip('/')}{article.get_absolute_url()}"


def annotation(claim, *, base_url="", with_context=True):
    article = claim.article
    body = article.body
    bodies = []
    if claim.final_verdict_id is not None:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": claim.final_verdict.label,
                "format": "text/plain",
            }
        )
    if claim.rationale:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": claim.rationale,
                "format": "text/plain",
            }
        )
    item = {
        "id": f"{base_url.rstrip('/')}{claim.get_absolute_url()}",
        "type": "Annotation",
        "motivation": "assessing" if claim.final_verdict_id is not None else "highlighting",
        "target": {
            "source": _target_source(article, base_url),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": claim.text,
                    "prefix": body[max(0, claim.start - CONTEXT_CHARS) : claim.start],
                    "suffix": body[claim.end : claim.end + CONTEXT_CHARS],
                },
                {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
            ],
        },
    }
    if bodies:
        item["body"] = bodies
    if with_context:
        item = {"@context": CONTEXT, **item}
    return item


def collection(article, claims, *, base_url=""):
    items = [annotation(claim, base_url=base_url, with_context=False) for claim in claims]
    return {
        "@context": CONTEXT,
        "id": f"{base_url.rstrip('/')}{article.get_absolute_url()}#annotations",
        "type": "AnnotationCollection",
        "label": article.title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }
