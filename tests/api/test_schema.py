"""The OpenAPI schema is valid OpenAPI 3, describes every API route, and says how to log in."""

import re

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import validate

from tests.test_urls import ALL_ROUTES


def api_schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_is_valid_openapi():
    validate(api_schema())


def test_the_schema_generates_without_warnings():
    # --fail-on-warn: an endpoint whose types drf-spectacular had to guess fails here.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def _shape(path):
    """A route or a schema path with its parameters blanked: "/api/v1/articles/{}/"."""
    path = re.sub(r"\(\?P<\w+>[^)]*\)|\{\w+\}", "{}", path)
    return "/" + path.replace("^", "").replace("$", "").lstrip("/")


def test_every_v1_route_is_in_the_schema():
    routes = {_shape(route) for route, _name in ALL_ROUTES if route.startswith("api/v1/")}
    assert routes
    assert routes == {_shape(path) for path in api_schema()["paths"]}


def test_every_operation_asks_for_the_bearer_token_or_a_session():
    schema = api_schema()
    assert schema["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "fc_<prefix>_<secret>",
        "description": "A personal API token, made on your account page.",
    }
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            names = {name for requirement in operation["security"] for name in requirement}
            assert "bearerAuth" in names, f"{method} {path}"


@pytest.mark.django_db
def test_the_schema_is_served_to_a_token(api_client, reviewer):
    response = api_client(reviewer, "read").get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Factcheck workbench API"
