"""Cursor pagination for every API list: no COUNT(*) over large tables, stable under inserts."""

from rest_framework.pagination import CursorPagination


class NewestFirst(CursorPagination):
    """Newest first by primary key (unique and indexed, so the cursor is stable); `page_size`
    up to 200."""

    ordering = "-pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
