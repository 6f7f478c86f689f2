"""RFC 9110 conditional requests: If-Match (428 / 412) and If-None-Match (304)."""

import pytest

from clusterkit import errors
from clusterkit.conditional import EntityTags, IfMatch, etag, not_modified


@pytest.mark.parametrize("header", ['"3"', ' "3" ', '"1", "3"', "*", "3"])
def test_an_if_match_naming_the_current_version_passes(header: str) -> None:
    IfMatch(EntityTags.parse(header)).check(3)


@pytest.mark.parametrize("header", ['"2"', '"stale-version"', 'W/"3"', '"1", "2"', '""'])
def test_a_well_formed_if_match_that_does_not_match_is_412_with_the_current_etag(
    header: str,
) -> None:
    with pytest.raises(errors.PreconditionFailed) as caught:
        IfMatch(EntityTags.parse(header)).check(3)
    assert caught.value.current_etag == etag(3) == '"3"'


@pytest.mark.parametrize("header", ["stale", '"3', "W/3", '"a"b"'])
def test_a_malformed_entity_tag_is_an_invalid_request(header: str) -> None:
    with pytest.raises(errors.InvalidRequest):
        EntityTags.parse(header)


def test_if_none_match_with_the_current_version_is_304_weakly_compared() -> None:
    for header in ('"5"', 'W/"5"', "*", '"4", "5"'):
        answer = not_modified(EntityTags.parse(header), 5)
        assert answer is not None
        assert answer.status_code == 304
        assert answer.headers["etag"] == '"5"'
    assert not_modified(EntityTags.parse('"4"'), 5) is None
    assert not_modified(None, 5) is None


def test_an_update_without_if_match_is_told_to_send_one_when_it_is_checked() -> None:
    with pytest.raises(errors.PreconditionRequired):
        IfMatch(None).check(3)
