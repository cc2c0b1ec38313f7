"""The reviews app's screens, one module each, named as a user names the screen:

- queue.py: a reviewer's queue;
- workspace.py: the review workspace (a claim in its article, and the review panel);
- desk.py: the editors' dashboard and one claim's desk page (assign, resolve, publish, reopen);
- claim_list.py: the editors' claims list with its filters and bulk moves.
"""
