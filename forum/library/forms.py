"""The sheet form, built from the field table, and the small review forms."""

from __future__ import annotations

from wtforms import BooleanField, FileField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from forum.discussions.forms import REASON
from forum.forms import CheckboxListField, ChoiceField, Form, choices, strip_filter
from forum.library import fields, vocabulary


def _coerce_id(value):
    return None if value in ("", None) else int(value)


class SheetForm(Form):
    """Every field of a sheet; required ones are checked at submission, not while drafting."""

    pole_id = ChoiceField("Pôle régional", coerce=_coerce_id, description="Rempli d'après votre structure.")
    themes = CheckboxListField("Thèmes (1 à 3)")
    registers = CheckboxListField("Registres d'intervention (facultatif)",
                                  choices=choices(vocabulary.REGISTERS.items()))
    territory_kind = ChoiceField("Type de territoire", choices=[SelectChoice("", "— Choisissez —")]
                                 + choices(vocabulary.TERRITORY_KINDS.items()))
    structure_id = ChoiceField("Structure porteuse", coerce=_coerce_id)
    structure_kind = ChoiceField("Type de structure porteuse (facultatif)",
                                 choices=[SelectChoice("", "— D'après la structure —")]
                                 + choices(vocabulary.STRUCTURE_KINDS.items()))
    publics = CheckboxListField("Public visé", choices=choices(vocabulary.PUBLICS.items()),
                                description="Des catégories, pas des personnes.")
    public_detail = StringField("Précision sur le public (facultatif)", filters=[strip_filter],
                                validators=[Optional(), Length(max=300, message="300 caractères au maximum.")])
    periods = CheckboxListField("Créneaux (facultatif)", choices=choices(vocabulary.PERIODS.items()))
    funders = CheckboxListField("Financeurs (facultatif)", choices=choices(vocabulary.FUNDERS.items()))
    contact_consent = BooleanField("La personne nommée dans le contact a donné son accord",
                                   description="À cocher seulement si le contact nomme une personne.")
    visibility = ChoiceField("Visibilité", choices=choices(vocabulary.VISIBILITY.items()), default="members",
                             description="Une fiche publique est lisible sans compte, par exemple par des partenaires.")
    privacy_reason = REASON

    def data_for_action(self) -> dict:
        """The values the library actions take."""
        return {name: field.data for name, field in self._fields.items() if name not in ("csrf_token",)}


for _field in fields.FIELDS:
    _validators = [Optional()]
    if _field.max_length:
        _validators.append(Length(max=_field.max_length, message=f"{_field.max_length} caractères au maximum."))
    else:
        _validators.append(Length(max=20_000, message="20 000 caractères au maximum."))
    _label = _field.label + ("" if _field.required else " (facultatif)")
    _kind = TextAreaField if _field.long or _field.name == "summary" else StringField
    setattr(SheetForm, _field.name, _kind(_label, filters=[strip_filter], validators=_validators,
                                          description=_field.hint))


class CommentForm(Form):
    body = TextAreaField("Commentaire", filters=[strip_filter],
                         validators=[Length(max=5000, message="5 000 caractères au maximum.")])


class AttachmentForm(Form):
    file = FileField("Document ou image (PDF, ODT, DOCX, PNG, JPEG ; 10 Mo au plus)")
    no_personal_data = BooleanField("Ce document ne contient aucune donnée personnelle et ne montre aucune "
                                    "personne reconnaissable")


class PromoteForm(Form):
    posts = CheckboxListField("Messages à reprendre", coerce=int)
