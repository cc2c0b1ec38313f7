import io
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import docx
import pytest

from factcheck.articles.ingest import IngestError, Reading, read
from factcheck.articles.ingest.readers.markdown import read_markdown
from tests.articles.ingest_helpers import FIXTURES, LONG_PARAGRAPH, SEED, article, docx_bytes

SEED_TITLE = "China's Efforts in Advancing Human Rights: At Home and Abroad"


pytestmark = pytest.mark.usefixtures("beijing_time")


# --- the seed article ----------------------------------------------------------------------


@pytest.fixture
def seed():
    return read(SEED.read_bytes(), filename="seed-article.txt")


def test_the_seed_article_gets_its_title_outlet_editor_and_date(seed):
    assert seed.title == SEED_TITLE
    assert seed.outlet == "Guangming Online"
    assert seed.author == "WJH"
    assert seed.editor == "WJH"
    assert seed.published_at == datetime(2022, 12, 9, 18, 49, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert seed.language == "en"
    assert seed.source_format == "txt"


def test_the_seed_article_body_holds_only_its_own_paragraphs(seed):
    assert len(seed.paragraphs) == 8
    assert seed.paragraphs[0].startswith("The Communist Party of China and the Chinese government")
    assert seed.paragraphs[-1].startswith('The vision of "a community of shared future')
    for unwanted in (SEED_TITLE, "By:", "Editor: WJH", "More from", "views and opinions"):
        assert unwanted not in seed.body


def test_the_seed_article_records_every_dropped_line(seed):
    assert seed.dropped == [
        f'Dropped title line: "{SEED_TITLE}"',
        'Byline parsed: date 2022-12-09 18:49, no author given from "2022-December-9 18:49 By:"',
        f'Dropped repeated title: "{SEED_TITLE}"',
        f'Dropped repeated title: "{SEED_TITLE}"',
        f'Dropped repeated title: "{SEED_TITLE}"',
        'Editor parsed: WJH from "Editor: WJH"',
        'Dropped link list heading (outlet Guangming Online): "More from Guangming Online"',
        'Dropped disclaimer: "The views and opinions expressed in this article are those of the '
        "author's, mak…\"",
    ]


def test_it_keeps_the_decoded_original_unchanged(seed):
    assert seed.raw_text == SEED.read_text(encoding="utf-8")


def test_the_body_is_the_paragraphs_joined_by_a_blank_line(seed):
    assert seed.body == "\n\n".join(seed.paragraphs)
    assert isinstance(seed, Reading)
    assert len(seed.body_sha256) == 64


# --- plain text ----------------------------------------------------------------------------


def test_it_joins_hard_wrapped_lines_into_one_paragraph():
    wrapped = (
        "Water prices\n\n"
        "The regulator said on Monday that household water bills will rise by an\n"
        "average of 8 percent next year, the largest increase since 2006, to pay for\n"
        "new reservoirs.\n\nA second paragraph follows here."
    )
    reading = read(wrapped.encode(), filename="water.txt")
    assert reading.title == "Water prices"
    assert reading.paragraphs[0] == (
        "The regulator said on Monday that household water bills will rise by an average of 8 "
        "percent next year, the largest increase since 2006, to pay for new reservoirs."
    )


def test_it_keeps_one_paragraph_a_line_when_lines_are_long():
    text = f"Headline here\n{LONG_PARAGRAPH}\n{LONG_PARAGRAPH} Again."
    reading = read(text.encode(), filename="a.txt")
    assert reading.paragraphs == [LONG_PARAGRAPH, f"{LONG_PARAGRAPH} Again."]


def test_it_normalises_unicode_line_endings_and_whitespace():
    decomposed = unicodedata.normalize("NFD", "Café prices rose   by\u00a05 percent\u200b.")
    text = f"Prices\r\n\r\n{decomposed}\r\n\r\n{LONG_PARAGRAPH}"
    reading = read(text.encode(), filename="a.txt")
    assert reading.paragraphs[0] == "Café prices rose by 5 percent."
    assert unicodedata.is_normalized("NFC", reading.body)
    assert "\r" not in reading.body


def test_it_does_not_take_a_sentence_as_the_title():
    reading = read(article(LONG_PARAGRAPH, LONG_PARAGRAPH), filename="a.txt")
    assert reading.title == ""
    assert reading.paragraphs == [LONG_PARAGRAPH, LONG_PARAGRAPH]
    assert "No title was found." in reading.warnings


def test_it_reads_a_file_object_as_well_as_bytes():
    reading = read(io.BytesIO(article("Title line", LONG_PARAGRAPH)), filename="a.txt")
    assert reading.paragraphs == [LONG_PARAGRAPH]


def test_a_url_given_by_the_caller_is_kept():
    reading = read(article("Title", LONG_PARAGRAPH), url="https://news.example/a")
    assert reading.url == "https://news.example/a"


# --- Markdown ------------------------------------------------------------------------------


@pytest.fixture
def explainer():
    return read((FIXTURES / "explainer.md").read_bytes(), filename="explainer.md")


def test_markdown_front_matter_gives_the_metadata(explainer):
    assert explainer.title == "How the census counts people"
    assert explainer.author == "Maria Gonzalez"
    assert explainer.outlet == "Data Desk"
    assert explainer.published_at == datetime(2022, 12, 9, 18, 49, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert explainer.source_format == "md"


def test_markdown_is_rendered_to_text_keeping_headings_lists_and_link_text(explainer):
    assert explainer.paragraphs == [
        "The census reached 97 percent of households in 2021, the statistics office said.",
        "Three ways to answer",
        "- Online, which 62 percent of households chose.",
        "- On paper, by post.",
        "1. In person, with an enumerator.",
        "Response rates were lowest in city centres.",
    ]


def test_markdown_drops_raw_scripts_images_and_link_targets(explainer):
    assert "alert" not in explainer.body
    assert "form.png" not in explainer.body
    assert "https://" not in explainer.body
    assert "**" not in explainer.body


def test_markdown_takes_its_first_heading_as_the_title_without_front_matter():
    text = f"# Bridge reopens\n\nSome *emphasis* and `code`.\n\n{LONG_PARAGRAPH}"
    reading = read(text.encode(), filename="bridge.md")
    assert reading.title == "Bridge reopens"
    assert reading.paragraphs == ["Some emphasis and code.", LONG_PARAGRAPH]


def test_markdown_gives_a_block_per_line_of_tables_code_raw_html_and_numbered_lists():
    text = "\n".join(
        [
            "A hard  ",
            "break and a soft",
            "wrap.",
            "",
            "3. Third",
            "4. Fourth",
            "   - nested",
            "   - bullet",
            "",
            "     its second paragraph",
            "5. Fifth",
            "",
            "| Region | Rate | Note |",
            "|---|---|---|",
            "| North | 62% | |",
            "| | | |",
            "| South | 48% | *low* |",
            "",
            "```",
            "line one",
            "",
            "line two",
            "```",
            "",
            "    indented code",
            "",
            "<div><p>Raw <b>block</b></p><script>x()</script></div>",
        ]
    )
    assert read_markdown(text).blocks == [
        "A hard",
        "break and a soft wrap.",
        "3. Third",
        "4. Fourth",
        "- nested",
        "- bullet",
        "its second paragraph",
        "5. Fifth",
        "Region | Rate | Note",
        "North | 62% | ",
        "South | 48% | low",
        "line one",
        "line two",
        "indented code",
        "Raw block",
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("# Opening\n\nText.\n\n# Second\n", "Opening"),
        ("#\n\n## After an empty heading\n\nText.\n", "After an empty heading"),
        ("<div></div>\n\n# After invisible HTML\n", "After invisible HTML"),
        ("Text first.\n\n# Later\n", ""),
    ],
)
def test_markdown_takes_the_title_only_from_a_heading_that_opens_the_text(text, title):
    assert read_markdown(text).title == title


# --- HTML ----------------------------------------------------------------------------------


@pytest.fixture
def news_page():
    return read((FIXTURES / "news-page.html").read_bytes(), filename="news-page.html")


def test_html_metadata_comes_from_the_page(news_page):
    assert news_page.title == "Council approves new cycle lanes"
    assert news_page.author == "Sam Patel"
    assert news_page.outlet == "The Riverside Gazette"
    assert news_page.url == "https://gazette.example/news/cycle-lanes"
    assert news_page.language == "en"
    assert news_page.published_at == datetime(2022, 12, 9, 18, 49, tzinfo=ZoneInfo("UTC"))
    assert news_page.source_format == "html"


def test_html_keeps_the_main_content_only(news_page):
    assert news_page.paragraphs[0].startswith("The city council voted 31 to 12 on Thursday")
    assert "- Construction starts in March on the river embankment." in news_page.paragraphs
    assert "€18 million" in news_page.body
    for boilerplate in ("Home", "Sport", "Bakery wins award", "All rights reserved", "cookie"):
        assert boilerplate not in news_page.body


def test_html_raw_text_is_the_page_source(news_page):
    assert news_page.raw_text == (FIXTURES / "news-page.html").read_text(encoding="utf-8")


def test_html_is_detected_by_content_without_a_file_name():
    reading = read((FIXTURES / "news-page.html").read_bytes())
    assert reading.source_format == "html"


# --- DOCX ----------------------------------------------------------------------------------


def test_docx_paragraphs_title_and_lists_are_read():
    data = docx_bytes(
        ("Title", "Hospital waiting lists shrink"),
        ("", "By Lena Berg | 9 December 2022"),
        ("", LONG_PARAGRAPH),
        ("List Bullet", "Hip replacements: 14 weeks"),
        ("", "Photo: Health Ministry"),
    )
    reading = read(data, filename="report.docx")
    assert reading.source_format == "docx"
    assert reading.title == "Hospital waiting lists shrink"
    assert reading.author == "Lena Berg"
    assert reading.published_at == datetime(2022, 12, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert reading.paragraphs == [LONG_PARAGRAPH, "- Hip replacements: 14 weeks"]


def test_docx_tables_are_read_row_by_row():
    document = docx.Document()
    document.add_paragraph("Budget lines")
    document.add_paragraph(LONG_PARAGRAPH)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Health", "€4.1 billion"
    table.cell(1, 0).text, table.cell(1, 1).text = "Schools", "€2.7 billion"
    buffer = io.BytesIO()
    document.save(buffer)
    reading = read(buffer.getvalue(), filename="budget.docx")
    assert reading.paragraphs == [LONG_PARAGRAPH, "Health | €4.1 billion", "Schools | €2.7 billion"]


def test_docx_core_title_is_used_when_no_paragraph_is_styled_as_title():
    data = docx_bytes(("", LONG_PARAGRAPH), title="Housing figures")
    reading = read(data, filename="housing.docx")
    assert reading.title == "Housing figures"


def test_docx_is_detected_by_content_without_a_file_name():
    reading = read(docx_bytes(("", "Headline"), ("", LONG_PARAGRAPH)))
    assert reading.source_format == "docx"


# --- format selection ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "expected"),
    [("a.txt", "txt"), ("a.md", "md"), ("a.markdown", "md"), ("a.htm", "html"), ("A.HTML", "html")],
)
def test_the_extension_chooses_the_reader(filename, expected):
    data = article("# Title", "<p>Some text</p>", LONG_PARAGRAPH)
    assert read(data, filename=filename).source_format == expected


def test_an_explicit_format_wins_over_the_extension():
    data = article("# Title", LONG_PARAGRAPH)
    assert read(data, filename="a.txt", format="md").title == "Title"
    assert read(data, filename="a.md", format="txt").title == "# Title"


def test_markdown_is_detected_by_content():
    data = b"# Title\n\nSome [link](https://x.example) and **bold**.\n\n- item one\n- item two\n"
    assert read(data).source_format == "md"


def test_an_unknown_format_is_refused():
    with pytest.raises(IngestError, match="Unknown format 'pdf'"):
        read(article("Title", LONG_PARAGRAPH), format="pdf")


def test_html_notes_each_block_trafilatura_leaves_out_with_its_kind():
    reading = read((FIXTURES / "boilerplate-page.html").read_bytes(), filename="port.html")
    assert len(reading.paragraphs) == 3
    assert reading.dropped == [
        'Dropped page header line: "The Harbour Courier"',
        'Dropped navigation line: "Home"',
        'Dropped navigation line: "Business"',
        'Dropped navigation line: "Ports"',
        'Dropped advertisement: "Advertisement: Cruise deals from 299 euros"',
        'Dropped sharing line: "Share on Facebook Share on X Email this story"',
        'Dropped image caption or credit: "Container cranes at the eastern terminal. Picture by '
        'Lena Ortiz"',
        'Dropped advertisement: "Sponsored: Ship your parcels with FastFreight today"',
        'Dropped footer line: "Contact the newsroom at our Harbour Street office"',
        'Dropped footer line: "Terms of use and privacy notice"',
        'Dropped title line: "Port traffic rises again"',
    ]


def test_html_kept_text_is_not_noted_as_dropped():
    reading = read((FIXTURES / "news-page.html").read_bytes(), filename="news.html")
    assert not any("cycle lanes, the largest" in note for note in reading.dropped)
    assert 'Dropped navigation line: "Home News Sport"' in reading.dropped
    assert 'Dropped image caption or credit: "Photo: Riverside Gazette"' in reading.dropped
    assert any(note.startswith('Dropped copyright line: "© 2022') for note in reading.dropped)


def test_import_notes_are_grouped_by_kind_in_order_of_first_appearance():
    from factcheck.articles.ingest.notes import group_notes

    groups = group_notes([
        'Dropped navigation line: "Home"',
        'Byline parsed: author Jane Roe from "By Jane Roe"',
        'Dropped link under "Related": "Plans delayed"',
        'Dropped link list heading (outlet The Gazette): "More from The Gazette"',
        'Dropped navigation line: "News"',
        "Something new",
    ])  # fmt: skip
    assert [(str(group.label), len(group.notes)) for group in groups] == [
        ("Navigation", 2),
        ("Bylines and metadata", 1),
        ("Related links", 2),
        ("Other page text", 1),
    ]
