"""Errors the client raises. Field errors name the field, like the server's 4xx messages."""
from __future__ import annotations


class ParetoStudioError(Exception):
    """The server refused something (a 4xx), or data could not be delivered.

    ``status`` is the HTTP status when the server answered, ``field`` the first
    field the server named (``records[3].objectives``), when it named one.
    """

    def __init__(self, message: str, status: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.field = field


class ServerUnreachable(Exception):
    """The server could not be reached or answered with a retryable status (5xx, 408, 429)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
