import uuid
from decimal import Decimal

import orjson
import pytest
from fastapi.exceptions import RequestValidationError

from clusterkit import errors
from clusterkit.pagination import decode_cursor, encode_cursor
from clusterkit.problems import (
    document_problems,
    domain_error_response,
    problem_body,
    status_of,
    validation_errors,
)


def test_cursor_round_trip() -> None:
    key = uuid.uuid4()
    cursor = encode_cursor("Olmaliq", key)
    assert decode_cursor(cursor, str, uuid.UUID) == ["Olmaliq", key]


@pytest.mark.parametrize(
    "cursor", ["%%%", "bm90IGpzb24", encode_cursor("a"), encode_cursor(1, "x")]
)
def test_a_cursor_we_did_not_make_is_a_400_problem(cursor: str) -> None:
    with pytest.raises(errors.InvalidRequest) as caught:
        decode_cursor(cursor, str, uuid.UUID)
    assert status_of(caught.value) == 400


@pytest.mark.parametrize(
    ("values", "types"),
    [
        ((2**63,), (int,)),
        ((1.5e19,), (int,)),
        ((-1.5e19,), (int,)),
        (("1e999999", str(uuid.uuid4())), (Decimal, uuid.UUID)),
        (("NaN", str(uuid.uuid4())), (Decimal, uuid.UUID)),
        (("-Infinity", str(uuid.uuid4())), (Decimal, uuid.UUID)),
        (("not a number", str(uuid.uuid4())), (Decimal, uuid.UUID)),
    ],
)
def test_a_cursor_with_numbers_the_database_cannot_compare_is_a_400_problem(
    values: tuple[object, ...], types: tuple[type, ...]
) -> None:
    # a client can craft any base64 JSON; these used to reach Postgres and answer 500
    with pytest.raises(errors.InvalidRequest) as caught:
        decode_cursor(encode_cursor(*values), *types)
    assert status_of(caught.value) == 400


def test_cursor_numbers_in_range_round_trip() -> None:
    assert decode_cursor(encode_cursor(2**63 - 1), int) == [2**63 - 1]
    key = uuid.uuid4()
    assert decode_cursor(encode_cursor(Decimal("1450000.50"), key), Decimal, uuid.UUID) == [
        Decimal("1450000.50"),
        key,
    ]


def test_every_operation_documents_its_problems_and_fastapis_422_is_replaced() -> None:
    document = {
        "paths": {
            "/things": {
                "get": {"responses": {"200": {}, "422": {"description": "HTTPValidationError"}}}
            },
            "/things/{id}": {"patch": {"responses": {"200": {}, "409": {"description": "own"}}}},
        },
        "components": {"schemas": {"HTTPValidationError": {}, "ValidationError": {}}},
    }
    document_problems(document)
    listing = document["paths"]["/things"]["get"]["responses"]
    assert set(listing) == {"200", "400", "401", "403", "422", "503"}
    assert listing["422"]["content"] == {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
    }
    change = document["paths"]["/things/{id}"]["patch"]["responses"]
    assert {"404", "412", "428"} <= set(change)
    assert change["409"] == {"description": "own"}
    assert set(document["components"]["schemas"]) == {"Problem"}


def test_validation_errors_name_each_field_by_its_path() -> None:
    exc = RequestValidationError(
        [
            {"loc": ("body", "contact", "email"), "msg": "bad email", "type": "string_pattern"},
            {"loc": ("query", "limit"), "msg": "too big", "type": "less_than_equal"},
            {"loc": ("body", 7), "msg": "JSON decode error", "type": "json_invalid"},
        ]
    )
    assert validation_errors(exc) == [
        {"field": "contact.email", "in": "body", "message": "bad email", "type": "string_pattern"},
        {"field": "limit", "in": "query", "message": "too big", "type": "less_than_equal"},
        {
            "field": "body",
            "in": "body",
            "message": "The body is not valid JSON.",
            "type": "json_invalid",
        },
    ]


def test_problem_body_follows_rfc_9457() -> None:
    body = problem_body(404, detail="No such thing.", code="not-found", instance="/x")
    assert body == {
        "type": "https://coppercluster.uz/problems/not-found",
        "title": "Not Found",
        "status": 404,
        "detail": "No such thing.",
        "instance": "/x",
    }


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (errors.InvalidRequest("bad cursor"), 400),
        (errors.Unauthenticated("who?"), 401),
        (errors.Forbidden("not you"), 403),
        (errors.NotFound("application"), 404),
        (errors.Conflict("already approved", code="illegal-transition"), 409),
        (errors.PreconditionFailed('"4"', 4), 412),
        (errors.TooLarge("too big"), 413),
        (errors.Unsupported("not JSON"), 415),
        (errors.InvalidFields(("until", "must be in the future")), 422),
        (errors.PreconditionRequired("send If-Match"), 428),
        (errors.RateLimited("slow down", retry_after=3), 429),
        (errors.UpstreamFailed("supply is down"), 502),
        (errors.Busy("try again"), 503),
        (errors.UpstreamTimedOut("supply is slow"), 504),
    ],
)
def test_each_domain_error_answers_one_status(error: errors.DomainError, status: int) -> None:
    assert status_of(error) == status
    assert domain_error_response(error).status_code == status


def test_a_conflict_names_the_current_state_and_a_stale_version_its_etag() -> None:
    conflict = domain_error_response(
        errors.Conflict(
            "Cannot approve an application that is rejected.",
            code="illegal-transition",
            current_status="rejected",
        ),
        "/api/v1/membership/applications/1/approve",
    )
    body = orjson.loads(conflict.body)
    assert conflict.media_type == "application/problem+json"
    assert body["type"].endswith("/illegal-transition")
    assert body["current_status"] == "rejected"
    stale = domain_error_response(errors.PreconditionFailed('"7"', 7))
    assert stale.headers["etag"] == '"7"'
    assert orjson.loads(stale.body)["current_version"] == 7
    fields = orjson.loads(domain_error_response(errors.InvalidFields(("until", "past"))).body)
    assert fields["errors"] == [
        {"field": "until", "in": "body", "message": "past", "type": "value_error"}
    ]
    challenge = domain_error_response(errors.Unauthenticated("key?", challenge=True))
    assert challenge.headers["www-authenticate"] == "Bearer"
