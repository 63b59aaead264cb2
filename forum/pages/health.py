"""The checks behind ``/healthz``: does the database answer, is the index folder usable."""

from __future__ import annotations

import os
from pathlib import Path

from flask import current_app
from sqlalchemy import text

from forum.extensions import db


def database_state() -> str:
    """« ok », or « erreur » when the database does not answer (the reason is logged)."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # any driver error means "down"; the reason is logged
        current_app.logger.warning("health check: database down: %s", error)
        db.session.rollback()  # a failed statement leaves the connection aborted (PostgreSQL)
        return "erreur"
    return "ok"


def index_state() -> str:
    """« ok », or what is wrong with the search index folder."""
    folder = Path(current_app.config["FORUM_INDEX_DIR"])
    if not folder.is_dir():
        return "absent"
    if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        return "non accessible en écriture"
    return "ok"
