"""The web UI: server-rendered pages (Jinja2, autoescaped) over `tabayyun.server.services`.

`setup.install(app)` adds the routers at `/`, the static files at `/static` and the security headers
of every page (a Content-Security-Policy without inline scripts). Pages call the same service
verbs as the REST API, so permissions and audit are the API's.
"""
