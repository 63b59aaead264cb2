"""Administrators extend the thesaurus; searches use it at once, without rebuilding the index."""

from __future__ import annotations

from pathlib import Path

from forum.extensions import db
from forum.moderation.models import ModerationAction
from tests import factories
from tests.helpers import visible_text
from tests.search.conftest import titles


def test_the_shipped_thesaurus_expands_acronyms_both_ways(make_client, member, indexed):
    factories.make_topic(member, "Diagnostic en quartier prioritaire", body="Le diagnostic partagé du quartier.")
    factories.make_topic(member, "Réunion du CLSPD", body="Ordre du jour de la séance plénière.")
    indexed()
    browser = make_client(member)
    assert titles(browser, "QPV") == ["Diagnostic en quartier prioritaire"]
    assert titles(browser, "conseil local de sécurité et de prévention de la délinquance") == ["Réunion du CLSPD"]


def test_an_administrator_adds_a_group_and_the_next_search_uses_it(app, make_client, admin, member, indexed):
    factories.make_topic(member, "Bilan du contrat urbain de cohésion sociale", body="Les actions financées.")
    indexed()
    browser = make_client(member)
    assert titles(browser, "CUCS") == []

    manager = make_client(admin)
    assert "QPV, quartier prioritaire" in visible_text(manager.get("/admin/thesaurus"))
    response = manager.post_form("/admin/thesaurus", {"text": "# Nos sigles\nCUCS, contrat urbain de cohésion sociale"})
    assert response.status_code == 302
    assert titles(browser, "CUCS") == ["Bilan du contrat urbain de cohésion sociale"]
    assert "CUCS" in Path(app.config["FORUM_SEARCH_THESAURUS"]).read_text(encoding="utf-8")
    entry = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "edit_thesaurus"))
    assert entry.actor_id == admin.id and entry.reason == "1 groupe(s)"


def test_a_bad_line_is_named_and_the_text_is_kept(app, make_client, admin):
    manager = make_client(admin)
    text = "CUCS, contrat urbain de cohésion sociale\nun seul mot"
    response = manager.post_form("/admin/thesaurus", {"text": text})
    page = visible_text(response)
    assert response.status_code == 422
    assert "Ligne 2 : écrivez au moins deux expressions séparées par une virgule." in page
    assert "un seul mot" in page
    assert not Path(app.config["FORUM_SEARCH_THESAURUS"]).exists()


def test_only_administrators_edit_the_thesaurus(app, make_client, client, moderator, animator):
    for person in (moderator, animator):
        browser = make_client(person)
        assert browser.get("/admin/thesaurus").status_code == 403
        assert browser.post_form("/admin/thesaurus", {"text": "a, b"}).status_code == 403
    assert client.get("/admin/thesaurus").status_code == 302
    assert not Path(app.config["FORUM_SEARCH_THESAURUS"]).exists()
