"""Forms of registration, login, password and profile, with French labels."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length

from forum.accounts.models import TIME_ZONES
from forum.accounts.passwords import MAX_LENGTH, MIN_LENGTH
from forum.forms import ChoiceField, Form, choices, strip_filter


def _int_or_none(value):
    """Coerce a submitted id; the empty placeholder option becomes None."""
    return None if value in ("", None) else int(value)


EMAIL_REQUIRED = DataRequired("Indiquez votre adresse e-mail.")
EMAIL_VALID = Email("Cette adresse e-mail n'est pas valide.", check_deliverability=False)
PASSWORD_LENGTH = Length(
    min=MIN_LENGTH, max=MAX_LENGTH,
    message=f"Le mot de passe doit contenir entre {MIN_LENGTH} et {MAX_LENGTH} caractères.",
)


def _password_pair(label: str):
    password = PasswordField(label, validators=[InputRequired("Choisissez un mot de passe."), PASSWORD_LENGTH],
                             description=f"Au moins {MIN_LENGTH} caractères. "
                                         "Une phrase facile à retenir convient bien.")
    confirm = PasswordField("Confirmez le mot de passe", validators=[
        InputRequired("Saisissez le mot de passe une seconde fois."),
        EqualTo("password", "Les deux mots de passe ne sont pas identiques."),
    ])
    return password, confirm


class RegistrationForm(Form):
    email = EmailField("Adresse e-mail professionnelle", filters=[strip_filter],
                       validators=[EMAIL_REQUIRED, EMAIL_VALID, Length(max=254)])
    display_name = StringField("Prénom et nom", filters=[strip_filter],
                               validators=[DataRequired("Indiquez votre prénom et votre nom."),
                                           Length(max=80, message="80 caractères au maximum.")],
                               description="Ils seront visibles des autres membres.")
    job_title = StringField("Fonction", filters=[strip_filter],
                            validators=[DataRequired("Indiquez votre fonction."),
                                        Length(max=120, message="120 caractères au maximum.")],
                            description="Par exemple : correspondant de nuit, coordinatrice, médiateur social.")
    structure_id = ChoiceField("Structure adhérente", coerce=_int_or_none,
                               validators=[InputRequired("Choisissez votre structure dans la liste.")],
                               description="Votre inscription sera validée par le référent de cette structure.")
    password, confirm = _password_pair("Mot de passe")
    accept_charter = BooleanField(
        "J'ai lu la charte d'utilisation et je m'engage à la respecter",
        validators=[DataRequired("Vous devez accepter la charte d'utilisation pour créer un compte.")],
    )

    def __init__(self, *args, structure_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure_id.choices = structure_choices or []


class LoginForm(Form):
    email = EmailField("Adresse e-mail", filters=[strip_filter], validators=[EMAIL_REQUIRED, Length(max=254)])
    password = PasswordField("Mot de passe", validators=[InputRequired("Indiquez votre mot de passe."),
                                                         Length(max=MAX_LENGTH)])
    remember = BooleanField("Se souvenir de moi sur cet appareil",
                            description="Ne cochez pas sur un ordinateur partagé.")


class EmailOnlyForm(Form):
    email = EmailField("Adresse e-mail", filters=[strip_filter],
                       validators=[EMAIL_REQUIRED, EMAIL_VALID, Length(max=254)])


class ResetPasswordForm(Form):
    password, confirm = _password_pair("Nouveau mot de passe")


class ProfileForm(Form):
    display_name = StringField("Prénom et nom", filters=[strip_filter],
                               validators=[DataRequired("Indiquez votre nom."),
                                           Length(max=80, message="80 caractères au maximum.")])
    job_title = StringField("Fonction", filters=[strip_filter],
                            validators=[Length(max=120, message="120 caractères au maximum.")])
    time_zone = ChoiceField("Fuseau horaire", choices=choices(TIME_ZONES),
                            description="Les dates et heures vous sont montrées dans ce fuseau.")


class ChangePasswordForm(Form):
    current_password = PasswordField("Mot de passe actuel",
                                     validators=[InputRequired("Indiquez votre mot de passe actuel.")])
    password, confirm = _password_pair("Nouveau mot de passe")


class RefuseForm(Form):
    reason = TextAreaField("Motif (facultatif, transmis à la personne)", filters=[strip_filter],
                           validators=[Length(max=500, message="500 caractères au maximum.")])
