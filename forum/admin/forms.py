"""Administration forms."""

from __future__ import annotations

from wtforms import BooleanField, DateField, IntegerField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, StopValidation

from forum.accounts.models import ROLE_LABELS, STRUCTURE_KIND_LABELS
from forum.forms import CheckboxListField, ChoiceField, Form, choices, strip_filter


class MembershipForm(Form):
    role = ChoiceField("Rôle", choices=choices((role.value, label) for role, label in ROLE_LABELS.items()))
    poles = CheckboxListField("Pôles animés", coerce=int,
                              description="Pour l'animation de pôle (au moins un) et la modération (facultatif).")
    structure_id = ChoiceField("Structure", coerce=int)


class SuspendForm(Form):
    until = DateField("Suspendu jusqu'au (inclus)", validators=[Optional()],
                      description="Laissez vide pour une suspension jusqu'à réactivation.")
    reason = TextAreaField("Motif", filters=[strip_filter],
                           validators=[DataRequired("Indiquez le motif de la suspension."),
                                       Length(max=500, message="500 caractères au maximum.")])


class StructureForm(Form):
    name = StringField("Nom", filters=[strip_filter],
                       validators=[DataRequired("Indiquez le nom de la structure."),
                                   Length(max=160, message="160 caractères au maximum.")])
    kind = ChoiceField("Type", choices=[SelectChoice("", "— Choisissez —")] + choices(
        (kind.value, label) for kind, label in STRUCTURE_KIND_LABELS.items()),
        validators=[DataRequired("Choisissez le type de structure.")])
    pole_id = ChoiceField("Pôle", coerce=lambda value: int(value) if value not in ("", None) else None,
                          validators=[DataRequired("Choisissez le pôle de la structure.")])
    city = StringField("Commune ou territoire", filters=[strip_filter],
                       validators=[Length(max=120, message="120 caractères au maximum.")])
    active = BooleanField("Active", default=True, description="Une structure désactivée n'est plus proposée à "
                                                             "l'inscription ; ses comptes restent ouverts.")


class PositionField(IntegerField):
    """A display order: one clear message whatever is wrong with it."""

    MESSAGE = "Indiquez un nombre entier entre 0 et 100000."

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(self.MESSAGE) from None

    def pre_validate(self, form):
        if not self.process_errors and (self.data is None or not 0 <= self.data <= 100000):
            raise StopValidation(self.MESSAGE)


POSITION = PositionField("Ordre d'affichage", default=100,
                         description="Les plus petits nombres s'affichent en premier.")


class PoleForm(Form):
    name = StringField("Libellé", filters=[strip_filter],
                       validators=[DataRequired("Indiquez un libellé."), Length(max=120)])
    position = POSITION
    insee_codes = StringField("Codes INSEE des régions", filters=[strip_filter],
                              validators=[Length(max=40)], description="Séparés par des virgules, par exemple 53.")
    active = BooleanField("Actif", default=True,
                          description="Un pôle désactivé disparaît de la navigation et des listes de choix.")


class ThemeForm(Form):
    name = StringField("Libellé", filters=[strip_filter],
                       validators=[DataRequired("Indiquez un libellé."), Length(max=120)])
    position = POSITION
    description = StringField("Ce que le thème couvre", filters=[strip_filter], validators=[Length(max=300)])
    restricted = BooleanField("Réservé à l'animation et à l'administration pour ouvrir une discussion")
    active = BooleanField("Actif", default=True,
                          description="Un thème désactivé n'est plus proposé pour les nouvelles discussions.")


class SitePageForm(Form):
    title = StringField("Titre", filters=[strip_filter],
                        validators=[DataRequired("Indiquez un titre."), Length(max=160)])
    body = TextAreaField("Texte (Markdown)", validators=[DataRequired("Le texte ne peut pas être vide."),
                                                         Length(max=50000)])


class ThesaurusForm(Form):
    text = TextAreaField("Vos groupes d'expressions équivalentes", validators=[Length(max=50000)],
                         description="Une ligne par groupe, les expressions séparées par des virgules. "
                                     "Les lignes qui commencent par # sont des commentaires.")
