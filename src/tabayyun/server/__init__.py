"""The cooperation server: a REST API (FastAPI) over accounts, articles, claims and fact-checks.

`create_app(settings)` builds the app; `services` holds the verbs both the API and the web UI
call; `admin` the sysadmin's (the `tabayyun org` and `tabayyun user` commands) and the change of
one's own password; `seed_demo(settings)` fills a fresh database for `tabayyun serve --demo`.
"""

from tabayyun.server.app import create_app
from tabayyun.server.demo import seed_demo

__all__ = ["create_app", "seed_demo"]
