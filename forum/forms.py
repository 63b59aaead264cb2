"""The base form: CSRF from Flask-WTF, WTForms' own messages in French."""

from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget


class Form(FlaskForm):
    """Every form of the forum derives from this one."""

    class Meta:
        locales = ("fr_FR", "fr")

    def add_action_error(self, error) -> None:
        """Show an ``ActionError`` under its field, or above the form."""
        field = getattr(self, error.field, None) if error.field else None
        if field is not None and field.type != "HiddenField":  # a hidden field cannot show its error
            field.errors = [*field.errors, error.message]
        else:
            self.form_errors.append(error.message)


def strip_filter(value):
    """Trim surrounding spaces from text inputs."""
    return value.strip() if isinstance(value, str) else value


OUTSIDE_LIST = "Choisissez une option dans la liste."


class ChoiceField(SelectField):
    """A select list that answers a forged or stale value with a clear French message."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_choice_message", OUTSIDE_LIST)
        kwargs.setdefault("invalid_value_message", OUTSIDE_LIST)
        super().__init__(*args, **kwargs)


class CheckboxListField(SelectMultipleField):
    """Several choices shown as labelled checkboxes (usable without JavaScript)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_choice_message", OUTSIDE_LIST)
        kwargs.setdefault("invalid_value_message", OUTSIDE_LIST)
        super().__init__(*args, **kwargs)


def choices(pairs, optgroup: str | None = None) -> list[SelectChoice]:
    """Options of a select list from (value, label) pairs."""
    return [SelectChoice(value, label, optgroup=optgroup) for value, label in pairs]


__all__ = ["CheckboxListField", "ChoiceField", "Form", "ValidationError", "choices", "strip_filter"]
