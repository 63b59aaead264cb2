"""The permission matrix: every persona × every rule × expected answer, in one table.

A rule added to ``policy.py`` without a line here fails ``test_every_rule_is_in_the_matrix``.
"""

from __future__ import annotations

import pytest

from forum import policy
from forum.accounts.models import Guest, Structure, User
from forum.pages.models import SitePage
from forum.taxonomy.models import Pole, Theme
from tests import factories

PERSONAS = ("guest", "member", "referent", "other_referent", "animator", "moderator", "admin", "suspended")
Y, N = True, False

# action, target, then the answer for each persona in PERSONAS order.
# Targets: "self" is the actor's own account; "pending" waits in the referent's structure;
# "pending_unconfirmed" has not confirmed its address; "colleague" is an active member
# of the referent's structure; "suspended_user" is suspended.
MATRIX = [
    # action            target                 gst mem ref oref anim mod adm susp
    ("access",         "admin",               N,  N,  N,  N,   N,   N,  Y,  N),
    ("access",         "moderation",          N,  N,  N,  N,   N,   Y,  Y,  N),
    ("access",         "pending_accounts",    N,  N,  Y,  Y,   N,   N,  Y,  N),
    ("access",         "members",             N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("view_profile",   "colleague",           N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("view_profile",   "pending",             N,  N,  N,  N,   N,   N,  Y,  N),
    ("view_profile",   "suspended_user",      N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("edit_profile",   "self",                N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("edit_profile",   "colleague",           N,  N,  N,  N,   N,   N,  N,  N),
    ("approve",        "pending",             N,  N,  Y,  N,   N,   N,  Y,  N),
    ("approve",        "pending_unconfirmed", N,  N,  N,  N,   N,   N,  N,  N),
    ("approve",        "colleague",           N,  N,  N,  N,   N,   N,  N,  N),
    ("refuse",         "pending",             N,  N,  Y,  N,   N,   N,  Y,  N),
    ("refuse",         "pending_unconfirmed", N,  N,  Y,  N,   N,   N,  Y,  N),
    ("refuse",         "colleague",           N,  N,  N,  N,   N,   N,  N,  N),
    ("change_role",    "colleague",           N,  N,  N,  N,   N,   N,  Y,  N),
    ("change_role",    "self",                N,  N,  N,  N,   N,   N,  N,  N),
    ("suspend",        "colleague",           N,  N,  N,  N,   N,   N,  Y,  N),
    ("suspend",        "self",                N,  N,  N,  N,   N,   N,  N,  N),
    ("suspend",        "suspended_user",      N,  N,  N,  N,   N,   N,  N,  N),
    ("reactivate",     "suspended_user",      N,  N,  N,  N,   N,   N,  Y,  N),
    ("reactivate",     "colleague",           N,  N,  N,  N,   N,   N,  N,  N),
    ("create",         "User",                Y,  N,  N,  N,   N,   N,  N,  N),
    ("create",         "Structure",           N,  N,  N,  N,   N,   N,  Y,  N),
    ("edit",           "structure",           N,  N,  N,  N,   N,   N,  Y,  N),
    ("create",         "Pole",                N,  N,  N,  N,   N,   N,  Y,  N),
    ("edit",           "pole",                N,  N,  N,  N,   N,   N,  Y,  N),
    ("create",         "Theme",               N,  N,  N,  N,   N,   N,  Y,  N),
    ("edit",           "theme",               N,  N,  N,  N,   N,   N,  Y,  N),
    ("edit",           "SitePage",            N,  N,  N,  N,   N,   N,  Y,  N),
]

CASES = [pytest.param(action, target, dict(zip(PERSONAS, answers)), id=f"{action}-{target}")
         for action, target, *answers in MATRIX]


@pytest.fixture
def world(app):
    """All personas and targets, built once per test through the real actions."""
    home = factories.make_structure("Structure du référent", pole_slug="bretagne")
    away = factories.make_structure("Structure d'ailleurs", pole_slug="occitanie")
    admin = factories.make_user("Admin", structure=away, role="admin")
    people = {
        "guest": Guest(),
        "member": factories.make_user("Membre", structure=home),
        "referent": factories.make_user("Référent", structure=home, role="structure_referent"),
        "other_referent": factories.make_user("Autre référent", structure=away, role="structure_referent"),
        "animator": factories.make_user("Animatrice", structure=home, role="pole_animator", poles=["bretagne"]),
        "moderator": factories.make_user("Modérateur", structure=away, role="moderator"),
        "admin": admin,
        "suspended": factories.make_user("Suspendu", structure=home),
    }
    factories.suspend(admin, people["suspended"])
    suspended_user = factories.make_user("Autre suspendu", structure=home)
    factories.suspend(admin, suspended_user)
    targets = {
        "colleague": factories.make_user("Collègue", structure=home),
        "pending": factories.make_pending_user("En attente", structure=home, confirmed=True),
        "pending_unconfirmed": factories.make_pending_user("Non confirmé", structure=home, confirmed=False),
        "suspended_user": suspended_user,
        "structure": home,
        "pole": factories.pole("bretagne"),
        "theme": factories.theme("transports"),
        "admin": "admin", "moderation": "moderation", "pending_accounts": "pending_accounts", "members": "members",
        "User": User, "Structure": Structure, "Pole": Pole, "Theme": Theme, "SitePage": SitePage,
    }
    return people, targets


@pytest.mark.parametrize("action, target, expected", CASES)
def test_permission_matrix(world, action, target, expected):
    people, targets = world
    actual = {}
    for persona, actor in people.items():
        if target == "self" and persona == "guest":
            actual[persona] = False  # a visitor has no account of their own
            continue
        actual[persona] = policy.can(actor, action, actor if target == "self" else targets[target])
    assert actual == expected


def test_every_rule_is_in_the_matrix():
    kinds = {"colleague": "User", "pending": "User", "pending_unconfirmed": "User", "suspended_user": "User",
             "self": "User", "structure": "Structure", "pole": "Pole", "theme": "Theme"}
    covered = {(action, kinds.get(target, target)) for action, target, *_ in MATRIX}
    assert set(policy.known_rules()) <= covered


def test_unknown_action_fails_closed(app):
    with pytest.raises(policy.UnknownRule):
        policy.can(Guest(), "delete_everything", "site")


def test_system_actor_passes_every_known_rule_but_not_unknown_ones(app):
    assert policy.can(policy.SYSTEM, "access", "admin")
    with pytest.raises(policy.UnknownRule):
        policy.can(policy.SYSTEM, "fly", "admin")
