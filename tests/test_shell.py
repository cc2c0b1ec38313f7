"""manage.py shell starts clean: every model imported, no warning about the history models."""

import re
from io import StringIO

from django.core.management import call_command


def run_shell(code, capsys, verbosity=1):
    messages = StringIO()
    call_command("shell", command=code, verbosity=verbosity, stdout=messages)
    return messages.getvalue(), capsys.readouterr().out


def test_the_shell_imports_the_models_without_a_warning(capsys):
    messages, printed = run_shell("print(Claim.__name__, Review.__name__, User.__name__)", capsys)
    assert "could not be automatically imported" not in messages
    assert "imported automatically" in messages
    assert printed == "Claim Review User\n"


def test_the_shell_leaves_out_the_history_models(capsys):
    messages, printed = run_shell("print('HistoricalClaim' in dir())", capsys, verbosity=2)
    assert "Historical" not in messages
    assert re.search(r"from factcheck\.claims\.models import (\w+, )*Claim\b", messages)
    assert printed == "False\n"
