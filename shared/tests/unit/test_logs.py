import json
import logging

from clusterkit.context import request_id_var
from clusterkit.logs import JsonFormatter


def test_a_log_line_is_one_json_object_with_the_request_id_and_extras() -> None:
    record = logging.LogRecord(
        "clusterkit.test", logging.WARNING, __file__, 1, "relay failed after %d tries", (3,), None
    )
    record.retry_in_s = 0.5
    token = request_id_var.set("req-42")
    try:
        line = JsonFormatter("membership").format(record)
    finally:
        request_id_var.reset(token)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["message"] == "relay failed after 3 tries"
    assert entry["level"] == "WARNING"
    assert entry["service"] == "membership"
    assert entry["request_id"] == "req-42"
    assert entry["retry_in_s"] == 0.5


def test_an_exception_is_kept_inside_the_json_line() -> None:
    try:
        raise ValueError("bad thing")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    entry = json.loads(JsonFormatter("gateway").format(record))
    assert "ValueError: bad thing" in entry["exception"]
    assert "request_id" not in entry
