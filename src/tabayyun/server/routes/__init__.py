"""Thin FastAPI routers: parse the request, call one verb of `tabayyun.server.services`."""

from tabayyun.server.routes import account, articles, claims, factchecks, org

ROUTERS = (account.router, articles.router, claims.router, factchecks.router, org.router)

__all__ = ["ROUTERS"]
