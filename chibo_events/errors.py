"""Refusals the core can give, each with the HTTP status the contract assigns.

The core raises these; `web/` turns them into the contract's JSON error shape
and the command line into a message and an exit code. Messages are Vietnamese
because the people reading them are.
"""


class ChiboError(Exception):
    """Refuse a request; nothing has been stored."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, details: dict | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or {}
        if code:
            self.code = code
        self.original: ChiboError | None = None  # in a batch: the refusal of the one event, as it was

    def as_json(self) -> dict:
        return {"error": self.code, "message": self.message, "details": self.details}

    def at_index(self, index: int) -> "ChiboError":
        """Return this refusal of the event at `index` of a batch: the same error, naming the event."""
        named = type(self)(f"Mục {index + 1} của lô: {self.message}", {**self.details, "index": index}, self.code)
        named.status = self.status
        named.original = self  # what a form shows beside the line the event came from
        return named


class Malformed(ChiboError):
    status = 400
    code = "malformed"


class Unauthorized(ChiboError):
    status = 401
    code = "unauthorized"


class Forbidden(ChiboError):
    status = 403
    code = "forbidden"


class NotFound(ChiboError):
    status = 404
    code = "not_found"


class Conflict(ChiboError):
    status = 409
    code = "conflict"


class Invalid(ChiboError):
    """The event breaks the catalogue: unknown type, bad field, too long."""

    status = 422
    code = "invalid_event"


class RuleBroken(ChiboError):
    """The event is well formed but breaks a rule of the book."""

    status = 422
    code = "rule_broken"
