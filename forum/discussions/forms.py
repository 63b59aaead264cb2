"""Forms of the discussions, with French labels."""

from __future__ import annotations

from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from forum.discussions.actions import BODY_MAX, TITLE_MAX
from forum.discussions.models import TOPIC_KIND_LABELS
from forum.forms import OUTSIDE_LIST, ChoiceField, Form, choices, strip_filter

BODY_HELP = ("Mise en forme simple : **gras**, *italique*, - pour une liste, > pour citer. "
             "Mentionnez un membre avec @Prénom Nom pour le prévenir.")
REASON = StringField(
    "Pourquoi publier quand même ?", filters=[strip_filter],
    validators=[Optional(), Length(max=300, message="300 caractères au maximum.")],
    description="Par exemple : « nom d'une institution, pas d'une personne » ou « adresse de la mairie ». "
                "Votre explication est transmise à la modération.",
)


def _body_field(label: str):
    return TextAreaField(label, validators=[DataRequired("Le message ne peut pas être vide."),
                                            Length(max=BODY_MAX, message=f"{BODY_MAX} caractères au maximum.")],
                         description=BODY_HELP)


class TopicForm(Form):
    pole_id = ChoiceField("Pôle", coerce=int)
    theme_id = ChoiceField("Thème", coerce=int)
    kind = RadioField("Type", choices=choices(
        (kind.value, label) for kind, label in TOPIC_KIND_LABELS.items()), default="question",
        invalid_choice_message=OUTSIDE_LIST, invalid_value_message=OUTSIDE_LIST,
        validators=[DataRequired("Choisissez « Discussion » ou « Question ».")])
    title = StringField("Titre", filters=[strip_filter],
                        validators=[DataRequired("Donnez un titre à votre message."),
                                    Length(min=5, max=TITLE_MAX, message=f"Entre 5 et {TITLE_MAX} caractères.")],
                        description="Décrivez la situation ou la question, sans nom de personne ni de lieu précis.")
    body = _body_field("Votre message")
    privacy_reason = REASON


class ReplyForm(Form):
    body = _body_field("Votre réponse")
    reply_to = HiddenField()
    privacy_reason = REASON


class EditPostForm(Form):
    title = StringField("Titre de la discussion", filters=[strip_filter],
                        validators=[Optional(), Length(min=5, max=TITLE_MAX,
                                                       message=f"Entre 5 et {TITLE_MAX} caractères.")])
    body = _body_field("Message")
    privacy_reason = REASON


REASON_LENGTH = Length(max=1000, message="1 000 caractères au maximum.")
REASON_NEEDED = "Indiquez le motif : il est conservé dans le journal et transmis aux auteurs."


def _reason_field(label: str = "Motif (inscrit au journal, transmis aux auteurs)", *, required: bool = True):
    return TextAreaField(label, filters=[strip_filter],
                         validators=[DataRequired(REASON_NEEDED) if required else Optional(), REASON_LENGTH])


class TopicToolForm(Form):
    """Pin or lock: the reason is asked when closing, optional otherwise (the action checks)."""

    reason = _reason_field("Motif (inscrit au journal)", required=False)


class MoveTopicForm(Form):
    pole_id = ChoiceField("Pôle", coerce=int)
    theme_id = ChoiceField("Thème", coerce=int)
    reason = _reason_field("Motif (inscrit au journal, transmis à l'auteur)")


class SplitTopicForm(Form):
    title = StringField("Titre de la nouvelle discussion", filters=[strip_filter],
                        validators=[DataRequired("Donnez un titre à la nouvelle discussion."),
                                    Length(min=5, max=TITLE_MAX, message=f"Entre 5 et {TITLE_MAX} caractères.")])
    pole_id = ChoiceField("Pôle", coerce=int)
    theme_id = ChoiceField("Thème", coerce=int)
    reason = _reason_field()


class MergeTopicForm(Form):
    into = StringField("Discussion qui reçoit les messages", filters=[strip_filter],
                       validators=[DataRequired("Indiquez le numéro ou l'adresse de la discussion qui reçoit les "
                                                "messages."), Length(max=300, message="300 caractères au maximum.")],
                       description="Son numéro (par exemple 42) ou son adresse (…/discussions/42).")
    reason = _reason_field()
