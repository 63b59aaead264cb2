"""Demo discussions: the six questions of the field, answered by demo members.

Everything goes through the real actions (start_topic, reply, mark_solution,
toggle_reaction, mark_read, set_subscription), so the texts pass the personal-data guard
and notifications, subscriptions and counters are exactly what members would produce.

Idempotent: a topic whose exact title exists is left alone, with its whole script
(replies, reactions, solution, read marks), so running the loader again changes nothing.
Runs after ``load_accounts()``, which creates the structures and every demo account.

All people, structures and places are fictitious. Texts follow the privacy rules: no
names of residents, no addresses, no numbers; situations are generalised.
"""

from __future__ import annotations

from forum.accounts.models import User
from forum.demo.discussion_scripts import QUESTIONS
from forum.discussions.actions import start_topic
from forum.discussions.models import Topic, TopicKind
from forum.extensions import db
from forum.notifications.actions import set_subscription
from forum.notifications.models import SubscriptionLevel
from forum.taxonomy.models import Pole, Theme

# The demo member whose unread state the demo shows (Léa Morvan).
READER = "membre@forum-demo.example"

# Short keys for the people who write in the demo.
PEOPLE = {
    "admin": "admin@forum-demo.example",            # Nadia Berthelot, déléguée nationale
    "moderation": "moderation@forum-demo.example",  # Julien Marchand, déontologie
    "animation": "animation@forum-demo.example",    # Sophie Le Goff, animatrice Bretagne / Pays de la Loire
    "referent": "referent@forum-demo.example",      # Karim Haddad, responsable de service
    "lea": READER,                                  # Léa Morvan, correspondante de nuit
    "ines": "ecole@forum-demo.example",             # Inès Fabre, médiatrice à l'école
    "teddy": "kaz@forum-demo.example",              # Teddy Payet, coordinateur (La Réunion)
    "damien": "nuit.portlambert@forum-demo.example",
    "aurelie": "transports@forum-demo.example",
    "yacine": "pimms@forum-demo.example",
    "claire": "tranquillite@forum-demo.example",
}


# --- loading ---------------------------------------------------------------------------

def _user(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == email))


def load_discussions() -> None:
    """Create the missing demo questions, with their replies, reactions and read state."""
    people = {key: _user(email) for key, email in PEOPLE.items()}
    poles = {pole.slug: pole for pole in db.session.scalars(db.select(Pole))}
    themes = {theme.slug: theme for theme in db.session.scalars(db.select(Theme))}
    existing = set(db.session.scalars(db.select(Topic.title).where(Topic.title.in_([q.title for q in QUESTIONS]))))
    for question in QUESTIONS:
        if question.title in existing:
            continue
        topic = start_topic(people[question.author], pole=poles[question.pole], theme=themes[question.theme],
                            kind=TopicKind.QUESTION, title=question.title, body=question.body)
        question.script(people, topic)
    # Léa follows her own regional pole (idempotent: sets the same level again).
    set_subscription(people["lea"], poles["bretagne"], SubscriptionLevel.FOLLOW)
