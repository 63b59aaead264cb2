"""The sheet workflow: every listed transition, every other one refused, revisions and freshness."""

from __future__ import annotations

from datetime import timedelta

import pytest

from forum.extensions import db
from forum.library import actions, diff
from forum.library.models import SheetEvent, SheetRevision, SheetStatus
from forum.notifications.models import Notification
from tests import factories

STATES = [status.value for status in SheetStatus]
ACTIONS = sorted({action for _state, action in actions.TRANSITIONS})


@pytest.fixture
def people(app, clock):
    bretagne = factories.make_structure("Régie bretonne", pole_slug="bretagne")
    return {
        "author": factories.make_user("Autrice Fiche", structure=bretagne),
        "animator": factories.make_user("Animatrice Fiche", structure=bretagne, role="pole_animator",
                                        poles=["bretagne"]),
        "admin": factories.make_user("Admin Fiche", structure=bretagne, role="admin"),
    }


def _sheet_in(state: str, people):
    return factories.make_sheet(people["author"], state, reviewer=people["animator"])


def _run(action: str, sheet, people, clock):
    """Perform ``action`` the way the right person would."""
    if action == "submit":
        return actions.submit(people["author"], sheet)
    if action == "comment":
        return actions.comment(people["animator"], sheet, "Une remarque de relecture.")
    if action == "request_changes":
        return actions.request_changes(people["animator"], sheet, "Précisez les horaires.")
    if action == "publish":
        return actions.publish(people["animator"], sheet)
    if action == "revise":
        return actions.save_sheet(people["author"], sheet, factories.sheet_form(
            title="Titre revu", structure_id=people["author"].structure_id))
    if action == "mark_due":
        sheet.review_due_at = clock.now() - timedelta(minutes=1)
        db.session.commit()
        return actions.mark_due_sheets(clock.now())
    if action == "archive":
        return actions.archive(people["animator"], sheet, "Action arrêtée")
    if action in ("restore", "reopen"):
        return actions.restore(people["admin"], sheet)
    raise AssertionError(action)


@pytest.mark.parametrize("state, action", sorted(actions.TRANSITIONS))
def test_every_listed_transition_happens_and_is_recorded(people, clock, state, action):
    sheet = _sheet_in(state, people)
    if action == "reopen":  # reopening is the restore of a sheet never published
        sheet = factories.make_sheet(people["author"], "submitted")
        actions.archive(people["animator"], sheet, "Doublon")
    elif (state, action) == ("draft", "archive"):  # a draft the reviewers know: sent back to its author
        sheet = factories.make_sheet(people["author"], "submitted")
        actions.request_changes(people["animator"], sheet, "Précisez les horaires.")
    before = db.session.scalar(db.select(db.func.count(SheetEvent.id)).where(SheetEvent.sheet_id == sheet.id))
    _run(action, sheet, people, clock)
    db.session.refresh(sheet)
    assert sheet.status == actions.TRANSITIONS[(state if action != "reopen" else "archived", action)]
    last = db.session.scalar(db.select(SheetEvent).where(SheetEvent.sheet_id == sheet.id)
                             .order_by(SheetEvent.id.desc()).limit(1))
    assert last.action == action and last.to_status == sheet.status
    assert db.session.scalar(db.select(db.func.count(SheetEvent.id)).where(SheetEvent.sheet_id == sheet.id)) > before


ILLEGAL = [(state, action) for state in STATES for action in ACTIONS
           if (state, action) not in actions.TRANSITIONS and action not in ("reopen", "restore", "comment")]


@pytest.mark.parametrize("state, action", ILLEGAL)
def test_every_other_transition_is_refused_and_changes_nothing(people, state, action):
    sheet = _sheet_in(state, people)
    # The state machine itself refuses, whoever asks (the policy usually refuses earlier).
    with pytest.raises(actions.IllegalTransition) as raised:
        actions._transition(people["admin"], sheet, action)
    assert "Impossible de faire" in raised.value.message
    db.session.rollback()
    db.session.refresh(sheet)
    assert sheet.status == state


def test_comment_by_the_author_changes_no_state(people):
    sheet = _sheet_in("submitted", people)
    actions.comment(people["author"], sheet, "J'ai ajouté les horaires.")
    assert sheet.status == "submitted"


def test_submission_requires_every_required_field(people):
    sheet = actions.create_sheet(people["author"], factories.sheet_form(
        results="", partners="", themes=[], structure_id=people["author"].structure_id))
    with pytest.raises(actions.ActionError) as refused:
        actions.submit(people["author"], sheet)
    assert "Partenaires" in refused.value.message and "Résultats et évaluation" in refused.value.message
    assert "Thèmes" in refused.value.message
    db.session.refresh(sheet)
    assert sheet.status == "draft"


def test_the_published_version_stays_readable_while_a_revision_is_reviewed(people, make_client):
    sheet = _sheet_in("published", people)
    published_id = sheet.published_revision_id
    actions.save_sheet(people["author"], sheet, factories.sheet_form(
        title="Fiche de liaison nuit → bailleur, version 2", structure_id=people["author"].structure_id))
    db.session.refresh(sheet)
    assert sheet.status == "draft" and sheet.published_revision_id == published_id
    assert sheet.current_revision_id != published_id and sheet.current_revision.number == 2
    actions.submit(people["author"], sheet)
    reader = make_client(factories.make_user("Lecteur"))
    page = reader.get(f"/bibliotheque/{sheet.id}").get_data(as_text=True)
    assert "Fiche de liaison nuit → bailleur</h1>" in page and "version 2" not in page
    assert "Fiche de liaison nuit" in reader.get("/bibliotheque/").get_data(as_text=True)
    actions.publish(people["animator"], sheet)
    page = reader.get(f"/bibliotheque/{sheet.id}").get_data(as_text=True)
    assert "version 2</h1>" in page


def test_revisions_are_frozen_once_submitted(people):
    sheet = _sheet_in("submitted", people)
    first = sheet.current_revision_id
    actions.save_sheet(people["author"], sheet, factories.sheet_form(
        summary="Un résumé précisé.", structure_id=people["author"].structure_id))
    db.session.refresh(sheet)
    assert sheet.current_revision_id != first and sheet.status == "draft"
    assert db.session.get(SheetRevision, first).summary == factories.SHEET_TEXT["summary"]


def test_diff_between_two_revisions_marks_words_removed_and_added(people):
    sheet = _sheet_in("published", people)
    actions.save_sheet(people["author"], sheet, factories.sheet_form(
        results="Délai moyen de traitement divisé par quatre.", publics=["habitants", "jeunes"],
        structure_id=people["author"].structure_id))
    old, new = db.session.scalars(db.select(SheetRevision).where(SheetRevision.sheet_id == sheet.id)
                                  .order_by(SheetRevision.number)).all()
    changes = {change.label: str(change.html) for change in diff.compare(old, new)}
    assert set(changes) == {"Résultats et évaluation", "Public visé"}
    assert "<del>trois.</del><ins>quatre.</ins>" in changes["Résultats et évaluation"]
    assert "<ins>" in changes["Public visé"] and "Jeunes" in changes["Public visé"]
    escaped = diff.words_diff("a <b>", "a <i>")
    assert "<b>" not in str(escaped) and "&lt;i&gt;" in str(escaped)


def test_review_due_marks_old_sheets_and_tells_author_and_animators(people, runner, clock):
    sheet = _sheet_in("published", people)
    clock.advance(days=200)
    fresh = factories.make_sheet(people["author"], "published", reviewer=people["animator"], title="Fiche récente")
    assert sheet.review_due_at == actions.add_months(sheet.validated_at, 24)  # 24 months by default
    clock.travel_to(sheet.review_due_at + timedelta(hours=1))
    result = runner.invoke(args=["library", "review-due"])
    assert result.exit_code == 0 and "1 fiche(s)" in result.output
    db.session.refresh(sheet)
    db.session.refresh(fresh)
    assert sheet.status == "needs_update" and fresh.status == "published"
    told = set(db.session.scalars(db.select(Notification.user_id).where(
        Notification.sheet_id == sheet.id, Notification.kind == "sheet_due")))
    assert told == {people["author"].id, people["animator"].id}
    assert runner.invoke(args=["library", "review-due"]).output.startswith("0 fiche")


def test_every_transition_notifies_the_author(people):
    sheet = _sheet_in("draft", people)
    actions.submit(people["author"], sheet)
    actions.request_changes(people["animator"], sheet, "Ajoutez les partenaires.")
    actions.save_sheet(people["author"], sheet, factories.sheet_form(structure_id=people["author"].structure_id))
    actions.submit(people["author"], sheet)
    actions.publish(people["animator"], sheet)
    actions.archive(people["animator"], sheet, "Action terminée")
    kinds = db.session.scalars(db.select(Notification.kind).where(Notification.user_id == people["author"].id)
                               .order_by(Notification.id)).all()
    assert kinds == ["sheet_changes", "sheet_published", "sheet_archived"]
    to_reviewer = db.session.scalars(db.select(Notification.kind).where(
        Notification.user_id == people["animator"].id)).all()
    assert to_reviewer.count("sheet_submitted") == 2


@pytest.mark.parametrize("validated, months, due", [
    # the day is kept, whatever day of the month it is
    ("2026-12-03 10:00", 6, "2027-06-03 10:00"),
    ("2026-12-27 23:59", 6, "2027-06-27 23:59"),
    ("2026-01-01 00:00", 24, "2028-01-01 00:00"),
    # a day the target month lacks becomes its last day
    ("2027-08-31 21:00", 6, "2028-02-29 21:00"),       # leap year
    ("2026-08-31 21:00", 6, "2027-02-28 21:00"),
    ("2028-02-29 12:00", 12, "2029-02-28 12:00"),
    ("2028-02-29 12:00", 48, "2032-02-29 12:00"),
    ("2026-10-31 08:00", 1, "2026-11-30 08:00"),
    ("2026-03-31 08:00", 24, "2028-03-31 08:00"),
    # the year turns
    ("2026-11-15 08:00", 2, "2027-01-15 08:00"),
    ("2026-12-31 23:30", 14, "2028-02-29 23:30"),
])
def test_a_sheet_becomes_due_on_the_same_day_months_after_its_validation(app, people, clock, validated, months,
                                                                         due):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    def moment(text: str) -> datetime:  # the network's days are Paris days
        return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Europe/Paris"))

    app.config["FORUM_SHEET_REVIEW_MONTHS"] = months
    sheet = _sheet_in("submitted", people)
    clock.travel_to(moment(validated))
    actions.publish(people["animator"], sheet)
    assert sheet.review_due_at.replace(second=0, microsecond=0) == moment(due)
    clock.travel_to(moment(due) - timedelta(minutes=1))
    assert actions.mark_due_sheets(clock.now()) == 0
    clock.travel_to(moment(due) + timedelta(minutes=1))
    assert actions.mark_due_sheets(clock.now()) == 1
    assert sheet.status == "needs_update"


@pytest.mark.parametrize("validated, months, due", [
    ("2026-04-01 00:30", 24, "2028-04-01 00:30"),   # 22:30 UTC on 31 March
    ("2027-03-01 00:30", 6, "2027-09-01 00:30"),    # winter time to summer time: 23:30 UTC on 28 February
    ("2026-08-31 23:45", 6, "2027-02-28 23:45"),    # summer to winter, and the month has no 31st
    ("2026-10-25 01:30", 12, "2027-10-25 01:30"),   # the night the clocks go back
])
def test_the_due_day_is_counted_in_paris(app, people, clock, validated, months, due):
    """A sheet validated on a day in Paris is due on the same day in Paris, whatever UTC says."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    paris = ZoneInfo("Europe/Paris")
    app.config["FORUM_SHEET_REVIEW_MONTHS"] = months
    sheet = _sheet_in("submitted", people)
    clock.travel_to(datetime.fromisoformat(validated).replace(tzinfo=paris))
    actions.publish(people["animator"], sheet)
    assert sheet.review_due_at.astimezone(paris).strftime("%Y-%m-%d %H:%M") == due


def test_archiving_needs_a_reason_told_to_the_author(people):
    sheet = _sheet_in("published", people)
    with pytest.raises(actions.ActionError):
        actions.archive(people["animator"], sheet, "  ")
    db.session.rollback()
    actions.archive(people["animator"], sheet, "L'action s'est arrêtée")
    actions.restore(people["admin"], sheet)
    kinds = db.session.scalars(db.select(Notification.kind).where(Notification.user_id == people["author"].id)
                               .order_by(Notification.id)).all()
    assert kinds[-2:] == ["sheet_archived", "sheet_restored"]


def test_a_sheet_sent_back_says_so(people):
    sheet = _sheet_in("submitted", people)
    actions.request_changes(people["animator"], sheet, "Ajoutez les financeurs.")
    assert sheet.status == "draft" and sheet.state_label == "Modifications demandées"


def test_a_draft_is_its_author_s_until_submitted_then_reviewers_keep_seeing_it(people, make_client):
    from forum import policy

    sheet = factories.make_sheet(people["author"], "draft")
    animator, admin = people["animator"], people["admin"]
    for reviewer in (animator, admin):
        assert not policy.can(reviewer, "view", sheet) and not policy.can(reviewer, "view_work", sheet)
        assert not _listed(reviewer, sheet)
        browser = make_client(reviewer)
        for url in (f"/bibliotheque/{sheet.id}", f"/bibliotheque/{sheet.id}?version=travail",
                    f"/bibliotheque/{sheet.id}/historique"):
            assert browser.get(url).status_code in (403, 404), url
    assert make_client(people["author"]).get(f"/bibliotheque/{sheet.id}?version=travail").status_code == 200

    actions.submit(people["author"], sheet)
    assert policy.can(animator, "view_work", sheet)
    assert make_client(animator).get(f"/bibliotheque/{sheet.id}").status_code == 200
    actions.request_changes(animator, sheet, "Ajoutez les financeurs.")
    assert sheet.status == "draft"
    assert policy.can(animator, "view_work", sheet)  # sent back: still theirs to follow
    assert _listed(animator, sheet)


def _listed(user, sheet) -> bool:
    """The SQL side of the same rule: the sheet is among those the list filter lets through."""
    from forum import policy
    from forum.library.models import Sheet

    return sheet.id in db.session.scalars(db.select(Sheet.id).where(policy.visible_sheets(user))).all()
