"""The learning record store's statements resource, over HTTP (xAPI 1.0.3, basic auth)."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings


class LrsUnreachable(Exception):
    """No answer from the LRS (refused connection, timeout, DNS): try again later."""


@dataclass(frozen=True)
class LrsAnswer:
    status: int
    body: str

    @property
    def accepted(self) -> bool:
        return 200 <= self.status < 300

    @property
    def duplicate(self) -> bool:
        """409: the LRS holds a statement with this id already (ours: ids are ours alone)."""
        return self.status == 409


def lrs_is_configured() -> bool:
    return bool(settings.XAPI_LRS_ENDPOINT)


def statements_url(params: dict | None = None) -> str:
    url = settings.XAPI_LRS_ENDPOINT.rstrip("/") + "/statements"
    return url + ("?" + urllib.parse.urlencode(params) if params else "")


def _request(method: str, url: str, payload) -> LrsAnswer:
    credentials = f"{settings.XAPI_LRS_KEY}:{settings.XAPI_LRS_SECRET}".encode()
    request = urllib.request.Request(  # noqa: S310 (the configured LRS: http or https)
        url,
        data=json.dumps(payload).encode(),
        method=method,
        headers={
            "Authorization": "Basic " + base64.b64encode(credentials).decode("ascii"),
            "Content-Type": "application/json",
            "X-Experience-API-Version": "1.0.3",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.XAPI_LRS_TIMEOUT) as response:  # noqa: S310
            return LrsAnswer(response.status, response.read(2000).decode("utf-8", "replace"))
    except urllib.error.HTTPError as error:
        return LrsAnswer(error.code, error.read(2000).decode("utf-8", "replace"))
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        raise LrsUnreachable(str(getattr(error, "reason", error))) from error


def statements_post(statements: list[dict]) -> LrsAnswer:
    """Several statements in one request: all stored, or none."""
    return _request("POST", statements_url(), statements)


def statement_put(statement: dict) -> LrsAnswer:
    """One statement under its own id (idempotent: the same statement twice is one)."""
    return _request("PUT", statements_url({"statementId": statement["id"]}), statement)
