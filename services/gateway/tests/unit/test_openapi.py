"""The merged OpenAPI document: every service's paths side by side, clashing schemas renamed."""

from gateway.openapi import merge


def test_merge_keeps_every_path_and_renames_clashing_schemas() -> None:
    def document(path: str, schema: dict[str, object]) -> dict[str, object]:
        return {
            "paths": {
                path: {
                    "get": {
                        "responses": {
                            "200": {
                                "content": {
                                    "application/json": {
                                        "schema": {"$ref": "#/components/schemas/Page"}
                                    }
                                }
                            }
                        }
                    }
                }
            },
            "components": {"schemas": {"Page": schema, "Same": {"type": "string"}}},
        }

    merged = merge(
        {
            "a": document("/api/v1/a/x", {"type": "object"}),
            "b": document("/api/v1/b/y", {"type": "array"}),
        },
        title="t",
        version="1",
    )
    assert set(merged["paths"]) == {"/api/v1/a/x", "/api/v1/b/y"}
    assert merged["components"]["schemas"]["Page"] == {"type": "object"}
    assert merged["components"]["schemas"]["b_Page"] == {"type": "array"}
    b_ref = merged["paths"]["/api/v1/b/y"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]["$ref"]
    assert b_ref == "#/components/schemas/b_Page"
    assert "b_Same" not in merged["components"]["schemas"]


def test_merge_renames_a_schema_that_only_clashes_once_what_it_refers_to_is_renamed() -> None:
    """Page[Member] reads the same in two services until their Member differs."""

    def document(path: str, member: dict[str, object]) -> dict[str, object]:
        page = {"type": "array", "items": {"$ref": "#/components/schemas/Member"}}
        ok = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}
        return {
            "paths": {path: {"get": {"responses": {"200": ok}}}},
            "components": {"schemas": {"Page": page, "Member": member}},
        }

    merged = merge(
        {
            "membership": document("/m", {"required": ["contact"]}),
            "supply": document("/s", {"required": ["updated_at"]}),
        },
        title="t",
        version="1",
    )
    schemas = merged["components"]["schemas"]
    assert schemas["Page"]["items"]["$ref"] == "#/components/schemas/Member"
    assert schemas["supply_Page"]["items"]["$ref"] == "#/components/schemas/supply_Member"
    ref = merged["paths"]["/s"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ref["schema"]["$ref"] == "#/components/schemas/supply_Page"
