"""Two people at once on one contest (both database lanes): one contest, one decision, one statement."""

from __future__ import annotations

from forum.accounts.models import User
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation import sanctions, statements
from forum.moderation.models import Contest, ModerationAction, ModerationCase, Statement
from tests import factories
from tests.discussions.test_counters import _run_together


def test_a_contest_sent_twice_at_once_is_filed_once(app, member, moderator):
    statement_id, member_id = sanctions.warn(moderator, member, "Publicité").id, member.id
    db.session.commit()

    def send(index, barrier):
        person, statement = db.session.get(User, member_id), db.session.get(Statement, statement_id)
        barrier.wait()
        statements.contest(person, statement, f"Je conteste (onglet {index}).")

    errors = _run_together(app, send, count=2)
    assert len(errors) == 1 and all(isinstance(error, ActionError) and "déjà contesté" in error.message
                                    for error in errors)
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Contest.id))) == 1
    assert db.session.scalar(db.select(db.func.count(ModerationCase.id))
                             .where(ModerationCase.origin == "contestation")) == 1


def test_two_moderators_deciding_one_contest_at_once_one_wins(app, member, moderator, admin, structure):
    other = factories.make_user("Mina Modératrice", structure=factories.make_structure(), role="moderator")
    contest_id = statements.contest(member, sanctions.warn(moderator, member, "Publicité"), "Je conteste.").id
    deciders = [admin.id, other.id]
    db.session.commit()

    def decide(index, barrier):
        person, contest = db.session.get(User, deciders[index]), db.session.get(Contest, contest_id)
        barrier.wait()
        statements.decide_contest(person, contest, "annulee" if index else "confirmee", f"Décision {index}")

    errors = _run_together(app, decide, count=2)
    assert len(errors) == 1 and "vient d'être tranchée" in errors[0].message
    db.session.expire_all()
    outcomes = db.session.scalars(db.select(ModerationAction.action)
                                  .where(ModerationAction.action.in_(("contest_confirmed", "contest_reversed")))).all()
    assert len(outcomes) == 1
    assert db.session.scalar(db.select(db.func.count(Statement.id))
                             .where(Statement.action.in_(("contest_confirmed", "contest_reversed")))) == 1
