"""Every kind of bad input gets a clear one-line IngestError."""

import io
import random
import struct
import zipfile

import pytest

from factcheck.articles.ingest import IngestError, read, sanitize_filename
from factcheck.articles.ingest.readers import docx as docx_reader
from tests.articles.ingest_helpers import FIXTURES, LONG_PARAGRAPH, article, docx_bytes

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_an_empty_file_is_refused():
    with pytest.raises(IngestError, match="^The file is empty.$"):
        read(b"", filename="a.txt")


def test_a_whitespace_only_file_is_refused():
    with pytest.raises(IngestError, match="only whitespace"):
        read(b" \n\t\r\n \xc2\xa0\n", filename="a.txt")


def test_a_file_of_only_boilerplate_is_refused():
    data = article(
        "Share this article", "Advertisement", "More from Guangming Online", "Editor: WJH"
    )
    with pytest.raises(IngestError, match="No article text is left"):
        read(data, filename="a.txt")


def test_a_png_image_is_refused():
    with pytest.raises(IngestError, match="PNG image"):
        read(PNG, filename="article.txt")


def test_a_zip_archive_is_refused():
    with pytest.raises(IngestError, match="Zip archives are not supported"):
        read(zip_bytes({"article.txt": LONG_PARAGRAPH.encode()}), filename="articles.zip")


def test_a_pdf_says_pdf_is_not_supported():
    with pytest.raises(IngestError, match="PDF is not supported"):
        read(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", filename="report.pdf")


def test_an_old_word_document_is_refused():
    with pytest.raises(IngestError, match=r"\.doc\) files are not supported"):
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), filename="report.doc")


def test_other_binary_data_is_refused():
    with pytest.raises(IngestError, match="binary data"):
        read(b"\x01\x02\x00\x00\x10\x00\xff\x00" * 100, filename="data.bin")


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(IngestError, match="larger than the limit of 1 KB"):
        read(article("Title", LONG_PARAGRAPH * 10), max_bytes=1024)


class CountingFile(io.BytesIO):
    def __init__(self, data: bytes):
        super().__init__(data)
        self.requested: list[int] = []

    def read(self, size=-1):
        self.requested.append(size)
        return super().read(size)


def test_an_oversize_file_object_is_not_read_whole():
    upload = CountingFile(b"x" * 10_000_000)
    with pytest.raises(IngestError, match="larger than the limit"):
        read(upload, max_bytes=1000)
    assert upload.requested == [1001]
    assert upload.tell() == 1001


def test_an_upload_that_knows_its_size_is_refused_before_reading():
    upload = CountingFile(b"x" * 5000)
    upload.size = 5000
    with pytest.raises(IngestError, match="larger than the limit"):
        read(upload, max_bytes=1000)
    assert upload.requested == []


def test_a_file_exactly_at_the_limit_is_accepted():
    data = article("Title", LONG_PARAGRAPH)
    assert read(data, max_bytes=len(data)).paragraphs == [LONG_PARAGRAPH]


def test_undecodable_text_is_refused():
    rng = random.Random(7)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(2000))
    with pytest.raises(IngestError, match="could not be decoded"):
        read(noise, filename="a.txt")


def test_text_full_of_control_characters_is_refused():
    with pytest.raises(IngestError, match="could not be decoded"):
        read(b"abc\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 50, filename="a.txt")


def test_hostile_html_keeps_none_of_its_scripts_frames_handlers_or_javascript_links():
    reading = read((FIXTURES / "hostile.html").read_bytes(), filename="hostile.html")
    assert reading.paragraphs == [
        "The water authority tested 1,204 samples in 2022 and found 98 percent within the "
        "legal limits for nitrate.",
        "Read the full report for the remaining 2 percent of samples, which came from 3 rural "
        "wells.",
    ]
    everything = " ".join(
        [reading.title, reading.body, reading.author, reading.url, *reading.dropped]
    )
    for hostile in ("<", "alert", "javascript", "onclick", "onload", "evil.example", "injected"):
        assert hostile not in everything


def test_an_html_fragment_without_an_article_keeps_only_visible_text():
    data = b"<p>Bridge closed</p><script>alert(1)</script><iframe src=x></iframe>" + (
        f"<p onclick='x()'>{LONG_PARAGRAPH}</p>".encode()
    )
    reading = read(data, filename="a.html")
    assert reading.body == LONG_PARAGRAPH
    assert "alert" not in reading.title


def test_an_html_page_without_text_is_refused():
    with pytest.raises(IngestError, match="No article text was found"):
        read(b"<html><head><script>alert(1)</script></head><body></body></html>", filename="a.html")


def test_a_docx_that_is_not_a_zip_is_refused():
    with pytest.raises(IngestError, match="not a valid DOCX document"):
        read(b"Just some text pretending to be a document.", filename="report.docx")


def test_text_asked_to_be_read_as_docx_is_refused():
    with pytest.raises(IngestError, match="not a valid DOCX document"):
        read(article("Title", LONG_PARAGRAPH), format="docx")


def test_a_zip_without_a_word_document_is_refused_as_docx():
    with pytest.raises(IngestError, match="not a Word document"):
        read(zip_bytes({"notes.txt": b"hello"}), filename="report.docx")


def test_a_damaged_docx_is_refused():
    data = zip_bytes({"[Content_Types].xml": b"<bad", "word/document.xml": b"<not xml"})
    with pytest.raises(IngestError, match="damaged"):
        read(data, filename="report.docx")


def test_a_zip_bomb_disguised_as_docx_is_refused_by_its_compression_ratio():
    bomb = zip_bytes({"word/document.xml": b"<w:t>" + b"A" * 50_000_000})
    assert len(bomb) < 100_000
    with pytest.raises(IngestError, match="zip bomb"):
        read(bomb, filename="report.docx")


def test_a_docx_declaring_a_huge_total_size_is_refused(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 10_000)
    data = docx_bytes(("", LONG_PARAGRAPH))
    with pytest.raises(IngestError, match="would expand to more than"):
        read(data, filename="report.docx")


def test_a_docx_whose_zip_understates_its_sizes_is_refused_without_expanding():
    real = docx_bytes(("", "Headline"), ("", LONG_PARAGRAPH))
    forged = _understate(real, "word/document.xml", size=100)
    with pytest.raises(IngestError, match="damaged"):
        read(forged, filename="report.docx")


def _understate(data: bytes, member: str, *, size: int) -> bytes:
    """Rewrite the declared uncompressed size of ``member`` in its local and central headers."""
    out = bytearray(data)
    # (signature, offset of the uncompressed size, of the name length, of the name)
    headers = ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46))
    for signature, size_at, length_at, name_at in headers:
        start = out.find(signature)
        while start != -1:
            (length,) = struct.unpack_from("<H", out, start + length_at)
            if out[start + name_at : start + name_at + length] == member.encode():
                struct.pack_into("<I", out, start + size_at, size)
            start = out.find(signature, start + 4)
    return bytes(out)


@pytest.mark.parametrize(
    "name", ["../etc/passwd", "articles/a.txt", "C:\\\\temp\\\\a.txt", "..", "a..txt"]
)
def test_an_upload_name_with_path_separators_is_refused(name):
    with pytest.raises(IngestError, match="path separators"):
        read(article("Title", LONG_PARAGRAPH), filename=name)
    with pytest.raises(IngestError, match="path separators"):
        sanitize_filename(name)


def test_a_plain_upload_name_is_accepted():
    assert sanitize_filename(" Café report.txt ") == "Café report.txt"
