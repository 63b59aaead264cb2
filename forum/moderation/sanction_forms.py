"""Forms of statements, contests, measures about a member, and the journal's filters."""

from __future__ import annotations

from wtforms import BooleanField, DateField, HiddenField, RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from forum.forms import ChoiceField, Form, choices, strip_filter
from forum.moderation.sanctions import SUSPENSION_DAYS

REASON_NEEDED = "Indiquez le motif : il est transmis au membre et conservé dans le journal."
REASON_LENGTH = Length(max=1000, message="1 000 caractères au maximum.")


OUTCOMES = [("confirmee", "Confirmer la décision"), ("annulee", "Annuler la décision (ce qui peut l'être est rétabli)")]
DURATIONS = [("", "— Ou choisissez une date —")] + [(str(days), f"{days} jour{'s' if days > 1 else ''}")
                                                     for days in SUSPENSION_DAYS]


class ContestForm(Form):
    text = TextAreaField("Pourquoi contestez-vous cette décision ?", filters=[strip_filter],
                         description="Quelques lignes suffisent (1 000 caractères au plus). Un autre membre de "
                                     "l'équipe de modération examinera votre demande.",
                         validators=[DataRequired("Expliquez en quelques mots pourquoi vous contestez cette décision."),
                                     Length(max=1000, message="1 000 caractères au maximum.")])


class DecideForm(Form):
    outcome = RadioField("Décision", choices=choices(OUTCOMES),
                         validators=[DataRequired("Choisissez : confirmer ou annuler la décision.")])
    note = TextAreaField("Réponse au membre (inscrite au journal)", filters=[strip_filter],
                         validators=[DataRequired(REASON_NEEDED), REASON_LENGTH])
    next = HiddenField()


class MeasureForm(Form):
    """A measure about a member: its reason, and where to go back afterwards."""

    reason = TextAreaField("Motif (transmis au membre et inscrit au journal)", filters=[strip_filter],
                           validators=[DataRequired(REASON_NEEDED), REASON_LENGTH])
    case_id = HiddenField()
    next = HiddenField()


class RequestEditForm(MeasureForm):
    hide = BooleanField("Masquer le message jusqu'à sa modification")


def _days(value):
    return int(value) if value not in ("", None) else None


class SuspendForm(MeasureForm):
    days = ChoiceField("Durée", coerce=_days,
                       choices=choices(DURATIONS),
                       validators=[Optional()])
    until = DateField("Jusqu'au (inclus)", validators=[Optional()],
                      description="90 jours au plus pour la modération.")
    permanent = BooleanField("Sans date de fin (jusqu'à réactivation par l'administration)")
