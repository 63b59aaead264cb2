"""Watched words: the administrators' page, and what each effect does to a publication."""

from __future__ import annotations

import time

import pytest

from forum.discussions import actions as discussions
from forum.discussions.models import Post, Topic
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation import actions, watchwords
from forum.moderation.models import CaseOrigin, ModerationAction, ModerationCase, WatchedWord
from forum.notifications.models import Notification
from tests import factories
from tests.helpers import page_text

PAGE = "/moderation/mots-surveilles"


def _journal(action: str) -> list[ModerationAction]:
    return list(db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == action)))


def _watch(admin, phrase: str, effect: str) -> WatchedWord:
    return watchwords.add_word(admin, phrase, effect)


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


# --- the matcher -----------------------------------------------------------------------------

ENTRIES = (("hebergement", "signaler", "Hébergement"), ("rat", "signaler", "rat"),
           ("mot de passe", "signaler", "mot de passe"), ("coeur", "signaler", "cœur"))


@pytest.mark.parametrize(("text", "found"), [
    ("Un HEBERGEMENT d'urgence", ["Hébergement"]),  # accents and case folded, both ways
    ("hébergement", ["Hébergement"]),
    ("Il va rater son bus.", []),  # whole words only
    ("Un rat, des rats.", ["rat"]),
    ("Le Mot-de-passe affiché", ["mot de passe"]),  # an expression: consecutive whole words
    ("Des mots de passe", []),
    ("Le mot de la fin, passe", []),
    ("Avoir du COEUR", ["cœur"]),  # ligatures too
    ("", []),
])
def test_matching_folds_accents_and_case_and_takes_whole_words(app, text, found):
    assert list(watchwords.find(text, ENTRIES)) == found


def test_a_long_text_and_a_300_letter_word_are_checked_in_bounded_time(app):
    many = tuple((f"mot{i} de passe{i}", "signaler", f"m{i}") for i in range(2000)) + ENTRIES
    text = ("Hébergement d'urgence, mot de " * 4000)[:100_000] + " " + "a" * 300
    started = time.perf_counter()
    found = watchwords.find(text, many)
    assert found == {"Hébergement": "signaler"} and time.perf_counter() - started < 1.0


# --- the administrators' page ----------------------------------------------------------------

def test_only_administrators_manage_watched_words(client, make_client, member, animator, moderator, admin):
    assert client.get(PAGE).status_code == 302  # visitors are asked to log in
    for person in (member, animator, moderator):
        browser = make_client(person)
        assert browser.get(PAGE).status_code == 403
        assert browser.post_form(PAGE, {"phrase": "arnaque", "effect": "bloquer"}).status_code == 403
    assert _count(WatchedWord) == 0 and _journal("add_watched_word") == []
    word = _watch(admin, "arnaque", "bloquer")
    assert make_client(moderator).post_form(f"{PAGE}/{word.id}/retirer").status_code == 403
    assert _count(WatchedWord) == 1


def test_an_administrator_adds_and_removes_a_word_in_the_journal(make_client, admin):
    browser = make_client(admin)
    assert "Aucun mot surveillé" in page_text(browser.get(PAGE))
    response = browser.post_form(PAGE, {"phrase": "  Hébergement   d'urgence ", "effect": "retenir"},
                                 follow_redirects=True)
    assert "« Hébergement d'urgence » est surveillé" in page_text(response)
    word = db.session.scalar(db.select(WatchedWord))
    assert (word.phrase, word.folded, word.effect) == ("Hébergement d'urgence", "hebergement d urgence", "retenir")
    [added] = _journal("add_watched_word")
    assert added.actor_id == admin.id and added.target_id == word.id and '"effect": "retenir"' in added.detail
    again = browser.post_form(PAGE, {"phrase": "HEBERGEMENT D'URGENCE", "effect": "bloquer"})
    assert again.status_code == 422 and "déjà surveillé" in page_text(again)
    word_id = word.id
    response = browser.post_form(f"{PAGE}/{word_id}/retirer", follow_redirects=True)
    assert "n'est plus surveillé" in page_text(response) and _count(WatchedWord) == 0
    [removed] = _journal("remove_watched_word")
    assert removed.target_id == word_id and removed.target_label == "Hébergement d'urgence"
    twice = browser.post_form(f"{PAGE}/{word_id}/retirer", follow_redirects=True)
    assert "un autre administrateur vient de le retirer" in page_text(twice)
    assert len(_journal("remove_watched_word")) == 1


@pytest.mark.parametrize(("data", "message"), [
    ({"phrase": "a" * 300, "effect": "bloquer"}, "100 caractères au maximum"),
    ({"phrase": "   ", "effect": "bloquer"}, "Écrivez le mot"),
    ({"phrase": "« … »", "effect": "bloquer"}, "au moins une lettre"),
    ({"phrase": "arnaque", "effect": "supprimer"}, "Choisissez une option dans la liste"),
])
def test_bad_entries_are_refused_in_french(make_client, admin, data, message):
    response = make_client(admin).post_form(PAGE, data)
    assert response.status_code == 422 and message in page_text(response)
    assert _count(WatchedWord) == 0


# --- what each effect does ---------------------------------------------------------------------

def test_a_blocking_word_refuses_the_post_and_keeps_the_text(make_client, admin, member, topic):
    _watch(admin, "arnaque", "bloquer")
    posts = _count(Post)
    browser = make_client(member)
    response = browser.post_form(f"/discussions/{topic.id}/repondre", {"body": "C'est une ARNAQUE évidente."})
    assert response.status_code == 422
    assert "« arnaque » fait partie des expressions que le forum n'accepte pas" in page_text(response)
    assert "C&#39;est une ARNAQUE évidente." in response.get_data(as_text=True)  # the form keeps what was written
    assert _count(Post) == posts and _count(ModerationCase) == 0
    with pytest.raises(ActionError, match="arnaque"):  # in a title too
        discussions.start_topic(member, pole=factories.pole("bretagne"), theme=factories.theme("transports"),
                                kind="question", title="Une arnaque au bailleur", body="Que faire ?")
    assert "pour arnaquer" not in watchwords.find("pour arnaquer", (("arnaque", "bloquer", "arnaque"),))


def test_a_blocking_word_refuses_an_edit(admin, other_member, reply_post):
    _watch(admin, "arnaque", "bloquer")
    with pytest.raises(ActionError, match="arnaque"):
        discussions.edit_post(other_member, reply_post, "Finalement c'est une arnaque.")
    db.session.rollback()
    assert "arnaque" not in db.session.get(Post, reply_post.id).body


def test_a_holding_word_holds_the_post_with_a_case_that_is_not_urgent(make_client, admin, member, other_member,
                                                                      topic, moderator):
    _watch(admin, "Hébergement", "retenir")
    notifications = _count(Notification)
    browser = make_client(other_member)
    response = browser.post_form(f"/discussions/{topic.id}/repondre",
                                 {"body": "Voyez le service d'hebergement d'urgence."}, follow_redirects=True)
    assert "en attente de vérification" in page_text(response)
    post = db.session.scalar(db.select(Post).order_by(Post.id.desc()))
    assert post.held_at is not None and _count(Notification) == notifications
    case = db.session.scalar(db.select(ModerationCase))
    assert (case.origin, case.urgent) == (CaseOrigin.WATCHED_WORD, False)
    [entry] = _journal("hold_post")
    assert entry.automatic and "Hébergement" in entry.detail
    assert "hebergement" not in page_text(make_client(member).get(f"/discussions/{topic.id}"))
    queue = page_text(make_client(moderator).get("/moderation/"))
    assert "Mots surveillés : « Hébergement »" in queue and "Publier (vérifié)" in queue
    actions.release_post(moderator, post)
    assert db.session.get(Topic, topic.id).reply_count == 2 and _count(Notification) > notifications


def test_a_flagging_word_publishes_and_shows_the_words_in_the_queue(make_client, admin, member, moderator, topic):
    _watch(admin, "mot de passe", "signaler")
    post = discussions.reply(member, topic, "J'ai noté le Mot-de-passe du poste d'accueil.")
    assert post.is_visible and db.session.get(Topic, topic.id).reply_count == 2
    case = db.session.scalar(db.select(ModerationCase))
    assert (case.origin, case.target_id, case.urgent) == (CaseOrigin.WATCHED_WORD, post.id, False)
    [entry] = _journal("flag_post")
    assert entry.automatic and entry.case_id == case.id
    browser = make_client(moderator)
    queue = page_text(browser.get("/moderation/"))
    assert "Mots surveillés : « mot de passe »" in queue and "Publié, relevé" in queue
    browser.post_form(f"/moderation/messages/{post.id}/vu")  # checked, nothing to do: the case is answered
    db.session.expire_all()
    assert db.session.get(ModerationCase, case.id).open_key is None
    assert "mot de passe" not in page_text(browser.get("/moderation/"))


def test_a_flagging_word_in_an_edit_opens_a_case(admin, other_member, reply_post):
    _watch(admin, "rat", "signaler")
    discussions.edit_post(other_member, reply_post, "Un rat dans le local poubelles.")
    assert db.session.get(Post, reply_post.id).is_visible
    assert db.session.scalar(db.select(ModerationCase)).origin == CaseOrigin.WATCHED_WORD
    discussions.edit_post(other_member, reply_post, "Il va rater son bus.")  # no word: nothing more
    assert len(_journal("flag_post")) == 1


# --- sheets and their comments ------------------------------------------------------------------

def test_watched_words_in_sheets_and_comments(admin, member, animator):
    from forum.library import actions as library

    _watch(admin, "arnaque", "bloquer")
    _watch(admin, "Hébergement", "retenir")
    with pytest.raises(ActionError, match="arnaque") as refused:
        factories.make_sheet(member, results="Une arnaque évitée.")
    assert refused.value.field == "results"
    db.session.rollback()
    sheet = factories.make_sheet(member, status="submitted", partners="Le service d'hebergement d'urgence")
    case = db.session.scalar(db.select(ModerationCase).where(ModerationCase.target_type == "Sheet"))
    assert (case.origin, case.target_id, case.pole_id) == (CaseOrigin.WATCHED_WORD, sheet.id, sheet.pole_id)
    note = library.comment(animator, sheet, "Quel hébergement exactement ?")
    comment_case = db.session.scalar(db.select(ModerationCase).where(ModerationCase.target_type == "SheetComment"))
    assert comment_case.target_id == note.id and comment_case.member_id == animator.id
    assert [entry.pole_id for entry in _journal("flag_post")] == [sheet.pole_id, sheet.pole_id]
