import uuid

import pytest
from fastapi.exceptions import RequestValidationError

from clusterkit.pagination import decode_cursor, encode_cursor
from clusterkit.problems import Problem, problem_body, validation_errors


def test_cursor_round_trip() -> None:
    key = uuid.uuid4()
    cursor = encode_cursor("Olmaliq", key)
    assert decode_cursor(cursor, str, uuid.UUID) == ["Olmaliq", key]


@pytest.mark.parametrize(
    "cursor", ["%%%", "bm90IGpzb24", encode_cursor("a"), encode_cursor(1, "x")]
)
def test_a_cursor_we_did_not_make_is_a_400_problem(cursor: str) -> None:
    with pytest.raises(Problem) as caught:
        decode_cursor(cursor, str, uuid.UUID)
    assert caught.value.status == 400


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
        {"field": "body", "in": "body", "message": "JSON decode error", "type": "json_invalid"},
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
