"""Masking and hiding reach every copy: quotations, earlier versions, sheets and their comments,
e-mails sent or waiting, and the search index. The scan test looks for the passage in every text
column of every table and in the index."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import String, Text, func

from forum.discussions import actions as discussions
from forum.discussions.models import Post
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation import actions
from forum.moderation.models import ModerationAction, Statement
from forum.notifications import actions as notify
from forum.notifications import mail
from forum.notifications.models import MailMessage
from forum.search import outbox
from tests import factories
from tests.helpers import visible_text
from tests.search.conftest import snippets, titles

PASSAGE = "le fils Garnier-Lopez du square"
HIDDEN_MARK = "[passage d'un message retiré par la modération]"


def _holders(word: str) -> list[str]:
    """« table.column » of every text column holding ``word`` (any case), across the whole database."""
    db.session.expire_all()
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, (String, Text)):
                hits = db.session.scalar(db.select(func.count()).select_from(table)
                                         .where(func.lower(column).contains(word.lower())))
                if hits:
                    found.append(f"{table.name}.{column.name}")
    return found


def _quote(text: str) -> str:
    return "> " + text.replace("\n", "\n> ") + "\n\n"


@pytest.fixture
def indexed(app):
    return lambda: outbox.drain(blocking=True)


@pytest.fixture
def quoted_thread(member, other_member, referent, animator):
    """A post naming someone, edited once (the earlier version keeps the name), quoted in two
    replies (one through « Citer » on the Markdown, one on a selection of the page's text), and
    mentioning the member, whose e-mail has left."""
    notify.update_preferences(member, member, email_mode="immediate", quiet_start=0, quiet_end=0, digest_hour=17)
    topic = factories.make_topic(member, "Un jeune relance les voisins la nuit")
    named = factories.make_reply(other_member, topic, f"@Léa Membre : nous avons rencontré {PASSAGE} hier soir.")
    discussions.edit_post(other_member, named, f"@Léa Membre : nous avons rencontré {PASSAGE} hier soir, "
                                               "il accepte une médiation.")
    first = factories.make_reply(referent, topic, _quote(named.body) + "Bonne nouvelle, merci.", reply_to=named)
    second = factories.make_reply(animator, topic, "> rencontré le fils Garnier-Lopez\n> du square hier soir\n\n"
                                                   "Pensez à la fiche de liaison.")
    assert mail.deliver_pending()[0] >= 1
    assert db.session.scalar(db.select(MailMessage).where(MailMessage.kind == "notification-mention")).sent_at
    return topic, named, first, second


def test_masking_a_passage_removes_it_from_every_table_and_the_index(make_client, member, moderator, quoted_thread,
                                                                      indexed):
    topic, named, first, second = quoted_thread
    indexed()
    browser = make_client(member)
    assert titles(browser, "Garnier") == [topic.title]
    sent = db.session.scalars(db.select(MailMessage).where(MailMessage.sent_at.is_not(None))).all()
    assert any("Garnier-Lopez" in message.body for message in sent)
    assert {"posts.body", "posts.body_html", "posts.excerpt", "revisions.body", "mail_messages.body"} <= \
        set(_holders("Garnier"))

    count = actions.mask_passage(moderator, named, PASSAGE, "Personne reconnaissable")
    indexed()

    assert count >= 5
    assert _holders("Garnier") == [] and _holders("Lopez") == []
    assert titles(browser, "Garnier") == [] and titles(make_client(moderator), "Lopez") == []
    assert all("Garnier" not in snippet for snippet in snippets(browser, "médiation"))
    db.session.expire_all()
    assert "[masqué]" in db.session.get(Post, first.id).body and "[masqué]" in db.session.get(Post, second.id).body
    assert "Bonne nouvelle" in db.session.get(Post, first.id).body  # the quoting author's own words stay
    page = visible_text(browser.get(f"/discussions/{topic.id}"))
    assert "Garnier" not in page and "[masqué]" in page
    [entry] = db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == "mask_post")).all()
    detail = json.loads(entry.detail)
    assert detail["quoting_posts"] == 2 and detail["versions"] == 1 and detail["emails"] >= 1
    assert "Garnier" not in entry.detail + entry.reason + entry.target_label
    [statement] = db.session.scalars(db.select(Statement).where(Statement.member_id == named.author_id)).all()
    assert statement.action == "mask_post" and "situations" in statement.rule


def test_a_passage_masked_twice_at_once_is_masked_and_logged_once(moderator, admin, quoted_thread):
    _topic, named, _first, _second = quoted_thread
    stale = db.session.get(Post, named.id)
    actions.mask_passage(moderator, named, PASSAGE, "Personne reconnaissable")
    with pytest.raises(ActionError, match="un autre modérateur vient peut-être de le masquer"):
        actions.mask_passage(admin, stale, PASSAGE, "Même chose")
    assert len(db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == "mask_post")).all()) == 1


# --- hiding a quoted post ------------------------------------------------------------------------

def test_hiding_a_quoted_post_withdraws_its_quotations_and_showing_it_brings_them_back(
        make_client, member, moderator, quoted_thread, indexed):
    topic, named, first, second = quoted_thread
    browser = make_client(member)
    actions.hide_post(moderator, named, "Personne reconnaissable")
    indexed()
    page = visible_text(browser.get(f"/discussions/{topic.id}"))
    assert "Garnier" not in page and page.count(HIDDEN_MARK) == 2
    assert "Bonne nouvelle, merci." in page and "Pensez à la fiche de liaison." in page
    assert titles(browser, "Garnier") == [] and titles(browser, "liaison") == [topic.title]
    db.session.expire_all()
    assert "Garnier" in db.session.get(Post, first.id).body  # the source is kept, to come back
    # Quoting the quoting post does not bring the hidden text back either.
    quote_form = visible_text(browser.get(f"/discussions/{topic.id}/repondre?a={first.id}&citer=1"))
    assert "Garnier" not in quote_form and HIDDEN_MARK in quote_form
    [entry] = db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == "hide_post")).all()
    assert json.loads(entry.detail)["quoting_posts"] == 2

    actions.unhide_post(moderator, db.session.get(Post, named.id))
    indexed()
    page = visible_text(browser.get(f"/discussions/{topic.id}"))
    assert HIDDEN_MARK not in page and page.count("Garnier-Lopez") >= 3
    assert titles(browser, "Garnier") == [topic.title]


def test_a_short_or_unrelated_quote_is_not_taken_for_a_quotation(member, other_member, referent, moderator):
    topic = factories.make_topic(member, "Des réunions avec le bailleur")
    hidden = factories.make_reply(other_member, topic, "Oui, tout à fait, le bailleur répond vite chez nous.")
    elsewhere = factories.make_reply(referent, topic, "> Oui\n\nMoi aussi.\n\n> Une phrase d'un tout autre article\n\nFin.")
    actions.hide_post(moderator, hidden, "Hors sujet")
    db.session.expire_all()
    html = db.session.get(Post, elsewhere.id).body_html
    assert HIDDEN_MARK not in html and "Une phrase d'un tout autre article" in html


def test_a_quotation_inside_a_quotation_is_withdrawn_too(member, other_member, referent, animator, moderator):
    topic = factories.make_topic(member, "Des réunions avec le bailleur")
    hidden = factories.make_reply(other_member, topic, "Le gardien de la tour Sud nous appelle chaque soir.")
    middle = factories.make_reply(referent, topic, _quote(hidden.body) + "Chez nous aussi.", reply_to=hidden)
    outer = factories.make_reply(animator, topic, _quote(middle.body) + "Et ici.", reply_to=middle)
    actions.hide_post(moderator, hidden, "Personne reconnaissable")
    db.session.expire_all()
    html = db.session.get(Post, outer.id).body_html
    assert "tour Sud" not in html and HIDDEN_MARK in html and "Chez nous aussi." in html
