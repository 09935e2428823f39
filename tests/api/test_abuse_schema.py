"""schemathesis against the OpenAPI schema of the live server: requests generated from every
operation's parameters and bodies, valid and not, are never answered with a server error, and the
answers conform to what the schema says.

schemathesis's lazy pytest loader (``schemathesis.pytest.from_fixture``) sets a private attribute
pytest 9.2 no longer has, so each operation's cases are drawn with its Hypothesis strategy here.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.core.result import Ok

EXAMPLES = 150  # per operation and generation mode: the whole run stays well under two minutes
# Left out: a request valid by the schema may still be refused by content negotiation (406: the
# service description asked for as CSV), or for its SPARQL (400), which no schema can tell.
EXCLUDED = [positive_data_acceptance]


Operation = schemathesis.APIOperation[Any, Any, Any, Any]


def operations(live_server: str) -> list[Operation]:
    schema = schemathesis.openapi.from_url(f"{live_server}/openapi.json")
    found: list[Operation] = []
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            raise AssertionError(f"an operation of the schema is invalid: {result.err()}")
        found.append(result.ok())
    assert {"GET /sparql", "POST /sparql"} <= {f"{op.method.upper()} {op.path}" for op in found}
    return found


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_abuse_schema_no_server_error(live_server: str, mode: GenerationMode) -> None:
    for operation in operations(live_server):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def check(case: schemathesis.Case[Operation]) -> None:
            case.call_and_validate(base_url=live_server, excluded_checks=EXCLUDED, timeout=30)

        check()
