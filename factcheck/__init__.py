"""The factcheck workbench: a Django project whose apps depend one way,

    accounts <- articles <- claims <- reviews <- reports

(a module never imports from an app to its right, and neither do the apps' migrations). The
project package itself sits on top: settings, URLs, the home page, the admin classes that
combine several apps, the `demo` command, and `versioning.py`, the neutral module every write
to a claim or a review goes through.
"""
