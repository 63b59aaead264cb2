"""Forms of the notification settings."""

from __future__ import annotations

from forum.accounts.models import EMAIL_MODE_LABELS
from forum.forms import ChoiceField, Form, choices

HOURS = [(hour, f"{hour} h") for hour in range(24)]


class PreferencesForm(Form):
    email_mode = ChoiceField("Recevoir des e-mails", choices=choices(EMAIL_MODE_LABELS.items()))
    quiet_start = ChoiceField("Pas d'e-mail à partir de", coerce=int, choices=choices(HOURS))
    quiet_end = ChoiceField("jusqu'à", coerce=int, choices=choices(HOURS),
                            description="Choisissez la même heure des deux côtés pour ne pas avoir d'heures de repos.")
    digest_hour = ChoiceField("Heure du récapitulatif quotidien", coerce=int, choices=choices(HOURS))
