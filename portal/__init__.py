"""Wegwijzer Inburgering: the Flask application factory.

create_app() only wires config, extensions and blueprints; it reads nothing else at import time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Create the portal application; `config` overrides the defaults (tests pass one in)."""
    # PORTAL_INSTANCE_PATH moves the instance folder (secret key, database), e.g. for tests.
    app = Flask(
        __name__,
        instance_path=os.environ.get("PORTAL_INSTANCE_PATH") or str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=None,  # portal/assets.py serves /static/ itself
    )
    from portal import config as config_module

    config_module.init_app(app, config)
    if app.config["TRUSTED_PROXIES"]:
        # Behind a proxy every client has the proxy's address: the failed-attempt throttles
        # (desk login, resume codes) need the real client address from X-Forwarded-For. Only
        # a request that comes from the proxy's own address may say so (issue 14).
        from portal import proxy

        app.wsgi_app = proxy.TrustedProxy(  # type: ignore[method-assign]
            app.wsgi_app, app.config["TRUSTED_PROXIES"], app.config["PROXY_ADDRESSES"]
        )

    from portal import assets, chrome, compress, errors, i18n, security, store
    from portal.translation import notice as translation_notice

    # Flask runs after_request hooks last-registered first: registered first, gzip runs last.
    compress.init_app(app)
    store.init_app(app)
    assets.init_app(app)
    i18n.init_app(app)
    chrome.init_app(app)
    translation_notice.init_app(app)
    security.init_app(app)
    errors.init_app(app)

    from portal import cli
    from portal.web import api, check, desk, public, result, status

    app.register_blueprint(status.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(public.bp)
    app.register_blueprint(check.bp)
    app.register_blueprint(desk.bp)
    app.register_blueprint(result.bp)
    app.add_url_rule("/", "root", public.redirect_to_language)
    cli.init_app(app)
    return app
