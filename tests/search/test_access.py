"""Nothing leaks: results, snippets and counts only show what the reader may open."""

from __future__ import annotations

from forum.discussions import actions as discussion_actions
from forum.extensions import db
from forum.library import actions as library_actions
from forum.moderation import actions as moderation_actions
from forum.search.models import SearchOutbox
from tests import factories
from tests.helpers import page_text, visible_text
from tests.search.conftest import snippets, titles


def test_visitors_find_only_public_sheets(client, make_client, member, animator, indexed):
    factories.make_topic(member, "Tournées de nuit en binôme")
    factories.make_sheet(member, "published", reviewer=animator, title="Tournées publiques", visibility="public")
    factories.make_sheet(member, "published", reviewer=animator, title="Tournées réservées")
    indexed()
    assert titles(client, "tournées") == ["Tournées publiques"]
    page = page_text(client.get("/recherche", query_string={"q": "tournées"}))
    assert "1 résultat" in page and "Discussions" not in page.split("Affiner")[1]
    assert set(titles(make_client(member), "tournées")) == {"Tournées de nuit en binôme", "Tournées publiques",
                                                            "Tournées réservées"}


def test_unpublished_sheets_are_never_found(make_client, member, animator, indexed):
    for status in ("draft", "submitted", "in_review", "archived"):
        factories.make_sheet(member, status, reviewer=animator, title=f"Vélo {status}")
    indexed()
    assert titles(make_client(animator), "vélo") == []


def test_hidden_deleted_and_masked_content_leaves_results_and_snippets(make_client, member, other_member, moderator,
                                                                       indexed):
    topic = factories.make_topic(member, "Permanence d'accès aux droits", body="Nous aidons aux démarches en ligne.")
    secret = factories.make_reply(other_member, topic, "Le voisin du troisième signale un trafic de trottinettes.")
    gone = factories.make_reply(other_member, topic, "Je parlais aussi de photocopieuse.")
    browser = make_client(member)
    indexed()
    assert titles(browser, "trottinettes") == ["Permanence d'accès aux droits"]
    assert titles(browser, "photocopieuse") == ["Permanence d'accès aux droits"]

    moderation_actions.mask_passage(moderator, secret, "trafic de trottinettes", "Donnée identifiante")
    discussion_actions.delete_post(other_member, gone)
    indexed()
    assert titles(browser, "trottinettes") == [] and titles(browser, "photocopieuse") == []
    assert all("trottinette" not in snippet for snippet in snippets(browser, "voisin"))

    assert titles(browser, "masqué") == []  # nor is the mark left in its place
    moderation_actions.hide_post(moderator, secret, "Personne reconnaissable")
    indexed()
    assert titles(browser, "voisin") == []
    moderation_actions.hide_post(moderator, factories.first_post(topic), "Discussion entière")
    indexed()
    assert titles(browser, "démarches") == [] and titles(make_client(moderator), "démarches") == []


def test_unpublishing_or_restricting_a_sheet_removes_it_for_those_who_lose_access(client, make_client, member,
                                                                                   animator, indexed):
    sheet = factories.make_sheet(member, "published", reviewer=animator, title="Marche exploratoire",
                                 visibility="public")
    indexed()
    assert titles(client, "exploratoire") == ["Marche exploratoire"]
    library_actions.save_sheet(member, sheet, factories.sheet_form(title="Marche exploratoire", visibility="members",
                                                                    structure_id=member.structure_id))
    library_actions.submit(member, sheet)
    indexed()
    assert titles(client, "exploratoire") == ["Marche exploratoire"]  # the published version is still public
    library_actions.publish(animator, sheet)
    indexed()
    assert titles(client, "exploratoire") == []
    assert titles(make_client(member), "exploratoire") == ["Marche exploratoire"]
    library_actions.archive(animator, sheet, "Action terminée")
    indexed()
    assert titles(make_client(member), "exploratoire") == []


def test_no_email_address_in_results(make_client, member, animator, indexed):
    factories.make_sheet(member, "published", reviewer=animator, title="Contact de service",
                         context="Écrivez à modeles@forum-reseau.example pour le modèle.")
    indexed()
    page = make_client(member).get("/recherche", query_string={"q": "modèle"}).get_data(as_text=True)
    assert "Contact de service" in page and "modeles@" not in page and "coordination-nuit@" not in page
    assert "Écrivez à … pour le <mark>modèle</mark>" in page


def test_snippets_are_escaped(make_client, member, indexed):
    factories.make_topic(member, "Balises dans un message", body="Un texte avec <script>alert(1)</script> et du bruit.")
    indexed()
    page = make_client(member).get("/recherche", query_string={"q": "bruit"}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "<mark" in page


def test_a_rolled_back_change_leaves_no_outbox_row_and_no_index_change(app, member, indexed):
    topic = factories.make_topic(member, "Sujet déjà indexé")
    indexed()
    before = db.session.scalar(db.select(db.func.count(SearchOutbox.id)))
    topic.title = "Titre jamais enregistré"
    db.session.flush()
    assert db.session.scalar(db.select(db.func.count(SearchOutbox.id))) == before + 1  # written with the change
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(SearchOutbox.id))) == before
    assert indexed() == 0
    from forum.search import outbox

    assert outbox.differences() == []


def test_visitors_are_neither_offered_nor_told_of_words_from_members_discussions(client, make_client, member, animator,
                                                                                 indexed):
    factories.make_topic(member, "Un jeune très connu du quartier", body="Le jeune Kowalczyk revient chaque soir.")
    factories.make_sheet(member, "published", reviewer=animator, title="Médiation publique", visibility="public")
    indexed()
    visitor_page = visible_text(client.get("/recherche", query_string={"q": "kowalczik"}))
    assert "Vouliez-vous dire" not in visitor_page and "kowalczyk" not in visitor_page.lower()
    # the same answer for a word members wrote and a word nobody wrote
    assert "0 résultat" in visible_text(client.get("/recherche", query_string={"q": "kowalczyk"}))
    assert "0 résultat" in visible_text(client.get("/recherche", query_string={"q": "zorglub"}))
    member_page = visible_text(make_client(member).get("/recherche", query_string={"q": "kowalczik"}))
    assert "Vouliez-vous dire « kowalczyk »" in member_page
    # what visitors may read is still corrected for them
    assert "Vouliez-vous dire « médiation »" in visible_text(client.get("/recherche", query_string={"q": "mediatoin"}))
