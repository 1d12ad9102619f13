"""Errors of the server and the one table that maps every TabayyunError to an HTTP status.

TabayyunError (tabayyun.errors)
└── ServerError
    ├── AuthenticationError   no or bad credentials (401)
    ├── CsrfError             cookie request without a matching CSRF token (403)
    ├── WrongPasswordError    a signed-in user's current password does not match (403)
    ├── PermissionDenied      the role lacks a permission (403)
    ├── NotFoundError         unknown or invisible object (404): never says which
    ├── ConflictError         a state change that is not allowed now (409)
    ├── RateLimitedError      too many failed sign-ins (429, Retry-After)
    └── UnavailableError      a feature that is not ready (503)
"""

from __future__ import annotations

from tabayyun.errors import (
    BlockedAddressError,
    ConfigError,
    Duplicate,
    FetchError,
    InputError,
    InputTooLargeError,
    Skip,
    StoreError,
    TabayyunError,
)


class ServerError(TabayyunError):
    """Base of the errors raised by the cooperation server."""


class AuthenticationError(ServerError):
    """No credentials, or credentials that do not match an active account."""


class CsrfError(ServerError):
    """A cookie-authenticated write without the session's CSRF token."""


class WrongPasswordError(ServerError):
    """A signed-in user confirmed a change with a password that is not theirs."""


class PermissionDenied(ServerError):
    """The user's role does not grant the permission."""

    def __init__(self, permission: str, role: str) -> None:
        super().__init__(
            "your role %(role)s lacks the permission %(permission)s; "
            "ask an admin of your organisation for a role that has it",
            role=repr(role),
            permission=repr(permission),
        )
        self.permission = permission


class NotFoundError(ServerError):
    """The object does not exist or is not visible to the caller's organisation."""


class ConflictError(ServerError):
    """The request conflicts with the object's current state."""


class RateLimitedError(ServerError):
    """Too many attempts; `retry_after` says how many seconds to wait."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class UnavailableError(ServerError):
    """A feature this server does not offer yet."""


# (status, code) per error class; the most specific class in an error's MRO wins.
STATUS: dict[type[TabayyunError], tuple[int, str]] = {
    TabayyunError: (500, "internal_error"),
    ConfigError: (500, "config_error"),
    StoreError: (500, "store_error"),
    InputError: (400, "invalid_input"),
    InputTooLargeError: (413, "input_too_large"),
    FetchError: (502, "fetch_failed"),
    BlockedAddressError: (400, "blocked_address"),
    Skip: (422, "skipped"),
    Duplicate: (409, "duplicate"),
    AuthenticationError: (401, "unauthenticated"),
    CsrfError: (403, "csrf_failed"),
    WrongPasswordError: (403, "wrong_password"),
    PermissionDenied: (403, "forbidden"),
    NotFoundError: (404, "not_found"),
    ConflictError: (409, "conflict"),
    RateLimitedError: (429, "rate_limited"),
    UnavailableError: (503, "unavailable"),
}


def status_for(error: TabayyunError) -> tuple[int, str]:
    """The HTTP status and error code for `error`."""
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return STATUS[TabayyunError]
