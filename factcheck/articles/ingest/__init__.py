"""Article ingestion: read text, Markdown, HTML or DOCX into one clean, plain `Reading`.

    from factcheck.articles.ingest import read, IngestError, Reading

    reading = read(data, filename="article.txt", max_bytes=5 * 1024 * 1024)

Pure Python: no models, no requests. Django settings are read only where needed (TIME_ZONE for
naive dates), so commands, views and tests all share this one code path.
"""

from .errors import IngestError
from .pipeline import read
from .reading import Reading
from .sniff import FORMATS, read_limited, sanitize_filename

__all__ = ["FORMATS", "IngestError", "Reading", "read", "read_limited", "sanitize_filename"]
