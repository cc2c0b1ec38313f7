"""The one-way rule, checked: apps depend accounts <- articles <- claims <- reviews <- reports, in
their Python imports and in their migrations, and the neutral versioning module depends on none."""

import ast
from pathlib import Path

import pytest
from django.db.migrations.loader import MigrationLoader

ORDER = ["accounts", "articles", "claims", "reviews", "reports"]
PACKAGE = Path(__file__).resolve().parent.parent / "factcheck"


def _imported_apps(path):
    """The project apps a module imports (`factcheck.<app>...`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    apps = set()
    for name in names:
        parts = name.split(".")
        if len(parts) > 1 and parts[0] == "factcheck" and parts[1] in ORDER:
            apps.add(parts[1])
    return apps


@pytest.mark.parametrize("app", ORDER)
def test_an_app_imports_no_app_to_its_right(app):
    allowed = set(ORDER[: ORDER.index(app) + 1])
    wrong = {
        str(path.relative_to(PACKAGE)): sorted(_imported_apps(path) - allowed)
        for path in (PACKAGE / app).rglob("*.py")
        if _imported_apps(path) - allowed
    }
    assert wrong == {}


def test_the_versioning_module_imports_no_app():
    assert _imported_apps(PACKAGE / "versioning.py") == set()


def test_the_migration_graph_between_apps_runs_one_way(db):
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    backwards = set()
    for app, name in graph.nodes:
        if app not in ORDER:
            continue
        for parent_app, parent_name in graph.node_map[(app, name)].parents:
            parent = parent_app if parent_app in ORDER else None
            if parent is not None and ORDER.index(parent) > ORDER.index(app):
                backwards.add(f"{app}.{name} -> {parent_app}.{parent_name}")
    assert backwards == set()


def test_admin_classes_are_defined_once_and_never_rebuilt():
    for path in [PACKAGE / "admin.py", *PACKAGE.glob("*/admin.py")]:
        source = path.read_text(encoding="utf-8")
        assert "unregister(" not in source, path
        assert "type(" not in source, path


LOCKING_CALLS = (
    "versioning.lock",
    "_lock(",
    "_locked(",
    "_lock_claim(",
    "_lock_review(",
    "lock_each(",
)


def test_every_public_function_that_locks_rows_runs_in_a_transaction():
    """A row lock outside a transaction fails on PostgreSQL (SQLite ignores it): every domain
    function that locks must be atomic itself, whoever calls it."""
    unguarded = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts or path.name == "versioning.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            source = ast.unparse(node)
            decorators = [ast.unparse(decorator) for decorator in node.decorator_list]
            if any(call in source for call in LOCKING_CALLS) and (
                "transaction.atomic" not in decorators
            ):
                unguarded.append(f"{path.relative_to(PACKAGE)}:{node.name}")
    assert unguarded == []
