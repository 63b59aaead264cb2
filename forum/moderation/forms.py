"""Forms of the moderation buttons (on the queue and under each post)."""

from __future__ import annotations

from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from forum.forms import ChoiceField, Form, choices, strip_filter
from forum.moderation.models import REPORT_REASON_LABELS, WATCHED_EFFECT_LABELS, WatchedEffect

REASON_NEEDED = "Indiquez le motif : il est conservé dans le journal de modération."
REASON_LENGTH = Length(max=1000, message="1 000 caractères au maximum.")


class ModerationForm(Form):
    """A moderation button: where to go back afterwards (a page of this site only)."""

    next = HiddenField()


class HideForm(ModerationForm):
    reason = TextAreaField("Motif (inscrit au journal)", filters=[strip_filter],
                           validators=[DataRequired(REASON_NEEDED), REASON_LENGTH])


class MaskForm(ModerationForm):
    passage = StringField("Passage exact à masquer", filters=[strip_filter],
                          validators=[DataRequired("Copiez le passage exact à masquer."),
                                      Length(min=2, max=500, message="Entre 2 et 500 caractères.")])
    reason = StringField("Motif (inscrit au journal)", filters=[strip_filter],
                         validators=[DataRequired(REASON_NEEDED), REASON_LENGTH])


class ReportForm(Form):
    """« Signaler »: one of the five reasons (none chosen in advance) and a note."""

    reason = RadioField("Motif du signalement", choices=choices((str(value), label) for value, label in
                                                                REPORT_REASON_LABELS.items()),
                        validators=[DataRequired("Choisissez le motif du signalement.")])
    note = TextAreaField("Précisions (facultatif, obligatoire pour « Autre »)", filters=[strip_filter],
                         validators=[Length(max=1000, message="1 000 caractères au maximum.")])


class CaseReasonForm(ModerationForm):
    """A case action that needs its written reason (« Classer sans suite »)."""

    reason = TextAreaField("Motif (inscrit au journal)", filters=[strip_filter],
                           validators=[DataRequired(REASON_NEEDED), REASON_LENGTH])


class ReleaseForm(ModerationForm):
    note = StringField("Note (facultative, inscrite au journal)", filters=[strip_filter], validators=[REASON_LENGTH])


class WatchedWordForm(Form):
    phrase = StringField("Mot ou expression", filters=[strip_filter],
                         validators=[DataRequired("Écrivez le mot ou l'expression à surveiller."),
                                     Length(max=100, message="100 caractères au maximum.")])
    effect = ChoiceField("Effet", choices=choices(WATCHED_EFFECT_LABELS.items()), default=WatchedEffect.FLAG)
