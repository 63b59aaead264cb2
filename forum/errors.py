"""Error pages in French, and the error actions raise when input breaks a rule."""

from __future__ import annotations

from flask import Flask, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from forum.extensions import db


class ActionError(ValueError):
    """Input that an action refuses, with a French message for the person (and the field)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


MESSAGES = {
    400: ("Requête invalide", "La demande n'a pas pu être traitée. Revenez à la page précédente et réessayez."),
    403: ("Accès refusé", "Vous n'avez pas les droits nécessaires pour accéder à cette page ou faire cette action."),
    404: ("Page introuvable", "Cette page n'existe pas ou n'existe plus. Elle a peut-être été déplacée."),
    405: ("Action impossible", "Cette adresse ne permet pas cette action."),
    409: ("Action faite en même temps",
          "Cette action vient d'être faite au même moment depuis une autre page ou par une autre personne. "
          "Rechargez la page pour voir où elle en est."),
    413: ("Fichier trop volumineux", "Le fichier ou le texte envoyé dépasse la taille autorisée."),
    429: ("Trop de tentatives",
          "Par sécurité, les essais sont limités. Patientez quelques minutes avant de réessayer."),
    500: ("Erreur du serveur",
          "Une erreur inattendue s'est produite. Elle a été enregistrée ; réessayez dans un instant."),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(code: int, detail: str | None = None):
    """The French error page (or JSON) for an HTTP status."""
    title, text = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
    if _wants_json():
        return jsonify(error=title, message=detail or text), code
    return render_template("errors/error.html", code=code, title=title, text=detail or text), code


def _is_unique_violation(error: IntegrityError) -> bool:
    """A UNIQUE constraint refused the row (PostgreSQL's SQLSTATE 23505, SQLite's message)."""
    return getattr(error.orig, "sqlstate", None) == "23505" or "UNIQUE constraint failed" in str(error.orig)


def register_error_handlers(app: Flask) -> None:
    """Attach the French error pages to the app."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(
            400,
            "Le formulaire a expiré ou n'a pas été envoyé depuis ce site. "
            "Revenez en arrière, rechargez la page et réessayez : ce que vous aviez saisi "
            "est peut-être encore dans le formulaire.",
        )

    @app.errorhandler(403)
    def forbidden(error):
        # A visitor is asked to log in first (a script gets the JSON refusal); a member is told they may not.
        if not current_user.is_authenticated and not _wants_json():
            return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
        return render_error(403)

    @app.errorhandler(429)
    def too_many(error):
        return render_error(429)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code and error.code < 400:
            return error
        return render_error(error.code or 500)

    @app.errorhandler(IntegrityError)
    def simultaneous(error: IntegrityError):
        # Two requests raced on a unique row (the same new address signed up twice at once):
        # the action has rolled back; the person is told, nothing half-written remains. Any
        # other integrity error is a bug, and goes to the 500 page with its traceback.
        if not _is_unique_violation(error):
            return unexpected(error)
        db.session.rollback()
        app.logger.warning("unique row raced on %s %s: %s", request.method, request.path, error.orig)
        return render_error(409)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        db.session.rollback()
        app.logger.exception("unexpected error on %s %s", request.method, request.path)
        return render_error(500)
