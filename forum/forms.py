"""The base form: CSRF from Flask-WTF, WTForms' own messages in French."""

from flask_wtf import FlaskForm
from wtforms.validators import ValidationError


class Form(FlaskForm):
    """Every form of the forum derives from this one."""

    class Meta:
        locales = ("fr_FR", "fr")

    def add_action_error(self, error) -> None:
        """Show an ``ActionError`` under its field, or above the form."""
        field = getattr(self, error.field, None) if error.field else None
        if field is not None:
            field.errors = [*field.errors, error.message]
        else:
            self.form_errors.append(error.message)


def strip_filter(value):
    """Trim surrounding spaces from text inputs."""
    return value.strip() if isinstance(value, str) else value


__all__ = ["Form", "ValidationError", "strip_filter"]
