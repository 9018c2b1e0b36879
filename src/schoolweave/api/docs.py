"""The API's documentation page, rendered on the server from the OpenAPI schema.

django-ninja's own docs page (Swagger UI) loads its JavaScript and CSS from a CDN unless
"ninja" is an installed app; this page loads nothing from anywhere else, needs no JavaScript,
and looks like the rest of the site. The schema itself is at /api/openapi.json.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

_REF_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Field]
    response: str


@dataclass(frozen=True)
class Component:
    name: str
    fields: list[Field]


class SchemaPage(DocsBase):
    def render_page(self, request: HttpRequest, api: "NinjaAPI", **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        context = {
            "title": schema["info"]["title"],
            "description": schema["info"].get("description", ""),
            "openapi_url": self.get_openapi_url(api, kwargs),
            "operations": operations(schema),
            "components": components(schema),
        }
        return render(request, "api/docs.html", context)


def operations(schema: dict[str, Any]) -> list[Operation]:
    found = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            responses = operation.get("responses", {})
            ok = responses.get(200) or responses.get("200") or {}  # int keys until JSON
            body = ok.get("content", {}).get("application/json", {}).get("schema", {})
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    parameters=[
                        Field(
                            name=p["name"],
                            # An optional parameter left out is null: no need to say so.
                            type=f"{p['in']}: {type_name(p.get('schema', {}))}".removesuffix(
                                "" if p.get("required") else " or null"
                            ),
                            required=bool(p.get("required")),
                            description=p.get("description")
                            or p.get("schema", {}).get("description", ""),
                        )
                        for p in operation.get("parameters", [])
                    ],
                    response=type_name(body),
                )
            )
    return found


def components(schema: dict[str, Any]) -> list[Component]:
    found = []
    for name, component in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(component.get("required", []))
        fields = [
            Field(
                name=field,
                type=type_name(spec),
                required=field in required,
                description=spec.get("description", ""),
            )
            for field, spec in component.get("properties", {}).items()
        ]
        found.append(Component(name=name, fields=fields))
    return found


def type_name(spec: dict[str, Any]) -> str:
    """A JSON schema's type in a few words: "integer", "string or null", "list of School"."""
    if "$ref" in spec:
        return str(spec["$ref"]).removeprefix(_REF_PREFIX)
    if "anyOf" in spec:
        return " or ".join(type_name(option) for option in spec["anyOf"])
    if "allOf" in spec and len(spec["allOf"]) == 1:
        return type_name(spec["allOf"][0])
    if "enum" in spec:
        return "one of " + ", ".join(str(value) for value in spec["enum"])
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {type_name(spec.get('items', {}))}"
    if spec.get("format"):
        return f"{kind} ({spec['format']})"
    return str(kind)
