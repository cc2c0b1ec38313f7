"""The one exception every reader raises on bad input."""


class IngestError(ValueError):
    """Bad input for an import: the message is one line, written for the person importing.

    Views and commands show ``str(error)`` as it is, so messages never hold stack details.
    """
