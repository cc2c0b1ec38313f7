"""The Article admin is defined in factcheck/admin.py: its export actions are the reports app's,
which the articles app may not import."""
