"""Home page, site pages and the health check."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Blueprint, current_app, jsonify, render_template
from flask_login import current_user
from sqlalchemy import text

from forum import policy
from forum.extensions import db
from forum.pages.content import page_content
from forum.taxonomy.models import Pole, Theme

bp = Blueprint("pages", __name__)


@bp.route("/")
def home():
    if policy.can(current_user, "access", "members"):
        from forum.discussions.views import index

        return index()  # members land on the latest discussions of the network
    poles = db.session.scalars(Pole.ordered()).all()
    themes = db.session.scalars(Theme.ordered()).all()
    return render_template("pages/home.html", poles=poles, themes=themes)


@bp.route("/charte")
def charter():
    return render_template("pages/site_page.html", page=page_content("charte"))


@bp.route("/urgences")
def emergency():
    return render_template("pages/emergency.html")


@bp.route("/confidentialite")
def privacy_notice():
    return render_template("pages/site_page.html", page=page_content("confidentialite"))


def _database_state() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # any driver error means "down"; the reason is logged
        current_app.logger.warning("health check: database down: %s", error)
        return "erreur"
    return "ok"


def _index_state() -> str:
    folder = Path(current_app.config["FORUM_INDEX_DIR"])
    if not folder.is_dir():
        return "absent"
    if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        return "non accessible en écriture"
    return "ok"


@bp.route("/healthz")
def healthz():
    checks = {"database": _database_state(), "search_index": _index_state()}
    healthy = all(state == "ok" for state in checks.values())
    return jsonify(status="ok" if healthy else "erreur", **checks), 200 if healthy else 503
