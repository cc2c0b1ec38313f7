"""Articles: the Article model, reading and cleaning what is imported (ingest/), the guarded
URL fetcher, and storing an article once (importing.py).

May import: accounts.
"""
