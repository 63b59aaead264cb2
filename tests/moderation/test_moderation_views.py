"""Every moderation route through the HTTP client: who may use it, and what it changes."""

from __future__ import annotations

import pytest

from forum.discussions.models import Post, Revision, Topic
from forum.extensions import db
from forum.moderation.models import ModerationAction
from tests import factories
from tests.helpers import page_text, visible_text


def _journal(action: str) -> list[ModerationAction]:
    return list(db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == action)))


def _reloaded(post: Post) -> Post:
    db.session.expire_all()
    return db.session.get(Post, post.id)


# --- the queue ---------------------------------------------------------------------------

def test_the_queue_is_for_moderators(client, make_client, member, animator, moderator, admin, warned_post):
    assert client.get("/moderation/").status_code == 302  # visitors are asked to log in
    assert make_client(member).get("/moderation/").status_code == 403
    animator_page = make_client(animator).get("/moderation/")  # their poles' reports, not the privacy checks
    assert animator_page.status_code == 200 and "Mme Martin" not in page_text(animator_page)
    for person in (moderator, admin):
        page = make_client(person).get("/moderation/")
        assert page.status_code == 200
        assert "Mme Martin a rappelé ce soir." in page_text(page) and "Nom inventé, cas fictif" in page_text(page)


def test_a_held_post_is_published_not_just_checked(make_client, member, moderator, warned_post):
    refused = make_client(member).post_form(f"/moderation/messages/{warned_post.id}/vu")
    assert refused.status_code == 403 and _reloaded(warned_post).privacy_reviewed_at is None
    browser = make_client(moderator)
    response = browser.post_form(f"/moderation/messages/{warned_post.id}/vu", follow_redirects=True)
    assert "Ce message est retenu : publiez-le" in page_text(response)
    assert _reloaded(warned_post).privacy_reviewed_at is None and _journal("review_post") == []
    assert browser.post_form(f"/moderation/messages/{warned_post.id}/publier").status_code == 302
    assert _reloaded(warned_post).privacy_reviewed_at is not None
    [entry] = _journal("release_post")
    assert entry.actor_id == moderator.id and entry.target_id == warned_post.id
    assert "Mme Martin" not in page_text(browser.get("/moderation/"))
    assert browser.post_form("/moderation/messages/999999/vu").status_code == 302  # gone meanwhile: no error


# --- hiding and showing again -----------------------------------------------------------------

def test_members_and_animators_cannot_hide(make_client, member, animator, reply_post):
    for person in (member, animator):
        response = make_client(person).post_form(f"/moderation/messages/{reply_post.id}/masquer",
                                                 {"reason": "Hors sujet"})
        assert response.status_code == 403
    assert _reloaded(reply_post).hidden_at is None and _journal("hide_post") == []


def test_a_moderator_hides_a_reply_with_a_reason(make_client, member, moderator, topic, reply_post):
    browser = make_client(moderator)
    response = browser.post_form(f"/moderation/messages/{reply_post.id}/masquer",
                                 {"reason": "Personne reconnaissable", "next": f"/discussions/{topic.id}"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/discussions/{topic.id}")
    post = _reloaded(reply_post)
    assert post.hidden_at is not None and post.hidden_by_id == moderator.id
    assert db.session.get(Topic, topic.id).reply_count == 0
    [entry] = _journal("hide_post")
    assert entry.reason == "Personne reconnaissable" and entry.actor_id == moderator.id
    member_page = visible_text(make_client(member).get(f"/discussions/{topic.id}"))
    assert "Message masqué par la modération." in member_page and "médiation différée" not in member_page
    moderator_page = visible_text(browser.get(f"/discussions/{topic.id}"))
    assert "vous le voyez parce que vous modérez" in moderator_page and "médiation différée" in moderator_page


def test_hiding_needs_a_reason_and_changes_nothing_without_one(make_client, moderator, reply_post):
    browser = make_client(moderator)
    response = browser.post_form(f"/moderation/messages/{reply_post.id}/masquer", {"reason": "   "},
                                 follow_redirects=True)
    assert "Indiquez le motif" in page_text(response)
    assert _reloaded(reply_post).hidden_at is None and _journal("hide_post") == []


def test_hiding_a_question_hides_its_discussion_from_members_not_from_moderators(make_client, member, moderator,
                                                                                topic):
    question = factories.first_post(topic)
    make_client(moderator).post_form(f"/moderation/messages/{question.id}/masquer", {"reason": "Cas reconnaissable"})
    assert db.session.get(Topic, topic.id).hidden_at is not None
    assert make_client(member).get(f"/discussions/{topic.id}").status_code == 403
    assert topic.title not in page_text(make_client(member).get("/discussions"))
    listing = page_text(make_client(moderator).get("/discussions"))
    assert topic.title in listing and "Masquée par la modération" in listing


def test_a_moderator_shows_a_hidden_post_again(make_client, member, moderator, topic, hidden_post):
    assert make_client(member).post_form(f"/moderation/messages/{hidden_post.id}/retablir").status_code == 403
    assert _reloaded(hidden_post).hidden_at is not None
    response = make_client(moderator).post_form(f"/moderation/messages/{hidden_post.id}/retablir")
    assert response.status_code == 302
    post = _reloaded(hidden_post)
    assert post.hidden_at is None and post.hidden_by_id is None
    assert db.session.get(Topic, topic.id).reply_count == 2
    assert [entry.target_id for entry in _journal("unhide_post")] == [hidden_post.id]
    assert "Une réponse qui nommait" in page_text(make_client(member).get(f"/discussions/{topic.id}"))


def test_a_visible_post_cannot_be_shown_again(make_client, moderator, reply_post):
    assert make_client(moderator).post_form(f"/moderation/messages/{reply_post.id}/retablir").status_code == 403
    assert _journal("unhide_post") == []


# --- masking a passage -------------------------------------------------------------------------

def test_a_moderator_masks_a_passage_in_the_post_and_its_earlier_versions(make_client, member, moderator, topic):
    from forum.discussions.actions import edit_post

    question = factories.first_post(topic)
    edit_post(member, question, "Le grand Momo du square appelle encore. Comment faire ?")
    edit_post(member, question, "Un jeune du quartier appelle encore. Comment faire ?")  # gone from the text only
    assert make_client(member).post_form(f"/moderation/messages/{question.id}/caviarder",
                                         {"passage": "grand Momo", "reason": "Surnom"}).status_code == 403
    response = make_client(moderator).post_form(f"/moderation/messages/{question.id}/caviarder",
                                                {"passage": "grand Momo", "reason": "Surnom reconnaissable"},
                                                follow_redirects=True)
    assert "Passage masqué (1 occurrence" in page_text(response)
    versions = db.session.scalars(db.select(Revision).where(Revision.post_id == question.id)).all()
    assert all("Momo" not in version.body and "Momo" not in version.body_html for version in versions)
    assert any("[masqué]" in version.body_html for version in versions)
    [entry] = _journal("mask_post")
    assert entry.reason == "Surnom reconnaissable"


def test_masking_a_passage_the_post_does_not_hold_says_so(make_client, moderator, reply_post):
    before = _reloaded(reply_post).body
    response = make_client(moderator).post_form(f"/moderation/messages/{reply_post.id}/caviarder",
                                                {"passage": "introuvable", "reason": "Adresse"},
                                                follow_redirects=True)
    assert "Ce passage ne figure ni dans le message" in page_text(response)
    assert _reloaded(reply_post).body == before and _journal("mask_post") == []
    missing = make_client(moderator).post_form(f"/moderation/messages/{reply_post.id}/caviarder",
                                               {"passage": "", "reason": ""}, follow_redirects=True)
    assert "Copiez le passage exact" in page_text(missing) and "Indiquez le motif" in page_text(missing)


# --- odd requests ----------------------------------------------------------------------------------

@pytest.mark.parametrize("route", ["masquer", "caviarder", "retablir"])
def test_an_unknown_post_is_a_404(make_client, moderator, route):
    response = make_client(moderator).post_form(f"/moderation/messages/999999/{route}",
                                                {"reason": "x", "passage": "xx"})
    assert response.status_code == 404


def test_a_button_without_its_csrf_token_is_refused(make_client, moderator, reply_post):
    response = make_client(moderator).post(f"/moderation/messages/{reply_post.id}/masquer",
                                           data={"reason": "Hors sujet"})
    assert response.status_code == 400 and _reloaded(reply_post).hidden_at is None


def test_the_way_back_stays_on_this_site(make_client, moderator, reply_post):
    response = make_client(moderator).post_form(f"/moderation/messages/{reply_post.id}/masquer",
                                                {"reason": "Hors sujet", "next": "https://ailleurs.example/"})
    assert response.headers["Location"].endswith("/moderation/")
