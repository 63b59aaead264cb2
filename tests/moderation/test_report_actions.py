"""The case actions: reporting (once, with a reason, urgent for personal data, hiding pending
review at the threshold), taking a case (one moderator wins), dismissing it."""

from __future__ import annotations

import threading

import pytest

from forum.accounts.models import User
from forum.discussions.models import Post, Topic
from forum.errors import ActionError
from forum.extensions import db
from forum.library import actions as library
from forum.moderation import cases, reports
from forum.moderation.models import CaseState, ModerationAction, ModerationCase, Report, Statement
from forum.policy import NotAllowed
from tests import factories


def _journal(action: str) -> list[ModerationAction]:
    return list(db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == action)))


def _reporters(count: int) -> list[User]:
    structure = factories.make_structure("Structure des témoins", pole_slug="occitanie")
    return [factories.make_user(f"Témoin {index}", structure=structure) for index in range(count)]


def _fresh(model, row_id):
    db.session.expire_all()
    return db.session.get(model, row_id)


def test_a_report_opens_a_case_on_the_item(member, other_member, reply_post):
    case = reports.report(member, reply_post, "hors-sujet", "Publicité pour un logiciel")
    assert (case.target_type, case.target_id, case.state, case.urgent) == ("Post", reply_post.id, "ouvert", False)
    assert case.member_id == other_member.id and case.pole_id == factories.pole("bretagne").id
    assert case.report_count == 1
    [report] = db.session.scalars(db.select(Report)).all()
    assert (report.reporter_id, report.reason, report.note, report.case_id) == (
        member.id, "hors-sujet", "Publicité pour un logiciel", case.id)


def test_a_second_report_by_the_same_member_is_refused_and_changes_nothing(member, reply_post):
    case = reports.report(member, reply_post, "hors-sujet")
    with pytest.raises(ActionError, match="Vous avez déjà signalé ce contenu."):
        reports.report(member, reply_post, "donnee-personnelle")
    stored = _fresh(ModerationCase, case.id)
    assert (stored.report_count, stored.urgent) == (1, False)
    assert db.session.scalar(db.select(db.func.count(Report.id))) == 1


def test_personal_data_makes_the_case_urgent_and_reports_join_one_case(member, referent, reply_post):
    first = reports.report(member, reply_post, "hors-sujet")
    second = reports.report(referent, reply_post, "donnee-personnelle")
    assert first.id == second.id
    stored = _fresh(ModerationCase, first.id)
    assert (stored.report_count, stored.urgent) == (2, True)


@pytest.mark.parametrize(("reason", "note", "message"), [
    ("", "", "Choisissez le motif"), ("n-importe-quoi", "", "Choisissez le motif"),
    ("autre", "  ", "Précisez le motif"), ("autre", "x" * 1001, "1 000 caractères"),
])
def test_a_report_needs_a_known_reason_and_a_note_for_other(member, reply_post, reason, note, message):
    with pytest.raises(ActionError, match=message):
        reports.report(member, reply_post, reason, note)
    assert db.session.scalar(db.select(db.func.count(ModerationCase.id))) == 0


def test_nobody_reports_their_own_post_nor_what_they_cannot_read(member, other_member, reply_post, hidden_post,
                                                                  suspended_member):
    for actor, target in ((other_member, reply_post), (member, hidden_post), (member, member),
                          (suspended_member, reply_post)):
        with pytest.raises(NotAllowed):
            reports.report(actor, target, "hors-sujet")
    assert db.session.scalar(db.select(db.func.count(ModerationCase.id))) == 0


def test_three_different_reporters_hide_a_reply_and_its_author_is_told(app, other_member, reply_post, topic):
    first, second, third = _reporters(3)
    reports.report(first, reply_post, "propos-injurieux")
    case = reports.report(second, reply_post, "propos-injurieux")
    assert _fresh(Post, reply_post.id).hidden_at is None and _journal("auto_hide") == []  # not at two
    reports.report(third, reply_post, "hors-sujet")
    post = _fresh(Post, reply_post.id)
    assert post.hidden_at is not None and post.hidden_by_id is None
    assert db.session.get(Topic, topic.id).reply_count == 0
    [entry] = _journal("auto_hide")
    assert entry.automatic and entry.actor_id is None and entry.case_id == case.id
    assert entry.member_id == other_member.id and entry.target_id == reply_post.id
    [statement] = db.session.scalars(db.select(Statement)).all()
    assert statement.member_id == other_member.id and statement.automatic and statement.journal_id == entry.id
    assert "Charte" in statement.rule and _fresh(ModerationCase, case.id).state == CaseState.OPEN


def test_the_threshold_is_a_setting(app, reply_post):
    app.config["FORUM_AUTO_HIDE_REPORTS"] = 2
    for reporter in _reporters(2):
        reports.report(reporter, reply_post, "hors-sujet")
    assert _fresh(Post, reply_post.id).hidden_at is not None


def test_reports_on_a_topic_hide_the_whole_topic(member, topic):
    for reporter in _reporters(3):
        reports.report(reporter, topic, "hors-sujet")
    assert _fresh(Topic, topic.id).hidden_at is not None
    [statement] = db.session.scalars(db.select(Statement)).all()
    assert statement.member_id == member.id


def test_reports_on_a_sheet_comment_hide_it_and_dismissing_shows_it_again(app, member, animator, moderator):
    from forum.library.models import SheetComment

    app.config["FORUM_AUTO_HIDE_REPORTS"] = 2  # a review comment has few readers: the author and reviewers
    sheet = factories.make_sheet(member, "submitted")
    comment = library.comment(animator, sheet, "Un commentaire déplacé.")
    admin = factories.make_user("Admine", structure=factories.make_structure("Siège", pole_slug="occitanie"),
                                role="admin")
    reports.report(member, comment, "propos-injurieux")
    case = reports.report(admin, comment, "propos-injurieux")
    assert _fresh(SheetComment, comment.id).hidden_at is not None
    [statement] = db.session.scalars(db.select(Statement)).all()
    assert statement.member_id == animator.id and statement.target_type == "SheetComment"
    reports.dismiss(moderator, _fresh(ModerationCase, case.id), "Commentaire de relecture légitime")
    assert _fresh(SheetComment, comment.id).hidden_at is None


def test_a_sheet_or_a_profile_is_never_hidden_it_only_becomes_urgent(member, published_sheet):
    for reporter in _reporters(3):
        reports.report(reporter, published_sheet, "hors-sujet")
        case = reports.report(reporter, member, "autre", "Nom de profil injurieux")
    assert _fresh(ModerationCase, case.id).urgent and _journal("auto_hide") == []
    sheet_case = cases.waiting_case(published_sheet)
    assert sheet_case.urgent and sheet_case.report_count == 3
    assert db.session.scalar(db.select(db.func.count(Statement.id))) == 0


# --- taking and dismissing ----------------------------------------------------------------

def test_a_moderator_takes_a_case_and_another_is_told(member, moderator, admin, reply_post):
    case = reports.report(member, reply_post, "hors-sujet")
    reports.take(moderator, case)
    stored = _fresh(ModerationCase, case.id)
    assert (stored.state, stored.taken_by_id) == (CaseState.TAKEN, moderator.id)
    with pytest.raises(ActionError, match="vient d'être pris en charge par un autre modérateur"):
        reports.take(admin, stored)
    assert _fresh(ModerationCase, case.id).taken_by_id == moderator.id
    reports.release(moderator, _fresh(ModerationCase, case.id))
    assert _fresh(ModerationCase, case.id).state == CaseState.OPEN


def test_members_and_other_poles_animators_cannot_take(member, other_member, reply_post):
    case = reports.report(member, reply_post, "hors-sujet")
    occitan = factories.make_user("Animateur occitan", structure=factories.make_structure(pole_slug="occitanie"),
                                  role="pole_animator", poles=["occitanie"])
    for actor in (member, occitan, other_member):
        with pytest.raises(NotAllowed):
            reports.take(actor, case)
    assert _fresh(ModerationCase, case.id).state == CaseState.OPEN


def test_two_moderators_take_at_once_one_wins(app, member, reply_post):
    case_id = reports.report(member, reply_post, "hors-sujet").id
    structure = factories.make_structure("Siège", pole_slug="occitanie")
    moderators = [factories.make_user(f"Modérateur {index}", structure=structure, role="moderator").id
                  for index in range(4)]
    db.session.commit()
    barrier, errors, wins = threading.Barrier(4), [], []

    def run(index):
        with app.app_context():
            try:
                actor, case = db.session.get(User, moderators[index]), db.session.get(ModerationCase, case_id)
                barrier.wait()
                reports.take(actor, case)
                wins.append(index)
            except ActionError as error:
                errors.append(error.message)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(wins) == 1 and len(errors) == 3
    assert all("vient d'être pris en charge" in message for message in errors)
    assert _fresh(ModerationCase, case_id).taken_by_id == moderators[wins[0]]


def test_dismissing_closes_the_case_with_its_reason_in_the_journal(member, moderator, reply_post):
    case = reports.report(member, reply_post, "hors-sujet")
    with pytest.raises(ActionError, match="Indiquez le motif"):
        reports.dismiss(moderator, case, "  ")
    reports.dismiss(moderator, case, "Réponse pertinente")
    stored = _fresh(ModerationCase, case.id)
    assert (stored.state, stored.decision, stored.closed_by_id, stored.open_key) == (
        CaseState.CLOSED, "dismissed", moderator.id, None)
    [entry] = _journal("dismiss_reports")
    assert entry.reason == "Réponse pertinente" and entry.case_id == case.id and entry.target_id == reply_post.id
    with pytest.raises(ActionError, match="déjà été traité"):
        reports.dismiss(moderator, stored, "Encore")
    assert len(_journal("dismiss_reports")) == 1


def test_dismissing_shows_again_what_the_reports_hid(moderator, reply_post, topic):
    for reporter in _reporters(3):
        case = reports.report(reporter, reply_post, "hors-sujet")
    assert _fresh(Post, reply_post.id).hidden_at is not None
    reports.dismiss(moderator, _fresh(ModerationCase, case.id), "Signalements non fondés")
    assert _fresh(Post, reply_post.id).hidden_at is None and db.session.get(Topic, topic.id).reply_count == 1
    [entry] = _journal("dismiss_reports")
    assert '"shown_again": true' in entry.detail


def test_a_case_whose_item_was_deleted_can_be_dismissed(member, other_member, moderator, reply_post):
    from forum.discussions import actions as discussions

    case = reports.report(member, reply_post, "hors-sujet")
    discussions.delete_post(other_member, reply_post)
    reports.dismiss(moderator, case, "Message supprimé par son auteur")
    [entry] = _journal("dismiss_reports")
    assert (entry.target_type, entry.target_id, entry.member_id) == ("Post", reply_post.id, other_member.id)
