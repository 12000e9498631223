"""GET /api/v1/openapi.json describes every endpoint, from the very schemas the views parse with."""

import re

import pytest
import schemathesis
from schemathesis.specs.openapi.definitions import OPENAPI_30_VALIDATOR

from chibo_events import catalogue
from chibo_events.web import openapi, params
from chibo_events.web.api_schemas import APPEND_REQUESTS

UNDESCRIBED_METHODS = {"HEAD", "OPTIONS"}


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.json


def api_routes(app) -> set[tuple[str, str]]:
    """Return (OpenAPI path, method) of every Flask route under /api/v1."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(openapi.PREFIX + "/"):
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule.removeprefix(openapi.PREFIX))
            routes |= {(path, method) for method in rule.methods - UNDESCRIBED_METHODS}
    return routes


def described(spec) -> set[tuple[str, str]]:
    return {(path, method.upper()) for path, item in spec["paths"].items() for method in item}


def resolve(spec, ref: str):
    node = spec
    for key in ref.removeprefix("#/").split("/"):
        node = node[key]
    return node


def refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def test_every_api_route_is_described_with_its_methods_and_nothing_else(app, spec):
    assert described(spec) == api_routes(app)


def test_the_description_is_served_without_signing_in_and_is_the_generated_one(client, spec):
    assert spec == openapi.description()
    assert spec["openapi"] == "3.0.3" and spec["servers"] == [{"url": "/api/v1"}]


def test_the_description_is_valid_openapi_3(spec):
    errors = [f"{'/'.join(map(str, e.instance_path))}: {e.message}" for e in OPENAPI_30_VALIDATOR.iter_errors(spec)]
    assert errors == []


def test_every_reference_resolves_and_every_operation_loads_in_schemathesis(spec):
    for ref in refs(spec):
        assert resolve(spec, ref) is not None, ref
    loaded = list(schemathesis.openapi.from_dict(spec).get_all_operations())
    assert len(loaded) == len(described(spec))
    assert all(result.ok() for result in loaded)


def test_path_parameters_are_declared_exactly_as_the_paths_name_them(spec):
    for path, item in spec["paths"].items():
        for operation in item.values():
            declared = {resolve(spec, p["$ref"])["name"] for p in operation.get("parameters", []) if "$ref" in p}
            assert declared == set(re.findall(r"{(\w+)}", path)), path


def test_each_event_type_is_described_by_its_catalogue_schema(spec):
    body = spec["paths"]["/cells/{cell}/events"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    variants = [resolve(spec, one["$ref"]) for one in body["oneOf"]]
    assert sorted(v["properties"]["type"]["enum"][0] for v in variants) == sorted(n for n, _ in catalogue.SCHEMAS)
    assert set(APPEND_REQUESTS) == {n for n, _ in catalogue.SCHEMAS}
    for variant in variants:
        name = variant["properties"]["type"]["enum"][0]
        data = resolve(spec, variant["properties"]["data"]["$ref"])
        fields = catalogue.SCHEMAS[(name, catalogue.SCHEMA_VERSION)].fields
        assert set(data.get("properties", {})) == set(fields), name
        assert set(data.get("required", [])) == {k for k, f in fields.items() if f.required}, name
        assert data["additionalProperties"] is False, name
        assert set(variant["required"]) == {"stream", "type", "data"}


def test_slugs_are_anchored_as_the_catalogue_matches_them(spec):
    member_id = spec["components"]["schemas"]["MemberJoined"]["properties"]["member_id"]
    assert member_id["pattern"] == "^[a-z0-9][a-z0-9-]{0,63}$"


def test_a_new_cell_is_described_as_its_id_and_the_cell_registered_data(spec):
    new_cell = spec["components"]["schemas"]["NewCell"]
    registered = spec["components"]["schemas"]["CellRegistered"]
    assert set(new_cell["properties"]) == set(registered["properties"]) | {"cell_id"}
    assert set(new_cell["required"]) == set(registered["required"]) | {"cell_id"}


@pytest.mark.parametrize("path, schema", [
    ("/cells/{cell}/events", params.EventsQuery),
    ("/cells/{cell}/minutes", params.MinutesQuery),
    ("/cells/{cell}/members", params.MembersQuery),
    ("/cells/{cell}/members/{member_id}", params.MemberRecordQuery),
    ("/cells/{cell}/tasks", params.TasksQuery),
    ("/cells/{cell}/proof/inclusion", params.InclusionQuery),
    ("/cells/{cell}/proof/consistency", params.ConsistencyQuery),
])
def test_query_parameters_are_those_the_view_parses(spec, path, schema):
    parameters = [p for p in spec["paths"][path]["get"]["parameters"] if p.get("in") == "query"]
    expected = {f.data_key or name: f.required for name, f in schema().fields.items()}
    assert {p["name"]: p.get("required", False) for p in parameters} == expected


def test_page_size_is_bounded_in_the_description(spec):
    limit = next(p for p in spec["paths"]["/cells/{cell}/events"]["get"]["parameters"] if p.get("name") == "limit")
    assert limit["schema"]["maximum"] == params.MAX_PAGE == 1000 and limit["schema"]["minimum"] == 1


def test_writes_accept_a_token_or_a_session_with_its_csrf_token(spec):
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearer"] == {**schemes["bearer"], "type": "http", "scheme": "bearer"}
    assert (schemes["csrf"]["in"], schemes["csrf"]["name"]) == ("header", "X-CSRFToken")
    for path, method in [("/cells", "post"), ("/cells/{cell}/events", "post")]:
        assert spec["paths"][path][method]["security"] == [{"bearer": []}, {"session": [], "csrf": []}]
    assert spec["paths"]["/cells/{cell}/events"]["get"]["security"] == [{"bearer": []}, {"session": []}]


def test_every_refusal_is_described_in_the_contracts_error_shape(spec):
    error = spec["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"error", "message", "details"}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    schema = resolve(spec, response["$ref"])["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Error"}, (path, method, status)
            assert "429" in operation["responses"], (path, method)
    assert "Retry-After" in spec["components"]["responses"]["TooManyRequests"]["headers"]


def test_every_list_is_paged_with_a_bound_or_says_it_is_one_cells_whole_list(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            answer = operation["responses"].get("200", {}).get("content", {}).get("application/json", {})
            names = {p.get("name") for p in operation.get("parameters", [])}
            if answer.get("schema", {}).get("type") == "array":
                assert operation["description"] in openapi.WHOLE_LISTS, (path, method)
            if "limit" in names:
                assert str(params.MAX_PAGE) in operation["description"], (path, method)
