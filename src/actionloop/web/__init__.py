"""The web pages: server-rendered HTML (Jinja2) on the same FastAPI app and services as the API.

:func:`actionloop.web.setup.install_web` adds them to an app made by
:func:`actionloop.api.app.create_app`. Every page goes through the same access rules as the API
(:mod:`actionloop.app.access`): a case someone may not see is a 404, just as one that does not exist.
"""
