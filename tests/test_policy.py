"""The permission matrix: every persona × every rule × expected answer, in one table.

A rule added to ``policy.py`` without a line here fails ``test_every_rule_is_in_the_matrix``.
"""

from __future__ import annotations

import pytest

from forum import policy
from forum.accounts.models import Guest, Structure, User
from forum.moderation.models import WatchedWord
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
    ("access",         "moderation",          N,  N,  N,  N,   Y,   Y,  Y,  N),
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
    ("suspend",        "colleague",           N,  N,  N,  N,   N,   Y,  Y,  N),
    ("suspend",        "other_moderator",     N,  N,  N,  N,   N,   N,  Y,  N),
    ("suspend_permanently", "colleague",      N,  N,  N,  N,   N,   N,  Y,  N),
    ("suspend_permanently", "self",           N,  N,  N,  N,   N,   N,  N,  N),
    ("suspend_permanently", "suspended_user", N,  N,  N,  N,   N,   N,  N,  N),
    ("warn",           "colleague",           N,  N,  N,  N,   N,   Y,  Y,  N),
    ("warn",           "self",                N,  N,  N,  N,   N,   N,  N,  N),
    ("warn",           "suspended_user",      N,  N,  N,  N,   N,   N,  N,  N),
    ("view_history",   "colleague",           N,  N,  N,  N,   N,   Y,  Y,  N),
    ("suspend",        "self",                N,  N,  N,  N,   N,   N,  N,  N),
    ("suspend",        "suspended_user",      N,  N,  N,  N,   N,   N,  N,  N),
    ("reactivate",     "suspended_user",      N,  N,  N,  N,   N,   Y,  Y,  N),
    ("reactivate",     "suspended_for_good",  N,  N,  N,  N,   N,   N,  Y,  N),
    ("reactivate",     "colleague",           N,  N,  N,  N,   N,   N,  N,  N),
    ("create",         "User",                Y,  N,  N,  N,   N,   N,  N,  N),
    ("create",         "Structure",           N,  N,  N,  N,   N,   N,  Y,  N),
    ("edit",           "structure",           N,  N,  N,  N,   N,   N,  Y,  N),
    ("create",         "Pole",                N,  N,  N,  N,   N,   N,  Y,  N),
    ("edit",           "pole",                N,  N,  N,  N,   N,   N,  Y,  N),
    ("create",         "Theme",               N,  N,  N,  N,   N,   N,  Y,  N),
    ("edit",           "theme",               N,  N,  N,  N,   N,   N,  Y,  N),
    ("edit",           "SitePage",            N,  N,  N,  N,   N,   N,  Y,  N),
    ("edit",           "Thesaurus",           N,  N,  N,  N,   N,   N,  Y,  N),
    # discussions: "member_*" are written by the member persona; "colleague_*" by someone else;
    # topics are in Bretagne (the animator's pole) unless "other_pole".
    ("start_topic",    "placement",           N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("start_topic",    "restricted_bretagne", N,  N,  N,  N,   Y,   N,  Y,  N),
    ("start_topic",    "restricted_occitanie", N, N,  N,  N,   N,   N,  Y,  N),
    ("choose",         "theme",               N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("choose",         "restricted_theme",    N,  N,  N,  N,   Y,   N,  Y,  N),
    ("view",           "member_topic",        N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("view",           "hidden_topic",        N,  N,  N,  N,   N,   Y,  Y,  N),
    ("reply",          "member_topic",        N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("reply",          "locked_topic",        N,  N,  N,  N,   Y,   Y,  Y,  N),
    ("reply",          "hidden_topic",        N,  N,  N,  N,   N,   N,  N,  N),
    ("pin",            "member_topic",        N,  N,  N,  N,   Y,   Y,  Y,  N),
    ("pin",            "other_pole_topic",    N,  N,  N,  N,   N,   Y,  Y,  N),
    ("lock",           "member_topic",        N,  N,  N,  N,   Y,   Y,  Y,  N),
    ("move",           "other_pole_topic",    N,  N,  N,  N,   N,   Y,  Y,  N),
    ("split",          "member_topic",        N,  N,  N,  N,   Y,   Y,  Y,  N),
    ("split",          "other_pole_topic",    N,  N,  N,  N,   N,   Y,  Y,  N),
    ("split",          "hidden_topic",        N,  N,  N,  N,   N,   Y,  Y,  N),
    ("split",          "merged_topic",        N,  N,  N,  N,   N,   N,  N,  N),
    ("merge",          "member_topic",        N,  N,  N,  N,   Y,   Y,  Y,  N),
    ("merge",          "other_pole_topic",    N,  N,  N,  N,   N,   Y,  Y,  N),
    ("merge",          "merged_topic",        N,  N,  N,  N,   N,   N,  N,  N),
    # where a moved or split topic may land: a pole the actor animates too
    ("move_into",      "placement",           N,  N,  N,  N,   Y,   Y,  Y,  N),
    ("move_into",      "occitanie_placement", N,  N,  N,  N,   N,   Y,  Y,  N),
    ("move_into",      "restricted_bretagne", N,  N,  N,  N,   Y,   N,  Y,  N),
    ("follow",         "member_topic",        N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("follow",         "hidden_topic",        N,  N,  N,  N,   N,   Y,  Y,  N),
    ("follow",         "pole",                N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("follow",         "theme",               N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("view",           "colleague_reply",     N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("view",           "deleted_post",        N,  N,  N,  N,   N,   N,  N,  N),
    ("reply_to",       "colleague_reply",     N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("reply_to",       "deleted_post",        N,  N,  N,  N,   N,   N,  N,  N),
    ("edit",           "member_reply",        N,  Y,  N,  N,   N,   N,  N,  N),
    ("edit",           "colleague_reply",     N,  N,  N,  N,   N,   N,  N,  N),
    ("edit",           "deleted_post",        N,  N,  N,  N,   N,   N,  N,  N),
    ("edit",           "locked_member_post",  N,  N,  N,  N,   N,   N,  N,  N),
    ("delete",         "member_reply",        N,  Y,  N,  N,   N,   N,  N,  N),
    ("delete",         "first_post_answered", N,  N,  N,  N,   N,   N,  N,  N),
    ("delete",         "first_post_unanswered", N, Y, N,  N,   N,   N,  N,  N),
    ("view_history",   "member_reply",        N,  Y,  N,  N,   N,   Y,  Y,  N),
    ("mark_solution",  "colleague_reply",     N,  Y,  N,  N,   Y,   Y,  Y,  N),
    ("mark_solution",  "other_pole_reply",    N,  N,  N,  N,   N,   Y,  Y,  N),
    ("mark_solution",  "first_post_answered", N,  N,  N,  N,   N,   N,  N,  N),
    ("mark_solution",  "discussion_reply",    N,  N,  N,  N,   N,   N,  N,  N),
    ("react",          "colleague_reply",     N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("notify",         "colleague_reply",     N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("notify",         "deleted_post",        N,  N,  N,  N,   N,   N,  N,  N),
    ("notify",         "member_topic",        N,  Y,  Y,  Y,   Y,   Y,  Y,  N),
    ("notify",         "hidden_topic",        N,  N,  N,  N,   N,   N,  N,  N),
    ("react",          "member_reply",        N,  N,  Y,  Y,   Y,   Y,  Y,  N),
    ("review_privacy", "member_reply",        N,  N,  N,  N,   N,   Y,  Y,  N),
    ("hide",           "member_reply",        N,  N,  N,  N,   N,   Y,  Y,  N),
    ("mask",           "member_reply",        N,  N,  N,  N,   N,   Y,  Y,  N),
    ("mask",           "deleted_post",        N,  N,  N,  N,   N,   N,  N,  N),
    ("hide",           "deleted_post",        N,  N,  N,  N,   N,   N,  N,  N),
    ("unhide",         "member_reply",        N,  N,  N,  N,   N,   N,  N,  N),
    ("request_edit",   "colleague_reply",     N,  N,  N,  N,   Y,   Y,  Y,  N),
    ("request_edit",   "member_reply",        N,  N,  N,  N,   Y,   Y,  Y,  N),
    ("request_edit",   "other_pole_reply",    N,  N,  N,  N,   N,   Y,  Y,  N),
    ("request_edit",   "deleted_post",        N,  N,  N,  N,   N,   N,  N,  N),
    ("request_edit",   "edit_requested_post", N,  N,  N,  N,   N,   N,  N,  N),
    # moderation: statements are the member persona's, decided by the moderator persona.
    ("access",         "journal",             N,  N,  N,  N,   N,   Y,  Y,  N),
    ("export",         "journal",             N,  N,  N,  N,   N,   Y,  Y,  N),
    ("view",           "member_statement",    N,  Y,  N,  N,   N,   Y,  Y,  N),
    ("contest",        "member_statement",    N,  Y,  N,  N,   N,   N,  N,  N),
    ("contest",        "contested_statement", N,  N,  N,  N,   N,   N,  N,  N),
    ("contest",        "final_statement",     N,  N,  N,  N,   N,   N,  N,  N),
    ("decide",         "pending_contest",     N,  N,  N,  N,   N,   N,  Y,  N),
    ("decide",         "decided_contest",     N,  N,  N,  N,   N,   N,  N,  N),
    # a whole discussion, from its case page (through its first post)
    ("hide",           "member_topic",        N,  N,  N,  N,   N,   Y,  Y,  N),
    ("hide",           "hidden_topic",        N,  N,  N,  N,   N,   N,  N,  N),
    ("unhide",         "hidden_topic",        N,  N,  N,  N,   N,   Y,  Y,  N),
    ("unhide",         "member_topic",        N,  N,  N,  N,   N,   N,  N,  N),
    ("mask",           "member_topic",        N,  N,  N,  N,   N,   Y,  Y,  N),
    ("mask",           "hidden_topic",        N,  N,  N,  N,   N,   Y,  Y,  N),
    # held for a check ("held_reply": the member's reply over a personal-data warning; "held_topic":
    # a colleague's topic): its author and moderators read it, nobody is told, moderators publish it.
    ("view",           "held_reply",          N,  Y,  N,  N,   N,   Y,  Y,  N),
    ("edit",           "held_reply",          N,  Y,  N,  N,   N,   N,  N,  N),
    ("reply_to",       "held_reply",          N,  N,  N,  N,   N,   N,  N,  N),
    ("notify",         "held_reply",          N,  N,  N,  N,   N,   N,  N,  N),
    ("release",        "held_reply",          N,  N,  N,  N,   N,   Y,  Y,  N),
    ("release",        "member_reply",        N,  N,  N,  N,   N,   N,  N,  N),
    ("view",           "held_topic",          N,  N,  N,  N,   N,   Y,  Y,  N),
    ("reply",          "held_topic",          N,  N,  N,  N,   N,   N,  N,  N),
    ("manage",         "WatchedWord",         N,  N,  N,  N,   N,   N,  Y,  N),
]



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
    for_good = factories.make_user("Suspendu sans fin", structure=home)
    factories.suspend(admin, for_good, days=None)
    targets = {
        **_discussion_targets(people, home, away),
        "colleague": factories.make_user("Collègue", structure=home),
        "pending": factories.make_pending_user("En attente", structure=home, confirmed=True),
        "pending_unconfirmed": factories.make_pending_user("Non confirmé", structure=home, confirmed=False),
        "suspended_user": suspended_user,
        "suspended_for_good": for_good,
        "other_moderator": factories.make_user("Autre modérateur", structure=home, role="moderator"),
        **_statement_targets(people),
        "structure": home,
        "pole": factories.pole("bretagne"),
        "theme": factories.theme("transports"),
        "restricted_theme": factories.theme("vie-du-reseau"),
        "admin": "admin", "moderation": "moderation", "journal": "journal", "pending_accounts": "pending_accounts", "members": "members",
        "User": User, "Structure": Structure, "Pole": Pole, "Theme": Theme, "SitePage": SitePage, "Thesaurus": "Thesaurus",
        "WatchedWord": WatchedWord,
    }
    return people, targets


def _statement_targets(people) -> dict:
    from forum.moderation import sanctions, statements

    member, moderator = people["member"], people["moderator"]
    warned = sanctions.warn(moderator, member, "Propos déplacés")
    contested = sanctions.warn(moderator, member, "Hors sujet répété")
    pending = statements.contest(member, contested, "Je ne comprends pas cette décision.")
    decided = statements.contest(member, sanctions.warn(moderator, member, "Publicité"), "C'était une info utile.")
    final = statements.decide_contest(people["admin"], decided, "confirmee", "La règle est claire.")
    return {"member_statement": warned, "contested_statement": contested, "pending_contest": pending,
            "decided_contest": decided, "final_statement": final}


def _discussion_targets(people, home, away) -> dict:
    from forum.discussions import actions
    from forum.discussions.models import Placement
    from forum.moderation import actions as moderation
    from forum.moderation import sanctions, topics

    member = people["member"]
    colleague = factories.make_user("Collègue de discussion", structure=home)
    other = factories.make_user("Autre collègue", structure=away)
    member_topic = factories.make_topic(member, "Question du membre sur la nuit")
    colleague_reply = factories.make_reply(colleague, member_topic)
    member_reply = factories.make_reply(member, member_topic, "Merci, je vais essayer.")
    deleted_post = factories.make_reply(member, member_topic, "Je retire ce message.")
    actions.delete_post(member, deleted_post)
    unanswered = factories.make_topic(member, "Une question restée sans réponse")
    other_pole_topic = factories.make_topic(other, "Question en Occitanie", pole_slug="occitanie")
    other_pole_reply = factories.make_reply(colleague, other_pole_topic)
    discussion = factories.make_topic(colleague, "Une discussion ouverte", kind="discussion")
    discussion_reply = factories.make_reply(other, discussion)
    locked = factories.make_topic(colleague, "Une discussion fermée")
    locked_member_post = factories.make_reply(member, locked)
    actions.set_locked(people["admin"], locked, True)
    held_reply = actions.reply(member, member_topic, "Mme Martin a rappelé.", privacy_reason="Nom inventé")
    held_topic = actions.start_topic(colleague, pole=factories.pole("bretagne"), theme=factories.theme("transports"),
                                     kind="question", title="Mme Martin encore", body="Mme Martin a rappelé.",
                                     privacy_reason="Nom inventé")
    merged = factories.make_topic(colleague, "Une discussion fusionnée dans une autre")
    topics.merge_topics(people["admin"], merged, discussion, "Même sujet")
    hidden = factories.make_topic(colleague, "Une discussion masquée")
    moderation.hide_post(people["moderator"], factories.first_post(hidden), "Personne reconnaissable")
    edit_requested = factories.make_reply(colleague, member_topic, "Une réponse à reprendre.")
    sanctions.request_edit(people["moderator"], edit_requested, "Précisez sans nommer", hide=False)
    return {
        "edit_requested_post": edit_requested,
        "placement": Placement(factories.pole("bretagne"), factories.theme("transports")),
        "restricted_bretagne": Placement(factories.pole("bretagne"), factories.theme("vie-du-reseau")),
        "restricted_occitanie": Placement(factories.pole("occitanie"), factories.theme("vie-du-reseau")),
        "occitanie_placement": Placement(factories.pole("occitanie"), factories.theme("transports")),
        "merged_topic": merged,
        "member_topic": member_topic, "hidden_topic": hidden, "locked_topic": locked,
        "other_pole_topic": other_pole_topic, "colleague_reply": colleague_reply, "member_reply": member_reply,
        "deleted_post": deleted_post, "locked_member_post": locked_member_post,
        "first_post_answered": factories.first_post(member_topic),
        "first_post_unanswered": factories.first_post(unanswered),
        "other_pole_reply": other_pole_reply, "discussion_reply": discussion_reply,
        "held_reply": held_reply, "held_topic": held_topic,
    }


def test_permission_matrix(world):
    """Every line of MATRIX, checked on one world (building it per line would take a minute)."""
    people, targets = world
    wrong = {}
    for action, target, *answers in MATRIX:
        expected = dict(zip(PERSONAS, answers, strict=True))
        actual = {}
        for persona, actor in people.items():
            if target == "self" and persona == "guest":
                actual[persona] = False  # a visitor has no account of their own
                continue
            actual[persona] = policy.can(actor, action, actor if target == "self" else targets[target])
        if actual != expected:
            wrong[f"{action} {target}"] = {persona: f"expected {expected[persona]}, got {actual[persona]}"
                                           for persona in PERSONAS if actual[persona] != expected[persona]}
    assert wrong == {}
    assert len(MATRIX) * len(PERSONAS) >= 500


def test_every_rule_is_in_the_matrix():
    kinds = {"colleague": "User", "other_moderator": "User", "suspended_for_good": "User",
             **dict.fromkeys(("member_statement", "contested_statement", "final_statement"), "Statement"),
             **dict.fromkeys(("pending_contest", "decided_contest"), "Contest"), "edit_requested_post": "Post", "pending": "User", "pending_unconfirmed": "User", "suspended_user": "User",
             "self": "User", "structure": "Structure", "pole": "Pole", "theme": "Theme", "restricted_theme": "Theme",
             **dict.fromkeys(("placement", "restricted_bretagne", "restricted_occitanie", "occitanie_placement"),
                            "Placement"),
             **dict.fromkeys(("member_topic", "hidden_topic", "locked_topic", "other_pole_topic", "merged_topic",
                              "held_topic"), "Topic"),
             **dict.fromkeys(("colleague_reply", "member_reply", "deleted_post", "locked_member_post", "first_post_answered", "first_post_unanswered", "other_pole_reply", "discussion_reply", "held_reply"), "Post")}
    covered = {(action, kinds.get(target, target)) for action, target, *_ in MATRIX}
    library = {rule for rule in policy.known_rules()
               if rule[1] in ("Sheet", "SheetComment", "review_queue") or rule == ("promote", "Topic")}
    moderation = {(action, MODERATION_KINDS[target]) for action, target, *_ in MODERATION_MATRIX}
    library_kinds = {"review_comment": "SheetComment", "hidden_comment": "SheetComment"}
    assert {(action, library_kinds.get(target, "Sheet")) for action, target, *_ in LIBRARY_MATRIX
            if target not in ("bretagne_topic", "review_queue")} >= {
        rule for rule in library - moderation if rule[1] != "review_queue" and rule != ("promote", "Topic")}
    assert set(policy.known_rules()) - library - moderation <= covered


def test_unknown_action_fails_closed(app):
    with pytest.raises(policy.UnknownRule):
        policy.can(Guest(), "delete_everything", "site")


def test_system_actor_passes_every_known_rule_but_not_unknown_ones(app):
    assert policy.can(policy.SYSTEM, "access", "admin")
    with pytest.raises(policy.UnknownRule):
        policy.can(policy.SYSTEM, "fly", "admin")


# --- the library: who may do what to a sheet, in every state ---------------------------

LIBRARY_PERSONAS = ("visitor", "author", "other_member", "animator", "other_animator", "moderator", "admin",
                    "suspended")

# Targets: sheets of the author (a member in Bretagne) in each state, reviewed by the Bretagne
# animator; "animator_*" sheets are written by that animator (nobody approves their own).
# "draft" was never submitted (its author's alone); "sent_back" is a draft again after review.
LIBRARY_MATRIX = [
    # action       target                       vis aut oth ani oan mod adm susp
    ("view",       "draft",                     N,  Y,  N,  N,  N,  N,  N,  N),
    ("view",       "sent_back",                 N,  Y,  N,  Y,  N,  N,  Y,  N),
    ("view",       "submitted",                 N,  Y,  N,  Y,  N,  N,  Y,  N),
    ("view",       "in_review",                 N,  Y,  N,  Y,  N,  N,  Y,  N),
    ("view",       "published",                 N,  Y,  Y,  Y,  Y,  Y,  Y,  N),
    ("view",       "published_public",          Y,  Y,  Y,  Y,  Y,  Y,  Y,  Y),
    ("view",       "needs_update",              N,  Y,  Y,  Y,  Y,  Y,  Y,  N),
    ("view",       "archived",                  N,  Y,  N,  Y,  N,  N,  Y,  N),
    ("notify",     "draft",                     N,  Y,  N,  N,  N,  N,  N,  N),
    ("notify",     "published_public",          N,  Y,  Y,  Y,  Y,  Y,  Y,  N),
    ("notify",     "archived",                  N,  Y,  N,  Y,  N,  N,  Y,  N),
    ("view_work",  "draft",                     N,  Y,  N,  N,  N,  N,  N,  N),
    ("view_work",  "sent_back",                 N,  Y,  N,  Y,  N,  N,  Y,  N),
    ("view_work",  "published",                 N,  Y,  N,  Y,  N,  N,  Y,  N),
    ("view_work",  "archived",                  N,  Y,  N,  Y,  N,  N,  Y,  N),
    ("edit",       "draft",                     N,  Y,  N,  N,  N,  N,  N,  N),
    ("edit",       "sent_back",                 N,  Y,  N,  N,  N,  N,  Y,  N),
    ("edit",       "submitted",                 N,  Y,  N,  N,  N,  N,  Y,  N),
    ("edit",       "published",                 N,  Y,  N,  N,  N,  N,  Y,  N),
    ("edit",       "needs_update",              N,  Y,  N,  N,  N,  N,  Y,  N),
    ("edit",       "archived",                  N,  N,  N,  N,  N,  N,  N,  N),
    ("submit",     "draft",                     N,  Y,  N,  N,  N,  N,  N,  N),
    ("submit",     "submitted",                 N,  N,  N,  N,  N,  N,  N,  N),
    ("submit",     "published",                 N,  N,  N,  N,  N,  N,  N,  N),
    ("comment",    "draft",                     N,  Y,  N,  N,  N,  N,  N,  N),
    ("comment",    "sent_back",                 N,  Y,  N,  Y,  N,  N,  Y,  N),
    ("comment",    "submitted",                 N,  Y,  N,  Y,  N,  N,  Y,  N),
    ("comment",    "archived",                  N,  N,  N,  N,  N,  N,  N,  N),
    ("review",     "draft",                     N,  N,  N,  N,  N,  N,  N,  N),
    ("review",     "submitted",                 N,  N,  N,  Y,  N,  N,  Y,  N),
    ("review",     "in_review",                 N,  N,  N,  Y,  N,  N,  Y,  N),
    ("review",     "published",                 N,  N,  N,  N,  N,  N,  N,  N),
    ("review",     "animator_submitted",        N,  N,  N,  N,  N,  N,  Y,  N),
    ("list_for_review", "submitted",            N,  N,  N,  Y,  N,  N,  Y,  N),
    ("list_for_review", "animator_submitted",   N,  N,  N,  Y,  N,  N,  Y,  N),
    ("list_for_review", "published",            N,  N,  N,  N,  N,  N,  N,  N),
    ("publish",    "draft",                     N,  N,  N,  N,  N,  N,  N,  N),
    ("publish",    "submitted",                 N,  N,  N,  Y,  N,  N,  Y,  N),
    ("publish",    "in_review",                 N,  N,  N,  Y,  N,  N,  Y,  N),
    ("publish",    "needs_update",              N,  N,  N,  Y,  N,  N,  Y,  N),
    ("publish",    "published",                 N,  N,  N,  N,  N,  N,  N,  N),
    ("publish",    "archived",                  N,  N,  N,  N,  N,  N,  N,  N),
    ("publish",    "animator_submitted",        N,  N,  N,  N,  N,  N,  Y,  N),
    ("archive",    "draft",                     N,  N,  N,  N,  N,  N,  N,  N),
    ("archive",    "sent_back",                 N,  N,  N,  Y,  N,  N,  Y,  N),
    ("archive",    "published",                 N,  N,  N,  Y,  N,  N,  Y,  N),
    ("archive",    "archived",                  N,  N,  N,  N,  N,  N,  N,  N),
    ("restore",    "archived",                  N,  N,  N,  Y,  N,  N,  Y,  N),
    ("restore",    "published",                 N,  N,  N,  N,  N,  N,  N,  N),
    ("create",     "Sheet",                     N,  Y,  Y,  Y,  Y,  Y,  Y,  N),
    ("promote",    "bretagne_topic",            N,  N,  N,  Y,  N,  N,  Y,  N),
    ("access",     "review_queue",              N,  N,  N,  Y,  Y,  N,  Y,  N),
    ("report",     "published",                 N,  N,  Y,  Y,  Y,  Y,  Y,  N),
    ("report",     "published_public",          N,  N,  Y,  Y,  Y,  Y,  Y,  N),
    ("report",     "submitted",                 N,  N,  N,  Y,  N,  N,  Y,  N),
    ("report",     "draft",                     N,  N,  N,  N,  N,  N,  N,  N),
    # moderation: a passage masked in a sheet (never in a draft nobody else has read), review comments
    ("mask",       "draft",                     N,  N,  N,  N,  N,  N,  N,  N),
    ("mask",       "submitted",                 N,  N,  N,  N,  N,  Y,  Y,  N),
    ("mask",       "published",                 N,  N,  N,  N,  N,  Y,  Y,  N),
    ("mask",       "archived",                  N,  N,  N,  N,  N,  Y,  Y,  N),
    ("mask",       "review_comment",            N,  N,  N,  N,  N,  Y,  Y,  N),
    ("hide",       "review_comment",            N,  N,  N,  N,  N,  Y,  Y,  N),
    ("hide",       "hidden_comment",            N,  N,  N,  N,  N,  N,  N,  N),
    ("unhide",     "hidden_comment",            N,  N,  N,  N,  N,  Y,  Y,  N),
    ("unhide",     "review_comment",            N,  N,  N,  N,  N,  N,  N,  N),
]


@pytest.fixture
def library_world(app):
    from forum.library import actions as library_actions
    from forum.library.models import Sheet

    bretagne = factories.make_structure("Structure bretonne", pole_slug="bretagne")
    occitanie = factories.make_structure("Structure occitane", pole_slug="occitanie")
    admin = factories.make_user("Admin", structure=occitanie, role="admin")
    animator = factories.make_user("Animatrice", structure=bretagne, role="pole_animator", poles=["bretagne"])
    author = factories.make_user("Autrice", structure=bretagne)
    people = {
        "visitor": Guest(), "author": author, "other_member": factories.make_user("Autre", structure=bretagne),
        "animator": animator,
        "other_animator": factories.make_user("Animateur occitan", structure=occitanie, role="pole_animator",
                                              poles=["occitanie"]),
        "moderator": factories.make_user("Modérateur", structure=occitanie, role="moderator"),
        "admin": admin, "suspended": factories.make_user("Suspendu", structure=bretagne),
    }
    factories.suspend(admin, people["suspended"])
    targets = {status: factories.make_sheet(author, status, reviewer=animator, title=f"Fiche {status}")
               for status in ("draft", "submitted", "in_review", "published", "needs_update", "archived")}
    targets["published_public"] = factories.make_sheet(author, "published", reviewer=animator, visibility="public",
                                                       title="Fiche publique")
    targets["animator_submitted"] = factories.make_sheet(animator, "submitted", title="Fiche de l'animatrice")
    targets["sent_back"] = factories.make_sheet(author, "submitted", title="Fiche renvoyée")
    library_actions.request_changes(animator, targets["sent_back"], "Précisez les horaires.")
    targets["bretagne_topic"] = factories.make_topic(author, "Une discussion bretonne")
    targets["review_comment"] = library_actions.comment(animator, targets["submitted"], "Précisez le budget.")
    targets["hidden_comment"] = library_actions.comment(animator, targets["in_review"], "Un commentaire déplacé.")
    from forum.moderation import masking

    masking.hide_comment(people["moderator"], targets["hidden_comment"], "Propos déplacés")
    targets["Sheet"] = Sheet
    targets["review_queue"] = "review_queue"
    return people, targets


def test_library_permission_matrix(library_world):
    people, targets = library_world
    wrong = {}
    for action, target, *answers in LIBRARY_MATRIX:
        expected = dict(zip(LIBRARY_PERSONAS, answers, strict=True))
        actual = {persona: policy.can(actor, action, targets[target]) for persona, actor in people.items()}
        if target == "published_public":
            assert targets[target].published_revision.visibility == "public"
        if actual != expected:
            wrong[f"{action} {target}"] = {persona: f"expected {expected[persona]}, got {actual[persona]}"
                                           for persona in LIBRARY_PERSONAS if actual[persona] != expected[persona]}
    assert wrong == {}


def test_every_library_rule_is_in_the_library_matrix():
    kinds = {"Sheet": "Sheet", "bretagne_topic": "Topic", "review_queue": "review_queue"}
    covered = {(action, kinds.get(target, "Sheet")) for action, target, *_ in LIBRARY_MATRIX}
    library_rules = {rule for rule in policy.known_rules() if rule[1] in ("Sheet", "review_queue")
                     or rule == ("promote", "Topic")}
    assert library_rules <= covered


# --- moderation: who reports what, who sees and handles which case ------------------------

MODERATION_PERSONAS = ("guest", "member", "author", "animator", "other_animator", "moderator", "admin",
                       "suspended")

# Targets: the author (a member in Bretagne) wrote "author_*"; "reviewer_comment" is the Bretagne
# animator's comment on the author's submitted sheet. Cases: "post_case" about the author's post
# (Bretagne), "other_pole_case" about a post in Occitanie, "profile_case" about the author's
# account, "animator_post_case" about a post of the Bretagne animator, "comment_case" about the
# animator's comment (a sheet of Bretagne).
MODERATION_MATRIX = [
    # action     target                 gst mem aut ani oan mod adm susp
    ("report",   "author_post",         N,  Y,  N,  Y,  Y,  Y,  Y,  N),
    ("report",   "author_topic",        N,  Y,  N,  Y,  Y,  Y,  Y,  N),
    ("report",   "hidden_post",         N,  N,  N,  N,  N,  Y,  Y,  N),
    ("report",   "deleted_post",        N,  N,  N,  N,  N,  N,  N,  N),
    ("report",   "hidden_topic",        N,  N,  N,  N,  N,  Y,  Y,  N),
    ("report",   "author_sheet",        N,  Y,  N,  Y,  Y,  Y,  Y,  N),
    ("report",   "author_draft",        N,  N,  N,  N,  N,  N,  N,  N),
    ("report",   "reviewer_comment",    N,  N,  Y,  N,  N,  N,  Y,  N),
    ("report",   "hidden_comment",      N,  N,  N,  N,  N,  N,  N,  N),
    ("report",   "author_profile",      N,  Y,  N,  Y,  Y,  Y,  Y,  N),
    ("report",   "self",                N,  N,  N,  N,  N,  N,  N,  N),
    ("see_case", "post_case",           N,  N,  N,  Y,  N,  Y,  Y,  N),
    ("see_case", "other_pole_case",     N,  N,  N,  N,  Y,  Y,  Y,  N),
    ("see_case", "profile_case",        N,  N,  N,  N,  N,  Y,  Y,  N),
    ("see_case", "animator_post_case",  N,  N,  N,  N,  N,  Y,  Y,  N),
    ("see_case", "comment_case",        N,  N,  N,  N,  N,  Y,  Y,  N),
    ("take",     "post_case",           N,  N,  N,  Y,  N,  Y,  Y,  N),
    ("take",     "other_pole_case",     N,  N,  N,  N,  Y,  Y,  Y,  N),
    ("take",     "profile_case",        N,  N,  N,  N,  N,  Y,  Y,  N),
    ("take",     "animator_post_case",  N,  N,  N,  N,  N,  Y,  Y,  N),
    ("dismiss",  "post_case",           N,  N,  N,  Y,  N,  Y,  Y,  N),
    ("dismiss",  "other_pole_case",     N,  N,  N,  N,  Y,  Y,  Y,  N),
    ("dismiss",  "profile_case",        N,  N,  N,  N,  N,  Y,  Y,  N),
    ("dismiss",  "animator_post_case",  N,  N,  N,  N,  N,  Y,  Y,  N),
    ("hide",     "reviewer_comment",    N,  N,  N,  N,  N,  Y,  Y,  N),
    ("hide",     "hidden_comment",      N,  N,  N,  N,  N,  N,  N,  N),
    ("unhide",   "hidden_comment",      N,  N,  N,  N,  N,  Y,  Y,  N),
    ("unhide",   "reviewer_comment",    N,  N,  N,  N,  N,  N,  N,  N),
    ("access",   "moderation",          N,  N,  N,  Y,  Y,  Y,  Y,  N),
]

MODERATION_KINDS = {
    **dict.fromkeys(("author_post", "hidden_post", "deleted_post"), "Post"),
    **dict.fromkeys(("author_topic", "hidden_topic"), "Topic"),
    **dict.fromkeys(("author_sheet", "author_draft"), "Sheet"),
    **dict.fromkeys(("reviewer_comment", "hidden_comment"), "SheetComment"),
    **dict.fromkeys(("author_profile", "self"), "User"),
    **dict.fromkeys(("post_case", "other_pole_case", "profile_case", "animator_post_case", "comment_case"),
                    "ModerationCase"),
    "moderation": "moderation",
}


@pytest.fixture
def moderation_world(app):
    from forum.discussions import actions as discussions
    from forum.library import actions as library
    from forum.moderation import actions as moderation
    from forum.moderation import reports

    bretagne = factories.make_structure("Structure bretonne", pole_slug="bretagne")
    occitanie = factories.make_structure("Structure occitane", pole_slug="occitanie")
    admin = factories.make_user("Admin", structure=occitanie, role="admin")
    animator = factories.make_user("Animatrice", structure=bretagne, role="pole_animator", poles=["bretagne"])
    author = factories.make_user("Autrice", structure=bretagne)
    member = factories.make_user("Membre", structure=bretagne)
    moderator = factories.make_user("Modérateur", structure=occitanie, role="moderator")
    people = {
        "guest": Guest(), "member": member, "author": author, "animator": animator,
        "other_animator": factories.make_user("Animateur occitan", structure=occitanie, role="pole_animator",
                                              poles=["occitanie"]),
        "moderator": moderator, "admin": admin, "suspended": factories.make_user("Suspendu", structure=bretagne),
    }
    colleague = factories.make_user("Collègue", structure=occitanie)
    author_topic = factories.make_topic(author, "La question de l'autrice")
    author_post = factories.make_reply(author, author_topic, "Je précise ma question.")
    hidden_post = factories.make_reply(colleague, author_topic, "Une réponse masquée.")
    moderation.hide_post(moderator, hidden_post, "Hors sujet")
    deleted_post = factories.make_reply(colleague, author_topic, "Je retire ce message.")
    discussions.delete_post(colleague, deleted_post)
    hidden_topic = factories.make_topic(colleague, "Une discussion masquée")
    moderation.hide_post(moderator, factories.first_post(hidden_topic), "Personne reconnaissable")
    occitan_topic = factories.make_topic(colleague, "Question occitane", pole_slug="occitanie")
    animator_post = factories.make_reply(animator, author_topic, "Réponse de l'animatrice.")
    sheet = factories.make_sheet(author, "published", reviewer=animator)
    submitted = factories.make_sheet(author, "submitted", title="Fiche soumise")
    reviewer_comment = library.comment(animator, submitted, "Pouvez-vous préciser les horaires ?")
    hidden_comment = library.comment(animator, submitted, "Un commentaire masqué.")
    library.set_comment_hidden(moderator, hidden_comment, True)
    factories.suspend(admin, people["suspended"])
    targets = {
        "author_post": author_post, "author_topic": author_topic, "hidden_post": hidden_post,
        "deleted_post": deleted_post, "hidden_topic": hidden_topic, "author_sheet": sheet,
        "author_draft": factories.make_sheet(author, "draft", title="Brouillon"),
        "reviewer_comment": reviewer_comment, "hidden_comment": hidden_comment, "author_profile": author,
        "post_case": reports.report(member, author_post, "hors-sujet"),
        "other_pole_case": reports.report(member, factories.first_post(occitan_topic), "hors-sujet"),
        "profile_case": reports.report(member, author, "autre", "Photo de profil inappropriée"),
        "animator_post_case": reports.report(member, animator_post, "propos-injurieux"),
        "comment_case": reports.report(author, reviewer_comment, "propos-injurieux"),
        "moderation": "moderation",
    }
    return people, targets


def test_moderation_permission_matrix(moderation_world):
    people, targets = moderation_world
    wrong = {}
    for action, target, *answers in MODERATION_MATRIX:
        expected = dict(zip(MODERATION_PERSONAS, answers, strict=True))
        actual = {}
        for persona, actor in people.items():
            obj = actor if target == "self" else targets[target]
            actual[persona] = False if (target == "self" and persona == "guest") else policy.can(actor, action, obj)
        if actual != expected:
            wrong[f"{action} {target}"] = {persona: f"expected {expected[persona]}, got {actual[persona]}"
                                           for persona in MODERATION_PERSONAS if actual[persona] != expected[persona]}
    assert wrong == {}
