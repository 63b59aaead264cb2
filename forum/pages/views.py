"""Home page, site pages and the health check."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from flask_login import current_user

from forum import policy
from forum.discussions.listing import listing
from forum.pages import health
from forum.pages.content import page_content
from forum.taxonomy import queries as taxonomy

bp = Blueprint("pages", __name__)


@bp.route("/")
def home():
    if policy.can(current_user, "access", "members"):
        return listing("discussions/index.html")  # members land on the latest discussions of the network
    return render_template("pages/home.html", poles=taxonomy.poles(), themes=taxonomy.themes())


@bp.route("/charte")
def charter():
    return render_template("pages/site_page.html", page=page_content("charte"))


@bp.route("/urgences")
def emergency():
    return render_template("pages/emergency.html")


@bp.route("/confidentialite")
def privacy_notice():
    return render_template("pages/site_page.html", page=page_content("confidentialite"))


@bp.route("/healthz")
def healthz():
    checks = {"database": health.database_state(), "search_index": health.index_state()}
    healthy = all(state == "ok" for state in checks.values())
    return jsonify(status="ok" if healthy else "erreur", **checks), 200 if healthy else 503
