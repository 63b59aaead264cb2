"""French demo content (fictitious structures, places and people), loaded idempotently.

Everything goes through the real actions, so the demo obeys the same rules as users.
"""

from __future__ import annotations

from forum.accounts.models import ROLE_LABELS
from forum.demo.accounts import ACCOUNTS, DEMO_PASSWORD, PENDING, load_accounts
from forum.demo.discussions import load_discussions
from forum.demo.library import load_library
from forum.demo.moderation import load_moderation


def load_demo() -> None:
    """Load whatever part of the demo is missing."""
    load_accounts()
    load_discussions()
    load_library()
    load_moderation()


def accounts_report() -> str:
    """The demo accounts, to print for the person who starts the site."""
    rows = [(email, ROLE_LABELS[role], name) for email, name, _job, _structure, role, _poles, _zone in ACCOUNTS]
    rows += [(email, "Inscription en attente", name) for email, name, *_rest in PENDING]
    width = max(len(email) for email, _role, _name in rows)
    lines = [f"Comptes de démonstration (mot de passe commun : {DEMO_PASSWORD}) :"]
    lines += [f"  {email.ljust(width)}  {role} — {name}" for email, role, name in rows]
    return "\n".join(lines)
