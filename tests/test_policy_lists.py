"""Every list filter of the policy returns exactly the rows its rule allows, persona by persona.

The world holds an object in every state a rule looks at (hidden, deleted, locked, restricted
theme, suspended author, draft, archived, members-only, credited contributor, unconfirmed
sign-up…), each made through the real actions. For each persona and each (filter, rule) pair,
the rows the SQL filter selects must be the rows ``can`` allows, one by one, over the whole table.
"""

from __future__ import annotations

import pytest

from forum import policy
from forum.accounts.models import Guest, User
from forum.discussions import actions as discussions
from forum.discussions.models import Post, Topic
from forum.extensions import db
from forum.library import actions as library
from forum.library.models import Sheet
from forum.library.promotion import promote_topic
from forum.moderation import actions as moderation
from tests import factories

# filter, model, rule (the rows a filter lists are the rows the rule allows)
PAIRS = [
    ("visible_topics", Topic, "view"),
    ("visible_posts", Post, "view"),
    ("visible_sheets", Sheet, "view"),
    ("review_queue", Sheet, "list_for_review"),
    ("pending_accounts", User, "refuse"),
    ("approvable_accounts", User, "approve"),
]


@pytest.fixture
def world(app):
    bretagne = factories.make_structure("Régie bretonne", pole_slug="bretagne")
    occitanie = factories.make_structure("Association occitane", pole_slug="occitanie")
    admin = factories.make_user("Admin", structure=occitanie, role="admin")
    people = {
        "guest": Guest(),
        "member": factories.make_user("Membre", structure=bretagne),
        "contributor": factories.make_user("Contributrice", structure=occitanie),
        "referent": factories.make_user("Référent", structure=bretagne, role="structure_referent"),
        "other_referent": factories.make_user("Autre référent", structure=occitanie, role="structure_referent"),
        "animator": factories.make_user("Animatrice", structure=bretagne, role="pole_animator", poles=["bretagne"]),
        "other_animator": factories.make_user("Animateur occitan", structure=occitanie, role="pole_animator",
                                              poles=["occitanie"]),
        "moderator": factories.make_user("Modérateur", structure=occitanie, role="moderator"),
        "moderator_animating": factories.make_user("Modératrice de pôle", structure=occitanie, role="moderator",
                                                   poles=["bretagne"]),
        "admin": admin,
        "suspended": factories.make_user("Suspendu", structure=bretagne),
        "suspended_admin": factories.make_user("Admin suspendue", structure=occitanie, role="admin"),
    }
    member, animator, contributor = people["member"], people["animator"], people["contributor"]

    # discussions in every state
    plain = factories.make_topic(member, "Une question ordinaire")
    factories.make_reply(contributor, plain, "Une réponse utile.")
    hidden_reply = factories.make_reply(contributor, plain, "Une réponse masquée.")
    moderation.hide_post(people["moderator"], hidden_reply, "Personne reconnaissable")
    withdrawn = factories.make_reply(member, plain, "Je retire ce message.")
    discussions.delete_post(member, withdrawn)
    hidden_topic = factories.make_topic(contributor, "Une discussion masquée")
    factories.make_reply(member, hidden_topic, "Une réponse dans une discussion masquée.")
    moderation.hide_post(people["moderator"], factories.first_post(hidden_topic), "Personne reconnaissable")
    deleted_topic = factories.make_topic(member, "Une question retirée")
    discussions.delete_post(member, factories.first_post(deleted_topic))
    locked = factories.make_topic(contributor, "Une discussion fermée", pole_slug="occitanie")
    discussions.set_locked(admin, locked, True)
    factories.make_topic(animator, "Rencontre régionale", theme_slug="vie-du-reseau")
    by_suspended = factories.make_topic(people["suspended"], "Question d'un membre suspendu depuis")
    factories.make_reply(member, by_suspended)

    # sheets in every state, in the animator's pole and another
    for status in ("draft", "submitted", "in_review", "published", "needs_update", "archived"):
        factories.make_sheet(member, status, reviewer=animator, title=f"Fiche {status}")
    factories.make_sheet(member, "published", reviewer=animator, visibility="public", title="Fiche publique")
    factories.make_sheet(animator, "submitted", title="Fiche de l'animatrice")
    never_published = factories.make_sheet(member, "submitted", title="Fiche abandonnée")
    library.archive(animator, never_published, "Action arrêtée")
    factories.make_sheet(contributor, "submitted", title="Fiche occitane",
                         pole_id=factories.pole("occitanie").id)
    promote_topic(animator, plain, [factories.first_post(plain).id])  # credits member (the author)

    # sign-ups waiting in both structures, confirmed or not
    factories.make_pending_user("En attente", structure=bretagne, confirmed=True)
    factories.make_pending_user("Non confirmée", structure=bretagne, confirmed=False)
    factories.make_pending_user("Attente occitane", structure=occitanie, confirmed=True)

    factories.suspend(admin, people["suspended"])
    factories.suspend(admin, people["suspended_admin"])
    return people


def _listed(name: str, model, user) -> set[int]:
    query = db.select(model.id).where(getattr(policy, name)(user))
    if model is Post:
        query = query.join(Topic, Topic.id == Post.topic_id)
    return set(db.session.scalars(query))


def _allowed(model, action: str, user) -> set[int]:
    return {row.id for row in db.session.scalars(db.select(model)) if policy.can(user, action, row)}


def test_every_list_filter_lists_exactly_what_its_rule_allows(world):
    wrong = {}
    for persona, user in world.items():
        for name, model, action in PAIRS:
            listed, allowed = _listed(name, model, user), _allowed(model, action, user)
            if listed != allowed:
                wrong[f"{persona} {name}"] = {"listed only": listed - allowed, "allowed only": allowed - listed}
    assert wrong == {}


def test_the_world_covers_each_answer(world):
    """Each filter lists something for someone and hides something from someone: the test can fail."""
    for name, model, _action in PAIRS:
        everything = set(db.session.scalars(db.select(model.id)))
        counts = {persona: len(_listed(name, model, user)) for persona, user in world.items()}
        assert any(counts.values()), name
        assert any(count < len(everything) for count in counts.values()), name


def test_moderators_list_hidden_topics_members_do_not(world):
    hidden = {topic.id for topic in db.session.scalars(db.select(Topic).where(Topic.hidden_at.is_not(None)))}
    assert hidden
    assert hidden <= _listed("visible_topics", Topic, world["moderator"])
    assert not hidden & _listed("visible_topics", Topic, world["member"])


def test_audiences_are_people_the_rules_allow(world):
    for sheet in db.session.scalars(db.select(Sheet)):
        asked = policy.reviewers_of(sheet)
        assert asked, sheet
        assert all(policy.can(user, "publish", sheet) or sheet.status not in ("submitted", "in_review")
                   for user in asked)
        assert all(policy.reviews(user, sheet.pole_id) and user.id != sheet.author_id for user in asked)
    for account in db.session.scalars(db.select(User).where(User.status == "pending",
                                                            User.email_verified_at.is_not(None))):
        approvers = policy.approvers_of(account.structure)
        assert approvers and all(policy.can(user, "approve", account) for user in approvers)
