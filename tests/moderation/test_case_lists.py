"""The queue's filter ``visible_cases`` lists exactly the cases ``can(user, "see_case", case)`` allows,
persona by persona, over cases about every kind of item, in several poles, some about the personas."""

from __future__ import annotations

import pytest

from forum import policy
from forum.accounts.models import Guest
from forum.extensions import db
from forum.library import actions as library
from forum.moderation import reports
from forum.moderation.models import ModerationCase
from tests import factories


@pytest.fixture
def people(app):
    bretagne = factories.make_structure("Régie bretonne", pole_slug="bretagne")
    occitanie = factories.make_structure("Association occitane", pole_slug="occitanie")
    admin = factories.make_user("Admin", structure=occitanie, role="admin")
    found = {
        "guest": Guest(),
        "member": factories.make_user("Membre", structure=bretagne),
        "animator": factories.make_user("Animatrice", structure=bretagne, role="pole_animator", poles=["bretagne"]),
        "other_animator": factories.make_user("Animateur occitan", structure=occitanie, role="pole_animator",
                                              poles=["occitanie"]),
        "moderator": factories.make_user("Modérateur", structure=occitanie, role="moderator"),
        "moderator_animating": factories.make_user("Modératrice de pôle", structure=occitanie, role="moderator",
                                                   poles=["bretagne"]),
        "admin": admin,
        "suspended": factories.make_user("Suspendu", structure=bretagne),
    }
    reporter = factories.make_user("Signalante", structure=occitanie)
    member, animator = found["member"], found["animator"]
    breton = factories.make_topic(member, "Une question bretonne")
    reports.report(reporter, breton, "hors-sujet")
    reports.report(reporter, factories.make_reply(animator, breton, "Réponse de l'animatrice."), "propos-injurieux")
    occitan = factories.make_topic(reporter, "Une question occitane", pole_slug="occitanie")
    reports.report(member, factories.make_reply(found["moderator"], occitan, "Réponse du modérateur."), "autre", "?")
    reports.report(member, factories.first_post(occitan), "donnee-personnelle")
    reports.report(reporter, member, "autre", "Profil douteux")
    reports.report(member, found["moderator"], "autre", "Profil douteux")
    sheet = factories.make_sheet(member, "published", reviewer=animator)
    reports.report(reporter, sheet, "information-dangereuse")
    submitted = factories.make_sheet(member, "submitted", title="Fiche soumise")
    comment = library.comment(animator, submitted, "Un commentaire.")
    reports.report(member, comment, "propos-injurieux")
    factories.suspend(admin, found["suspended"])
    return found


def test_visible_cases_lists_exactly_the_cases_see_case_allows(people):
    every = list(db.session.scalars(db.select(ModerationCase)))
    assert len(every) == 8
    wrong = {}
    for persona, user in people.items():
        listed = set(db.session.scalars(db.select(ModerationCase.id).where(policy.visible_cases(user))))
        allowed = {case.id for case in every if policy.can(user, "see_case", case)}
        if listed != allowed:
            wrong[persona] = {"listed only": listed - allowed, "allowed only": allowed - listed}
    assert wrong == {}


def test_each_persona_sees_what_the_rule_says(people):
    def seen(persona):
        return {(case.target_type, case.pole_id) for case in db.session.scalars(
            db.select(ModerationCase).where(policy.visible_cases(people[persona])))}

    bretagne = factories.pole("bretagne").id
    assert seen("guest") == seen("member") == seen("suspended") == set()
    # the animator: Bretagne's topic and sheet, not their own post, not a profile, nor Occitanie
    assert seen("animator") == {("Topic", bretagne), ("Sheet", bretagne)}
    assert ("User", bretagne) in seen("moderator") and ("User", bretagne) in seen("admin")
    assert all(kind != "User" for kind, _pole in seen("other_animator"))
