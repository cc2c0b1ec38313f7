"""The annotated report as Markdown (CommonMark with footnotes, as GitHub renders it).

The same content as the HTML report. Text from articles, claims, rationales and sources is
escaped: Markdown punctuation is backslash-escaped and <, > and & become entities, so nothing
in it can turn into a link, an image or raw HTML wherever the Markdown is rendered. Links are
written only for http(s) addresses; anything else is shown as text.
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from factcheck.reports.report import build_report

# Inline punctuation Markdown (with GitHub's tables and strikethrough) acts on anywhere...
_INLINE = re.compile(r"([\\`*_\[\]|~])")
# ...and what starts a block at the beginning of a line: a heading, a list item, a quote.
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))", re.MULTILINE)


def escape(text):
    """`text` as literal Markdown (line breaks kept): no emphasis, link, image or raw HTML."""
    text = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(_escape_line_start, text)
    return text


def _escape_line_start(match):
    indent, mark = match.groups()
    if mark[0].isdigit():  # "1978." would start an ordered list: escape the dot after it
        return indent + mark + "\\"
    return indent + "\\" + mark


def one_line(text):
    return escape(" ".join((text or "").split()))


def _url(url):
    """Percent-encode everything a Markdown autolink or link target could break out with
    (spaces, brackets, angle brackets, quotes); http(s) was checked before."""
    return quote(url, safe=":/?#@!$&'*+,;=%~")


def _date(value):
    return formats.date_format(value, "j F Y") if value else ""


def _verdict(entry):
    return entry.verdict.label if entry.verdict else _("No verdict yet")


def _meta(report):
    article = report.article
    rows = []
    if article.outlet:
        rows.append((_("Outlet"), one_line(article.outlet)))
    if article.author:
        rows.append((_("Author"), one_line(article.author)))
    if article.published_at:
        rows.append((_("Published"), _date(article.published_at)))
    if article.url:
        shown = f"<{_url(report.article_url)}>" if report.article_url else one_line(article.url)
        rows.append((_("Original"), shown))
    rows.append((_("Report of"), _date(report.generated_on)))
    rows.append((_("Claims checked"), str(len(report.entries))))
    return [f"- **{label}:** {value}" for label, value in rows]


def _bold(text):
    """`**text**`, with the spaces around it left outside, where emphasis allows them."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}**{core}**{trail}"


def _text(report):
    out = []
    for pieces in report.paragraphs:
        parts = []
        for piece in pieces:
            text = escape(re.sub(r"\s+", " ", piece.text))
            parts.append(_bold(text) if piece.entry else text)
            parts.extend(f"[^{entry.number}]" for entry in piece.ending)
        out.append("".join(parts))
    return out


_NOTE_INDENT = "    "  # what keeps a line inside its footnote


def _note(report, entry):
    """The footnote of one claim: its words, verdict, rationale, sources and reviewers."""
    lines = [f"[^{entry.number}]: **{one_line(entry.claim.text)}**"]
    if entry.claim.normalized:
        lines.append(f"{_NOTE_INDENT}{_('Checked as:')} {one_line(entry.claim.normalized)}")
    if entry.claimed_by:
        lines.append(f"{_NOTE_INDENT}{one_line(entry.claimed_by)}")
    lines += ["", _verdict_line(report, entry)]
    for paragraph in entry.rationale.split("\n\n") if entry.rationale else []:
        lines += ["", _NOTE_INDENT + one_line(paragraph)]
    if entry.sources:
        lines += ["", f"{_NOTE_INDENT}{_('Sources:')}", ""]
        lines += [_source_line(source) for source in entry.sources]
    if report.credit_reviewers and entry.reviewers:
        names = ", ".join(one_line(name) for name in entry.reviewers)
        lines += ["", f"{_NOTE_INDENT}{_('Reviewed by')} {names}\\."]
    return lines


def _verdict_line(report, entry):
    line = f"{_NOTE_INDENT}{_('Verdict:')} **{escape(_verdict(entry))}**"
    if report.internal:
        line += f" ({_('status:')} {escape(entry.status_label)})"
    return line


def _source_line(source):
    """A cited source: its title, linked when it has an http(s) address (else followed by the
    address, unless the title is the address), its publisher and date, stance and quote."""
    title = one_line(source.title)
    cited = f"[{title}]({_url(source.url)})" if source.url else title
    if not source.url and source.title != source.address:
        cited += f" ({one_line(source.address)})"
    details = "".join(
        f", {value}" for value in (one_line(source.publisher), _date(source.date)) if value
    )
    line = f"{_NOTE_INDENT}- {cited}{details}. *{escape(source.stance_label)}*"
    if source.quote:
        line += f": “{one_line(source.quote)}”"
    return line


def render_markdown(article, claims, *, options):
    report = build_report(
        article,
        claims,
        scope=options.scope,
        credit_reviewers=options.credit_reviewers,
        today=options.today,
    )
    heading = f"{one_line(settings.FACTCHECK_ORGANISATION)} · {_('Fact-check report')}"
    if report.internal:
        heading += f" · **{_('Internal: all claims, with their status')}**"
    lines = [f"# {one_line(article.title)}", "", heading, "", *_meta(report), ""]
    if report.internal:  # the first line, so no one can miss it
        lines = [f"**{escape(_('INTERNAL - not for publication'))}**", "", *lines]
    lines += [f"## {_('Summary')}", ""]
    if report.entries:
        header = ["#", _("Claim"), _("Verdict")]
        if report.internal:
            header.append(_("Status"))
        header.append(_("In short"))
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join("---" for _ in header) + "|")
        for entry in report.entries:
            cells = [str(entry.number), one_line(entry.claim.text), escape(_verdict(entry))]
            if report.internal:
                cells.append(escape(entry.status_label))
            cells.append(one_line(entry.summary))
            lines.append("| " + " | ".join(cells) + " |")
    elif report.internal:
        lines.append(_("This article has no accepted claims yet."))
    else:
        lines.append(_("No claim of this article has been published yet."))
    lines += ["", f"## {_('The article, annotated')}", ""]
    for paragraph in _text(report):
        lines += [paragraph, ""]
    lines += [f"## {_('How we check')}", ""]
    method = _(
        "Each claim was checked by independent reviewers, who did not see each other's "
        "verdicts before giving their own, against the sources listed with it. An editor "
        "weighed their reviews and wrote the verdict and the rationale published here."
    )
    if not report.credit_reviewers:
        method += " " + _("Reviewers are not named.")
    lines += [escape(method), ""]
    for verdict in report.scale:
        lines.append(f"- **{escape(verdict.label)}**: {one_line(verdict.description)}")
    lines.append("")
    for entry in report.entries:
        lines += _note(report, entry)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
