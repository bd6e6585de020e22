"""HTTP to the run log API with urllib: JSON in, JSON out, Bearer token when
one is set. Refusals (4xx other than 408/429) raise ParetoStudioError with the
server's message, which names the field; everything worth retrying raises
ServerUnreachable. ``post_with_retries`` backs off exponentially and resends the
same body, so a batch keeps its batch id across attempts and the server applies
it at most once.
"""
from __future__ import annotations

import http.client
import json
import random
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from typing import Any, Callable, Dict, Optional

from .errors import ParetoStudioError, ServerUnreachable

USER_AGENT = "pareto-studio-python/0.1.0"
_FIELD = re.compile(r"^([A-Za-z_][\w.\[\]]*): ")


class ServerError(ParetoStudioError):
    """The server kept failing (5xx) on one request; the data stays in the journal for sync."""


class Transport:
    def __init__(self, url: str, token: Optional[str] = None, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self.token = token or None
        self.timeout = timeout

    def request(self, method: str, path: str, body: Any = None) -> Dict[str, Any]:
        data = None if body is None else json.dumps(body, allow_nan=False, separators=(",", ":")).encode("utf-8")
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as res:
                raw = res.read()
                return json.loads(raw) if raw else {}
        except urllib.error.HTTPError as err:
            raw = err.read()
            try:
                message = str(json.loads(raw).get("error", "")) or raw.decode("utf-8", "replace")
            except (ValueError, AttributeError):
                message = raw.decode("utf-8", "replace")[:500]
            if err.code >= 500 or err.code in (408, 429):
                raise ServerUnreachable(f"{method} {path}: HTTP {err.code} {message}", err.code) from None
            m = _FIELD.match(message)
            raise ParetoStudioError(message, status=err.code, field=m.group(1) if m else None) from None
        except (urllib.error.URLError, http.client.HTTPException, ConnectionError, socket.timeout, OSError) as err:
            raise ServerUnreachable(f"{method} {path}: {err}") from None

    def post_with_retries(
        self,
        path: str,
        body: Any,
        give_up: Callable[[], bool],
        wait: Callable[[float], None],
        base_delay: float = 0.25,
        max_delay: float = 10.0,
        on_retry: Optional[Callable[[int, Exception], None]] = None,
        max_server_errors: int = 8,
    ) -> Dict[str, Any]:
        """POSTs until the server answers (2xx or a refusal), or ``give_up()`` says stop.

        Raises ServerUnreachable when giving up, ParetoStudioError on a refusal, and
        ServerError after ``max_server_errors`` 5xx answers in a row (a server that is
        up but fails on this body every time).
        """
        attempt = server_errors = 0
        while True:
            try:
                return self.request("POST", path, body)
            except ServerUnreachable as err:
                attempt += 1
                server_errors = server_errors + 1 if err.status is not None and err.status >= 500 else 0
                if server_errors >= max_server_errors:
                    raise ServerError(f"{err} ({server_errors} times in a row)", err.status) from None
                if give_up():
                    raise
                if on_retry:
                    on_retry(attempt, err)
                delay = min(max_delay, base_delay * (2 ** min(attempt - 1, 16)))
                wait(delay * (0.5 + random.random() / 2))


def sleeper(event: threading.Event) -> Callable[[float], None]:
    """A wait that a flush or finish can cut short by setting ``event``."""
    return lambda seconds: (event.wait(seconds), None)[1]


def deadline_passed(deadline: Optional[float]) -> bool:
    return deadline is not None and time.monotonic() >= deadline
