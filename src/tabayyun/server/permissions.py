"""Roles and what each may do: the one permission table, checked by every service verb."""

from __future__ import annotations

from typing import Final, Literal

from tabayyun.server.errors import PermissionDenied

Role = Literal["admin", "editor", "reviewer", "viewer"]
ROLES: Final[tuple[Role, ...]] = ("admin", "editor", "reviewer", "viewer")

PERMISSIONS: Final[tuple[str, ...]] = (
    "articles.read",  # list, search, read and analyse articles (analysis stores nothing)
    "articles.write",  # ingest articles, which fills the organisation's claim queue
    "claims.read",
    "claims.review",  # take a claim, comment, mark it fact-checked or dismissed
    "claims.assign",  # assign a claim to someone else
    "factchecks.read",
    "factchecks.write",  # create, edit and import the organisation's fact-checks
    "factchecks.publish",  # make a fact-check public
    "org.manage",  # members, roles, partners, publisher trust
    "audit.read",
    "keys.manage",  # one's own API keys
)

_VIEWER = frozenset({"articles.read", "claims.read", "factchecks.read", "keys.manage"})
_REVIEWER = _VIEWER | {"claims.review", "factchecks.write"}
_EDITOR = _REVIEWER | {"articles.write", "claims.assign", "factchecks.publish"}
ROLE_PERMISSIONS: Final[dict[Role, frozenset[str]]] = {
    "viewer": _VIEWER,
    "reviewer": _REVIEWER,
    "editor": _EDITOR,
    "admin": frozenset(PERMISSIONS),
}


def has_permission(role: str, permission: str) -> bool:
    """Whether `role` grants `permission`; unknown roles grant nothing."""
    return permission in ROLE_PERMISSIONS.get(role, frozenset())  # type: ignore[call-overload]


def require(role: str, permission: str) -> None:
    """Raise PermissionDenied unless `role` grants `permission`."""
    if permission not in PERMISSIONS:  # a typo in a verb must fail loudly, not deny quietly
        raise ValueError(f"unknown permission {permission!r}")
    if not has_permission(role, permission):
        raise PermissionDenied(permission, role)
