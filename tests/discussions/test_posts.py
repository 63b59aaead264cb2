"""Replies, replies to a post, edits and history, deletion, solutions, reactions."""

from __future__ import annotations

from forum.discussions import actions
from forum.discussions.models import Post, Reaction, Revision
from forum.extensions import db
from tests.factories import first_post, make_reply, make_topic, theme
from tests.helpers import page_text


def _posts(topic) -> int:
    return db.session.scalar(db.select(db.func.count(Post.id)).where(Post.topic_id == topic.id))


def test_member_replies_and_the_topic_moves_up(make_client, member, other_member):
    older = make_topic(other_member, "Une discussion plus ancienne")
    topic = make_topic(member, "Question à laquelle on répond")
    make_topic(other_member, "Une discussion plus récente")
    browser = make_client(other_member)
    response = browser.post_form(f"/discussions/{topic.id}/repondre", {"body": "Nous faisons une navette."})
    assert response.status_code == 302 and "#message-" in response.headers["Location"]
    db.session.refresh(topic)
    assert topic.reply_count == 1 and topic.post_count == 2
    page = page_text(browser.get("/"))
    assert page.index("Question à laquelle on répond") < page.index("Une discussion plus récente")
    assert older


def test_reply_to_a_specific_post_shows_what_it_answers(make_client, member, other_member):
    topic = make_topic(member)
    answered = make_reply(other_member, topic, "Essayez la médiation navette avec le bailleur.")
    browser = make_client(member)
    browser.post_form(f"/discussions/{topic.id}/repondre", {"body": "Merci, bonne idée.", "reply_to": str(answered.id)})
    post = db.session.scalar(db.select(Post).where(Post.topic_id == topic.id).order_by(Post.number.desc()))
    assert post.reply_to_id == answered.id
    page = page_text(browser.get(f"/discussions/{topic.id}"))
    assert "En réponse à" in page and "Essayez la médiation navette" in page
    tree = page_text(browser.get(f"/discussions/{topic.id}?vue=arbre"))
    assert "depth-1" in browser.get(f"/discussions/{topic.id}?vue=arbre").get_data(as_text=True)
    assert "Merci, bonne idée." in tree


def test_reply_form_without_javascript_quotes_the_post(make_client, member, other_member):
    topic = make_topic(member)
    answered = make_reply(other_member, topic, "Nous passons en différé après trois appels.")
    page = page_text(make_client(member).get(f"/discussions/{topic.id}/repondre?a={answered.id}&citer=1"))
    assert "> Nous passons en différé après trois appels." in page
    assert f'name="reply_to" value="{answered.id}"' in page


def test_reply_form_shows_only_a_visible_post_of_this_topic(make_client, member, other_member, moderator):
    from forum.moderation import actions as moderation

    topic = make_topic(member)
    elsewhere = make_topic(member, "Une autre discussion")
    hidden = make_reply(other_member, topic, "Le fils de la gardienne du 12 était là.")
    moderation.hide_post(moderator, hidden, "Personne reconnaissable")
    browser = make_client(member)
    response = browser.get(f"/discussions/{topic.id}/repondre?a={hidden.id}&citer=1")
    assert response.status_code == 404 and "gardienne" not in page_text(response)
    other = make_reply(other_member, elsewhere, "Réponse ailleurs.")
    assert browser.get(f"/discussions/{topic.id}/repondre?a={other.id}").status_code == 404
    for odd in ("²", "99999999999999999999999"):
        assert browser.get(f"/discussions/{topic.id}/repondre", query_string={"a": odd}).status_code == 200


def test_replies_that_must_be_refused_write_nothing(make_client, member, other_member, admin, moderator):
    topic = make_topic(member)
    other_topic = make_topic(other_member, "Une autre discussion")
    elsewhere = make_reply(other_member, other_topic)
    removed = make_reply(other_member, topic, "À supprimer")
    actions.delete_post(other_member, removed)
    browser = make_client(member)
    before = _posts(topic)

    foreign = browser.post_form(f"/discussions/{topic.id}/repondre", {"body": "x", "reply_to": str(elsewhere.id)})
    assert foreign.status_code == 422 and "n'appartient pas à cette discussion" in page_text(foreign)
    deleted = browser.post_form(f"/discussions/{topic.id}/repondre", {"body": "x", "reply_to": str(removed.id)})
    assert deleted.status_code == 403
    missing = browser.post_form(f"/discussions/{topic.id}/repondre", {"body": "x", "reply_to": "999999"})
    assert missing.status_code == 422 and "n'existe plus" in page_text(missing)
    empty = browser.post_form(f"/discussions/{topic.id}/repondre", {"body": "  "})
    assert empty.status_code == 422 and "ne peut pas être vide" in page_text(empty)

    actions.set_locked(admin, topic, True)
    locked = browser.post_form(f"/discussions/{topic.id}/repondre", {"body": "Encore une chose"})
    assert locked.status_code == 409 and "vient d'être fermée" in page_text(locked)
    assert "Encore une chose" in page_text(locked)  # the text the member wrote is given back
    assert "fermée aux nouvelles réponses" in page_text(browser.get(f"/discussions/{topic.id}"))

    hidden = make_topic(other_member, "Discussion masquée par la modération")
    hidden.hidden_at = hidden.created_at
    db.session.commit()
    assert browser.post_form(f"/discussions/{hidden.id}/repondre", {"body": "x"}).status_code == 403
    assert browser.get(f"/discussions/{hidden.id}").status_code == 403
    assert _posts(topic) == before


def test_suspended_members_cannot_reply(client, member, other_member, admin):
    topic = make_topic(member)
    client.login(other_member)
    from tests.factories import suspend

    suspend(admin, other_member)
    response = client.post_form(f"/discussions/{topic.id}/repondre", {"body": "Je suis suspendu"})
    assert response.status_code in (302, 400)  # logged out: sent to login (or the form token is gone)
    assert _posts(topic) == 1


def test_edit_keeps_revisions_and_shows_modified(make_client, member, other_member, moderator):
    topic = make_topic(member)
    post = make_reply(member, topic, "Première version du message")
    browser = make_client(member)
    response = browser.post_form(f"/messages/{post.id}/modifier", {"body": "Deuxième version du message"})
    assert response.status_code == 302
    db.session.refresh(post)
    assert post.body == "Deuxième version du message" and post.edited_at is not None
    assert db.session.scalars(db.select(Revision.body).where(Revision.post_id == post.id)).all() == [
        "Première version du message"]
    page = page_text(browser.get(f"/discussions/{topic.id}"))
    assert "modifié" in page
    history = page_text(browser.get(f"/messages/{post.id}/historique"))
    assert "Première version du message" in history and "Deuxième version du message" in history
    assert make_client(moderator).get(f"/messages/{post.id}/historique").status_code == 200
    assert make_client(other_member).get(f"/messages/{post.id}/historique").status_code == 403


def test_member_cannot_edit_someone_elses_post(make_client, member, other_member):
    topic = make_topic(member)
    post = make_reply(other_member, topic, "Texte d'un collègue")
    browser = make_client(member)
    assert browser.get(f"/messages/{post.id}/modifier").status_code == 403
    assert browser.post_form(f"/messages/{post.id}/modifier", {"body": "Piraté"}).status_code == 403
    db.session.refresh(post)
    assert post.body == "Texte d'un collègue"


def test_edit_of_the_first_post_changes_the_title_and_runs_the_guard(make_client, member):
    topic = make_topic(member)
    browser = make_client(member)
    post = first_post(topic)
    refused = browser.post_form(f"/messages/{post.id}/modifier", {"title": "Mme Martin appelle encore",
                                                                   "body": post.body})
    assert refused.status_code == 422
    browser.post_form(f"/messages/{post.id}/modifier", {"title": "Appels répétés : quelle limite ?",
                                                         "body": post.body + " (précision)"})
    db.session.refresh(topic)
    assert topic.title == "Appels répétés : quelle limite ?"


def test_delete_own_reply_leaves_a_placeholder(make_client, member, other_member):
    topic = make_topic(other_member)
    post = make_reply(member, topic, "Je me suis trompé de discussion")
    browser = make_client(member)
    assert browser.post_form(f"/messages/{post.id}/supprimer").status_code == 302
    db.session.refresh(topic)
    assert topic.reply_count == 0
    page = page_text(browser.get(f"/discussions/{topic.id}"))
    assert "Message supprimé par son auteur." in page and "trompé de discussion" not in page


def test_first_post_cannot_be_deleted_once_answered_but_can_before(make_client, member, other_member):
    answered = make_topic(member, "Question avec une réponse")
    make_reply(other_member, answered)
    alone = make_topic(member, "Question sans réponse")
    browser = make_client(member)
    assert browser.post_form(f"/messages/{first_post(answered).id}/supprimer").status_code == 403
    assert browser.post_form(f"/messages/{first_post(alone).id}/supprimer").status_code == 302
    db.session.refresh(alone)
    assert alone.deleted_at is not None
    assert browser.get(f"/discussions/{alone.id}").status_code == 404
    assert "Question sans réponse" not in page_text(browser.get("/"))


def test_author_marks_the_solution_shown_first(make_client, member, other_member, outbox):
    topic = make_topic(member)
    make_reply(other_member, topic, "Une première piste")
    good = make_reply(other_member, topic, "La fiche de liaison avec le bailleur a tout changé.")
    browser = make_client(member)
    assert browser.post_form(f"/messages/{good.id}/solution").status_code == 302
    db.session.refresh(topic)
    assert topic.solved_post_id == good.id
    page = page_text(browser.get(f"/discussions/{topic.id}"))
    assert page.index("Solution retenue") < page.index("Une première piste")
    assert "Résolue" in page_text(browser.get("/?filtre=resolues"))
    browser.post_form(f"/messages/{good.id}/solution", {"retirer": "1"})
    db.session.refresh(topic)
    assert topic.solved_post_id is None


def test_only_the_author_animators_and_moderators_mark_solutions(make_client, member, other_member, animator,
                                                                  referent):
    topic = make_topic(member)
    post = make_reply(other_member, topic)
    assert make_client(referent).post_form(f"/messages/{post.id}/solution").status_code == 403
    assert make_client(other_member).post_form(f"/messages/{post.id}/solution").status_code == 403
    db.session.refresh(topic)
    assert topic.solved_post_id is None
    assert make_client(animator).post_form(f"/messages/{post.id}/solution").status_code == 302
    db.session.refresh(topic)
    assert topic.solved_post_id == post.id


def test_thanks_and_useful_once_per_member_and_reversible(make_client, member, other_member, referent):
    topic = make_topic(member)
    post = make_reply(other_member, topic)
    browser = make_client(member)
    browser.post_form(f"/messages/{post.id}/reaction", {"kind": "merci"})
    browser.post_form(f"/messages/{post.id}/reaction", {"kind": "utile"})
    make_client(referent).post_form(f"/messages/{post.id}/reaction", {"kind": "merci"})
    db.session.refresh(post)
    assert (post.thanks_count, post.useful_count) == (2, 1)
    browser.post_form(f"/messages/{post.id}/reaction", {"kind": "merci"})  # taken back
    db.session.refresh(post)
    assert (post.thanks_count, post.useful_count) == (1, 1)
    assert db.session.scalar(db.select(db.func.count(Reaction.id))) == 2
    bogus = browser.post_form(f"/messages/{post.id}/reaction", {"kind": "bravo"}, follow_redirects=True)
    assert "Réaction inconnue." in page_text(bogus)
    own = make_client(other_member).post_form(f"/messages/{post.id}/reaction", {"kind": "merci"})
    assert own.status_code == 403


def test_first_unread_and_permalink_land_on_the_right_post(make_client, member, other_member):
    topic = make_topic(member)
    browser = make_client(member)
    browser.get(f"/discussions/{topic.id}")
    replies = [make_reply(other_member, topic, f"Réponse {number}") for number in range(35)]
    response = browser.get(f"/discussions/{topic.id}/premier-non-lu")
    assert response.headers["Location"].endswith(f"page=1#message-{replies[0].id}")
    later = browser.get(f"/messages/{replies[-1].id}")
    assert later.headers["Location"].endswith(f"page=2#message-{replies[-1].id}")
    assert browser.get(f"/discussions/{topic.id}?page=9").status_code == 404


def test_animator_pins_locks_and_moves_a_topic_of_their_pole(make_client, member, animator):
    topic = make_topic(member)
    browser = make_client(animator)
    browser.post_form(f"/discussions/{topic.id}/epingler")
    browser.post_form(f"/discussions/{topic.id}/verrouiller", {"reason": "Le sujet est épuisé."})
    response = browser.post_form(f"/discussions/{topic.id}/deplacer", {
        "pole_id": str(topic.pole_id), "theme_id": str(theme("habitat-social").id), "reason": "Thème du logement."})
    assert response.status_code == 302
    db.session.refresh(topic)
    assert topic.pinned_at and topic.locked_at and topic.theme.slug == "habitat-social"
    assert make_client(member).post_form(f"/discussions/{topic.id}/epingler").status_code == 403
