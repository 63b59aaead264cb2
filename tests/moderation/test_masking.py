"""Masking and hiding reach every copy: quotations, earlier versions, sheets and their comments,
e-mails sent or waiting, and the search index. The scan test looks for the passage in every text
column of every table and in the index."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import String, Text, func

from forum.discussions import actions as discussions
from forum.discussions.models import Post
from forum.errors import ActionError
from forum.extensions import db
from forum.library import actions as library_actions
from forum.library.models import Sheet, SheetComment, SheetRevision
from forum.moderation import actions, masking
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


def test_masking_a_passage_removes_it_from_every_table_and_the_index(make_client, member, animator, moderator,
                                                                      quoted_thread, indexed):
    topic, named, first, second = quoted_thread
    sheet = factories.make_sheet(member, "submitted", title="Médiation après les appels répétés")
    library_actions.request_changes(animator, sheet, f"Retirez {PASSAGE} de la fiche, s'il vous plaît.")
    [comment] = db.session.scalars(db.select(SheetComment).where(SheetComment.sheet_id == sheet.id)).all()
    indexed()
    browser = make_client(member)
    assert titles(browser, "Garnier") == [topic.title]
    sent = db.session.scalars(db.select(MailMessage).where(MailMessage.sent_at.is_not(None))).all()
    assert any("Garnier-Lopez" in message.body for message in sent)
    assert {"posts.body", "posts.body_html", "posts.excerpt", "revisions.body", "mail_messages.body"} <= \
        set(_holders("Garnier"))

    assert {"sheet_comments.body", "sheet_events.note"} <= set(_holders("Garnier"))
    with outbox.store().index().searcher() as searcher:
        assert any("garnier" in str(fields).lower() for fields in searcher.all_stored_fields())

    count = actions.mask_passage(moderator, named, PASSAGE, "Personne reconnaissable")
    assert masking.mask_comment_passage(moderator, comment, PASSAGE, "Personne reconnaissable") >= 2
    indexed()

    assert count >= 5
    assert _holders("Garnier") == [] and _holders("Lopez") == []
    with outbox.store().index().searcher() as searcher:  # what the index keeps of its live documents
        assert all("garnier" not in str(fields).lower() for fields in searcher.all_stored_fields())
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


def test_two_moderators_masking_or_hiding_at_once_one_wins_the_other_is_told(app, member, animator, moderator,
                                                                             admin, quoted_thread):
    """Each moderator in a thread of their own (own session and connection), loading first, then
    acting together: one masks, the other is told; one journal entry, one statement."""
    _topic, named, _first, _second = quoted_thread
    sheet = factories.make_sheet(member, "submitted", title="Fiche à relire")
    comment = library_actions.comment(animator, sheet, "Un commentaire à masquer.")
    ids = {"post": named.id, "comment": comment.id, "actors": [moderator.id, admin.id]}
    db.session.commit()
    outcomes = []

    def together(step) -> None:
        barrier = threading.Barrier(2)

        def act(index: int) -> None:
            with app.app_context():
                try:
                    actor = db.session.get(type(moderator), ids["actors"][index])
                    post, note = db.session.get(Post, ids["post"]), db.session.get(SheetComment, ids["comment"])
                    barrier.wait()  # both loaded the item as it was: each believes it may act
                    step(actor, post, note)
                    outcomes.append("done")
                except ActionError as error:
                    outcomes.append(error.message)
                finally:
                    db.session.remove()

        threads = [threading.Thread(target=act, args=(index,)) for index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    together(lambda actor, post, _note: actions.mask_passage(actor, post, PASSAGE, "Personne reconnaissable"))
    together(lambda actor, _post, note: masking.hide_comment(actor, note, "Propos déplacés"))
    assert sorted(outcome == "done" for outcome in outcomes) == [False, False, True, True], outcomes
    db.session.expire_all()
    for code in ("mask_post", "hide_comment"):
        assert len(db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == code)).all()) == 1
    assert len(db.session.scalars(db.select(Statement)).all()) == 2


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


# --- sheets and their review comments ---------------------------------------------------------------

def test_masking_a_sheet_passage_reaches_every_version_the_index_and_the_mails(make_client, member, animator,
                                                                             moderator, indexed):
    sheet = factories.make_sheet(member, "published", reviewer=animator, title="Binômes avec Garnier-Lopez",
                                 context="Le gardien Garnier-Lopez nous alertait chaque soir.")
    library_actions.save_sheet(member, sheet, factories.sheet_form(
        title="Binômes avec Garnier-Lopez", context="Le gardien Garnier-Lopez nous alerte encore.",
        structure_id=member.structure_id))
    indexed()
    assert titles(make_client(member), "Garnier") == ["Binômes avec Garnier-Lopez"]
    assert make_client(member).post_form(f"/moderation/fiches/{sheet.id}/caviarder",
                                         {"passage": "Garnier-Lopez", "reason": "Nom"}).status_code == 403
    browser = make_client(moderator)
    page = browser.get(f"/bibliotheque/{sheet.id}")
    assert "Caviarder un passage de la fiche" in visible_text(page)
    response = browser.post_form(f"/moderation/fiches/{sheet.id}/caviarder",
                                 {"passage": "Garnier-Lopez", "reason": "Personne nommée", "next": f"/bibliotheque/{sheet.id}"},
                                 follow_redirects=True)
    assert "Passage masqué" in visible_text(response)
    indexed()
    assert _holders("Garnier") == []
    # (« Garnier » would still find « gardien » by spelling tolerance: the name itself is gone.)
    assert titles(make_client(member), "Lopez") == [] and len(titles(make_client(member), "Binômes")) == 1
    revisions = db.session.scalars(db.select(SheetRevision).where(SheetRevision.sheet_id == sheet.id)).all()
    assert len(revisions) == 2 and all("[masqué]" in revision.context_html for revision in revisions)
    [entry] = db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == "mask_sheet")).all()
    assert json.loads(entry.detail)["versions"] == 2 and entry.pole_id == sheet.pole_id
    assert db.session.scalar(db.select(Statement).where(Statement.member_id == member.id)).action == "mask_sheet"
    assert db.session.get(Sheet, sheet.id).known_title == "Binômes avec [masqué]"


def test_a_hidden_comment_reads_as_masked_to_its_readers_and_comes_back(make_client, member, animator, admin,
                                                                      moderator):
    sheet = factories.make_sheet(member, "submitted", title="Fiche à relire")
    note = library_actions.comment(animator, sheet, "Un commentaire blessant sur l'autrice.")
    library_actions.request_changes(animator, sheet, "Une demande qui vise le gardien Tartempion.")
    asked = db.session.scalars(db.select(SheetComment).where(SheetComment.id != note.id)).one()
    assert make_client(member).post_form(f"/moderation/commentaires/{note.id}/masquer",
                                         {"reason": "x"}).status_code == 403
    reviewer = make_client(admin)  # administrators review and moderate: they see the buttons
    assert "Masquer le commentaire" in visible_text(reviewer.get(f"/bibliotheque/{sheet.id}"))
    stale = db.session.get(SheetComment, note.id)
    db.session.expunge(stale)  # read by a second moderator before the first one's click
    for comment in (note, asked):
        response = make_client(moderator).post_form(f"/moderation/commentaires/{comment.id}/masquer",
                                                     {"reason": "Propos déplacés"})
        assert response.status_code == 302
    author_page = visible_text(make_client(member).get(f"/bibliotheque/{sheet.id}"))
    assert author_page.count("Commentaire masqué par la modération.") == 2
    assert "blessant" not in author_page and "Tartempion" not in author_page
    assert "commentaire masqué par la modération" in author_page  # the step that copied the request
    assert "blessant" in visible_text(reviewer.get(f"/bibliotheque/{sheet.id}"))  # moderators still read it
    with pytest.raises(ActionError, match="vient d'être masqué"):
        masking.hide_comment(admin, stale, "Encore")
    entries = db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == "hide_comment")).all()
    assert len(entries) == 2 and {entry.pole_id for entry in entries} == {sheet.pole_id}
    assert make_client(moderator).post_form(f"/moderation/commentaires/{note.id}/retablir").status_code == 302
    assert "blessant" in visible_text(make_client(member).get(f"/bibliotheque/{sheet.id}"))


def test_the_case_page_slot_offers_the_forms_that_fit_the_target(app, member, animator, moderator, topic,
                                                                 hidden_post):
    from types import SimpleNamespace

    from flask import g, render_template

    sheet = factories.make_sheet(member, "submitted", title="Fiche signalée")
    comment = library_actions.comment(animator, sheet, "Un commentaire signalé.")
    case = SimpleNamespace(id=7)
    expected = {
        factories.post_number(topic, 2): ("/moderation/messages/", "Masquer le message", "Passage exact à masquer"),
        hidden_post: ("Rétablir le message",),
        db.session.get(type(topic), topic.id): ("Masquer la discussion", "/moderation/discussions/"),
        sheet: ("Caviarder un passage de la fiche", f"/moderation/fiches/{sheet.id}/caviarder"),
        comment: ("Masquer le commentaire", f"/moderation/commentaires/{comment.id}/caviarder"),
        None: ("n'existe plus",),
    }
    with app.test_request_context("/moderation/dossiers/7"):
        g.reader = moderator  # whom the templates' can() asks for
        for target, needles in expected.items():
            html = render_template("moderation/_case_actions_content.html", case=case, target=target)
            assert all(needle in html for needle in needles), (target, html)
            if target is not None:
                assert 'name="reason"' in html and 'value="/moderation/dossiers/7"' in html
    with app.test_request_context("/moderation/dossiers/7"):
        g.reader = member
        assert "<form" not in render_template("moderation/_case_actions_content.html", case=case, target=sheet)
        del g.reader


def test_the_authors_reason_for_publishing_over_a_warning_loses_the_passage_too(topic, referent, moderator):
    post = discussions.reply(referent, topic, "Mme Martin a rappelé ce soir.",
                             privacy_reason="Mme Martin est un nom inventé")
    actions.mask_passage(moderator, post, "Mme Martin", "Personne nommée")
    assert _holders("Martin") == []


def test_hiding_a_post_withdraws_the_waiting_e_mails_of_the_replies_quoting_it(member, other_member, referent,
                                                                                moderator):
    notify.update_preferences(member, member, email_mode="immediate", quiet_start=0, quiet_end=0, digest_hour=17)
    topic = factories.make_topic(member, "Un jeune relance les voisins la nuit")
    named = factories.make_reply(other_member, topic, f"Nous avons rencontré {PASSAGE} hier soir.")
    quoting = factories.make_reply(referent, topic, _quote(named.body) + "Bonne nouvelle.", reply_to=named)
    unrelated = factories.make_reply(referent, topic, "Une autre réponse, sans citation.")
    waiting = {message.post_id for message in db.session.scalars(db.select(MailMessage))}
    assert {named.id, quoting.id, unrelated.id} <= waiting
    actions.hide_post(moderator, named, "Personne reconnaissable")
    db.session.expire_all()
    assert {message.post_id for message in db.session.scalars(db.select(MailMessage))} & {named.id, quoting.id} == set()
    assert db.session.scalar(db.select(MailMessage).where(MailMessage.post_id == unrelated.id)) is not None
