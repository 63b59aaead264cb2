"""The library in the browser: catalogue and visibility, writing, review, promotion."""

from __future__ import annotations

from datetime import timedelta

import pytest

from forum.extensions import db
from forum.library.models import Sheet, SheetContributor
from forum.notifications.models import Notification
from tests import factories
from tests.helpers import page_text


@pytest.fixture
def cast(app):
    bretagne = factories.make_structure("Régie bretonne", pole_slug="bretagne")
    return {
        "author": factories.make_user("Autrice Fiche", structure=bretagne),
        "animator": factories.make_user("Animatrice Fiche", structure=bretagne, role="pole_animator",
                                        poles=["bretagne"]),
        "second": factories.make_user("Second Animateur", structure=bretagne, role="pole_animator",
                                      poles=["bretagne"]),
        "reader": factories.make_user("Lecteur Fiche", structure=bretagne),
    }


def _form(cast, **changes):
    data = factories.sheet_form(structure_id=str(cast["author"].structure_id), pole_id=str(factories.pole("bretagne").id),
                                **changes)
    return {key: value for key, value in data.items() if value is not None}


def test_visitor_sees_only_public_sheets_anywhere(client, cast):
    members_only = factories.make_sheet(cast["author"], "published", reviewer=cast["animator"], title="Réservée")
    public = factories.make_sheet(cast["author"], "published", reviewer=cast["animator"], visibility="public",
                                  title="Ouverte à tous")
    hidden = [factories.make_sheet(cast["author"], status, reviewer=cast["animator"], visibility="public",
                                   title=f"Cachée {status}") for status in ("draft", "submitted", "archived")]
    catalogue = page_text(client.get("/bibliotheque/"))
    assert "Ouverte à tous" in catalogue and "Réservée" not in catalogue and "Cachée" not in catalogue
    assert "1 fiche." in catalogue
    assert client.get(f"/bibliotheque/{public.id}").status_code == 200
    asked = client.get(f"/bibliotheque/{members_only.id}", follow_redirects=True)  # asked to log in, told why
    assert "réservée aux membres du réseau" in page_text(asked) and "Se connecter" in page_text(asked)
    for sheet in hidden:  # a sheet in preparation does not exist for a visitor: no hint it does
        assert client.get(f"/bibliotheque/{sheet.id}").status_code == 404
        assert client.get(f"/bibliotheque/{sheet.id}?version=travail").status_code == 404
        assert client.get(f"/bibliotheque/{sheet.id}/historique").status_code == 404


def test_members_see_every_published_sheet_but_not_others_drafts(make_client, cast):
    factories.make_sheet(cast["author"], "published", reviewer=cast["animator"], title="Publiée pour tous")
    draft = factories.make_sheet(cast["author"], "draft", title="Brouillon privé")
    browser = make_client(cast["reader"])
    assert "Publiée pour tous" in page_text(browser.get("/bibliotheque/"))
    assert browser.get(f"/bibliotheque/{draft.id}").status_code == 404
    assert make_client(cast["author"]).get(f"/bibliotheque/{draft.id}").status_code == 200


def test_catalogue_filters_and_sorts(make_client, cast, clock):
    night = factories.make_sheet(cast["author"], "published", reviewer=cast["animator"], title="Nuit")
    clock.advance(days=3)
    school = factories.make_sheet(cast["author"], "published", reviewer=cast["animator"], title="École",
                                  themes=["milieu-scolaire"], registers=["gestion-conflits"],
                                  publics=["eleves-familles"], territory_kind="ville-moyenne",
                                  structure_kind="association", periods=["jour"])
    browser = make_client(cast["reader"])

    def titles(query):
        response = browser.get("/bibliotheque/" + query)
        page = page_text(response)
        assert response.status_code == 200, page[-2000:]
        return {title for title in ("Nuit", "École") if f">{title}</a>" in page}

    assert titles("") == {"Nuit", "École"}
    assert titles("?theme=milieu-scolaire") == {"École"}
    assert titles("?registre=veille-technique") == {"Nuit"}
    assert titles("?public=eleves-familles") == {"École"}
    assert titles("?structure=regie") == {"Nuit"}
    assert titles("?territoire=qpv") == {"Nuit"}
    assert titles("?periode=nuit") == {"Nuit"}
    assert titles("?pole=bretagne") == {"Nuit", "École"}
    assert titles("?pole=occitanie") == set()
    assert titles("?theme=inconnu&registre=%25&tri=nimporte&page=abc") == {"Nuit", "École"}
    clock.travel_to(night.review_due_at + timedelta(hours=1))  # due, while the other is not yet
    browser = make_client(cast["reader"])  # two years later: the session left unused has ended
    assert titles("?actualiser=1") == {"Nuit"}
    assert school


def test_writing_a_sheet_draft_then_submitting(make_client, cast):
    browser = make_client(cast["author"])
    page = page_text(browser.get("/bibliotheque/nouvelle"))
    assert "Décrivez l'action, pas le lieu" in page and "Jamais une adresse." in page
    incomplete = _form(cast, results="", partners="")
    response = browser.post_form("/bibliotheque/nouvelle", {**incomplete, "action": "brouillon"})
    assert response.status_code == 302
    sheet = db.session.scalar(db.select(Sheet))
    assert sheet.status == "draft" and sheet.author_id == cast["author"].id
    refused = browser.post_form(f"/bibliotheque/{sheet.id}/modifier", {**incomplete, "action": "soumettre"})
    text = page_text(refused)
    assert refused.status_code == 422 and "il manque encore ces champs pour le soumettre" in text
    assert 'href="#partners">Partenaires</a>' in text and 'href="#results">Résultats et évaluation</a>' in text
    assert text.count("À remplir pour soumettre la fiche.") == 2
    db.session.refresh(sheet)
    assert sheet.status == "draft"
    browser.post_form(f"/bibliotheque/{sheet.id}/modifier", {**_form(cast), "action": "soumettre"})
    db.session.refresh(sheet)
    assert sheet.status == "submitted"
    told = db.session.scalars(db.select(Notification.user_id).where(Notification.kind == "sheet_submitted")).all()
    assert set(told) == {cast["animator"].id, cast["second"].id}


def test_bad_sheet_input_is_explained_and_nothing_is_lost(make_client, cast):
    browser = make_client(cast["author"])
    cases = [
        ({"title": ""}, "Donnez au moins un titre"),
        ({"title": "x" * 121}, "120 caractères au maximum."),
        ({"themes": ["inventé"]}, "Choisissez une option dans la liste."),
        ({"themes": ["mediation-de-nuit", "transports", "habitat-social", "milieu-scolaire"]}, "au plus 3"),
        ({"pole_id": "9999"}, "Choisissez une option dans la liste."),
        ({"visibility": "secret"}, "Choisissez une option dans la liste."),
        ({"territory": "Au 12 rue des Lilas, bât. B", "context": "Rappelez au 06 00 00 00 00"}, "numéro de téléphone"),
    ]
    for changes, message in cases:
        data = {**_form(cast), **changes, "action": "brouillon"}
        response = browser.post_form("/bibliotheque/nouvelle", data)
        text = page_text(response)
        assert response.status_code == 422, changes
        assert message in text, (changes, message)
        assert "transmettent les pannes repérées" in text  # the rest of what was typed is still there
    assert db.session.scalar(db.select(db.func.count(Sheet.id))) == 0


def test_contact_takes_a_service_address_and_a_named_one_needs_consent(make_client, cast):
    browser = make_client(cast["author"])
    service = browser.post_form("/bibliotheque/nouvelle", {**_form(cast), "action": "brouillon"})
    assert service.status_code == 302
    named = {**_form(cast, contact="Camille Durand, coordinatrice — camille.durand@ville.example"), "action": "brouillon"}
    refused = browser.post_form("/bibliotheque/nouvelle", named)
    assert refused.status_code == 422 and "semble nominative" in page_text(refused)
    accepted = browser.post_form("/bibliotheque/nouvelle", {**named, "contact_consent": "y"})
    assert accepted.status_code == 302
    phone = browser.post_form("/bibliotheque/nouvelle", {**_form(cast, contact="Appelez le 06 11 22 33 44"),
                                                         "action": "brouillon"})
    assert phone.status_code == 422


def test_reviewer_comments_asks_changes_then_publishes(make_client, cast, outbox):
    sheet = factories.make_sheet(cast["author"], "submitted")
    reviewer = make_client(cast["animator"])
    assert "Fiche de liaison" in page_text(reviewer.get("/bibliotheque/relecture"))
    reviewer.post_form(f"/bibliotheque/{sheet.id}/commentaires", {"body": "Précisez les horaires des tournées."})
    db.session.refresh(sheet)
    assert sheet.status == "in_review"
    author = make_client(cast["author"])
    assert "Précisez les horaires des tournées." in page_text(author.get(f"/bibliotheque/{sheet.id}"))
    assert "Précisez les horaires" not in page_text(make_client(cast["reader"]).get(f"/bibliotheque/{sheet.id}"))
    reviewer.post_form(f"/bibliotheque/{sheet.id}/commentaires", {"body": "Ajoutez les financeurs.", "demander": "1"})
    db.session.refresh(sheet)
    assert sheet.status == "draft"
    author.post_form(f"/bibliotheque/{sheet.id}/modifier", {**_form(cast, funders=["fipd"]), "action": "soumettre"})
    response = reviewer.post_form(f"/bibliotheque/{sheet.id}/etape", {"etape": "publier"})
    assert response.status_code == 302
    db.session.refresh(sheet)
    assert sheet.status == "published" and sheet.reviewer_id == cast["animator"].id
    assert "Fiche de liaison nuit" in page_text(make_client(cast["reader"]).get("/bibliotheque/"))
    events = page_text(author.get(f"/bibliotheque/{sheet.id}?version=travail"))
    for label in ("Soumise à la relecture", "Commentaire de relecture", "Modifications demandées", "Publiée par"):
        assert label in events


def test_nobody_publishes_their_own_sheet(make_client, cast):
    own = factories.make_sheet(cast["animator"], "submitted")
    browser = make_client(cast["animator"])
    assert browser.post_form(f"/bibliotheque/{own.id}/etape", {"etape": "publier"}).status_code == 403
    db.session.refresh(own)
    assert own.status == "submitted"
    assert make_client(cast["second"]).post_form(f"/bibliotheque/{own.id}/etape", {"etape": "publier"}).status_code == 302
    db.session.refresh(own)
    assert own.status == "published"


def test_members_cannot_review_or_step_a_sheet(make_client, cast):
    sheet = factories.make_sheet(cast["author"], "submitted")
    reader = make_client(cast["reader"])
    assert reader.post_form(f"/bibliotheque/{sheet.id}/etape", {"etape": "publier"}).status_code == 404
    assert reader.post_form(f"/bibliotheque/{sheet.id}/commentaires", {"body": "x"}).status_code == 404
    author = make_client(cast["author"])
    assert author.post_form(f"/bibliotheque/{sheet.id}/etape", {"etape": "publier"}).status_code == 403
    assert author.post_form(f"/bibliotheque/{sheet.id}/etape", {"etape": "voler"}).status_code == 400
    db.session.refresh(sheet)
    assert sheet.status == "submitted"


def test_history_compares_two_versions(make_client, cast):
    sheet = factories.make_sheet(cast["author"], "published", reviewer=cast["animator"])
    browser = make_client(cast["author"])
    browser.post_form(f"/bibliotheque/{sheet.id}/modifier", {**_form(cast, results="Délai divisé par quatre."),
                                                            "action": "brouillon"})
    page = browser.get(f"/bibliotheque/{sheet.id}/historique?de=1&a=2").get_data(as_text=True)
    assert "<del>" in page and "<ins>quatre.</ins>" in page
    assert browser.get(f"/bibliotheque/{sheet.id}/historique?de=1&a=9").status_code == 404
    assert make_client(cast["reader"]).get(f"/bibliotheque/{sheet.id}/historique").status_code == 403


def test_sheet_page_is_printable(make_client, cast):
    sheet = factories.make_sheet(cast["author"], "published", reviewer=cast["animator"])
    page = page_text(make_client(cast["reader"]).get(f"/bibliotheque/{sheet.id}"))
    assert "version 1, validée le" in page and 'class="print-only"' in page and "Imprimer / PDF" in page
    css = make_client().get("/static/css/forum.css").get_data(as_text=True)
    assert "@media print" in css and ".print-only { display: block" in css


def test_animator_promotes_a_discussion_and_credits_its_authors(make_client, cast, outbox):
    topic = factories.make_topic(cast["author"], "Appels répétés pour du bruit")
    answer = factories.make_reply(cast["reader"], topic, "Nous avons fixé un seuil de trois passages, puis une navette.")
    other = factories.make_reply(cast["second"], topic, "Hors sujet pour la fiche.")
    from forum.discussions.actions import mark_solution

    mark_solution(cast["author"], answer)
    browser = make_client(cast["animator"])
    page = page_text(browser.get(f"/discussions/{topic.id}"))
    assert "Créer une fiche à partir de cette discussion" in page
    form = page_text(browser.get(f"/bibliotheque/depuis-discussion/{topic.id}"))
    assert "seuil de trois passages" in form
    response = browser.post_form(f"/bibliotheque/depuis-discussion/{topic.id}",
                                 {"posts": [str(factories.first_post(topic).id), str(answer.id)]})
    assert response.status_code == 302
    sheet = db.session.scalar(db.select(Sheet))
    revision = sheet.current_revision
    assert (sheet.status, sheet.author_id, sheet.source_topic_id) == ("draft", cast["animator"].id, topic.id)
    assert revision.title == "Appels répétés pour du bruit" and revision.pole_id == topic.pole_id
    assert "Nous recevons beaucoup d'appels" in revision.context
    assert "D'après Lecteur Fiche" in revision.actions and "seuil de trois passages" in revision.actions
    assert "Hors sujet" not in revision.actions
    credited = set(db.session.scalars(db.select(SheetContributor.user_id).where(SheetContributor.sheet_id == sheet.id)))
    assert credited == {cast["author"].id, cast["reader"].id}
    told = set(db.session.scalars(db.select(Notification.user_id).where(Notification.kind == "sheet_credit")))
    assert told == {cast["author"].id, cast["reader"].id}
    assert "Cette discussion a donné lieu à une fiche" in page_text(browser.get(f"/discussions/{topic.id}"))
    assert make_client(cast["reader"]).get(f"/bibliotheque/depuis-discussion/{topic.id}").status_code == 403
    foreign = factories.make_reply(cast["reader"], factories.make_topic(cast["reader"], "Autre sujet"))
    refused = browser.post_form(f"/bibliotheque/depuis-discussion/{topic.id}", {"posts": [str(foreign.id)]})
    assert refused.status_code == 422
    assert other


def test_a_comment_refused_for_personal_data_is_given_back(make_client, cast):
    sheet = factories.make_sheet(cast["author"], "submitted")
    response = make_client(cast["animator"]).post_form(f"/bibliotheque/{sheet.id}/commentaires",
                                                       {"body": "Appelez le gardien au 06 12 34 56 78."})
    text = page_text(response)
    assert response.status_code == 422 and "numéro de téléphone" in text
    assert "Appelez le gardien au 06 12 34 56 78." in text  # the text is still in the box


def test_a_discussion_gives_one_sheet_only(make_client, cast):
    topic = factories.make_topic(cast["author"], "Une seule fiche par discussion")
    browser = make_client(cast["animator"])
    first = factories.first_post(topic)
    assert browser.post_form(f"/bibliotheque/depuis-discussion/{topic.id}", {"posts": [str(first.id)]}).status_code == 302
    again = browser.post_form(f"/bibliotheque/depuis-discussion/{topic.id}", {"posts": [str(first.id)]})
    assert again.status_code == 422 and "a déjà donné lieu à une fiche" in page_text(again)
    assert "Créer une fiche à partir de cette discussion" not in page_text(browser.get(f"/discussions/{topic.id}"))


def test_credited_members_can_read_the_sheet_in_preparation(make_client, cast):
    topic = factories.make_topic(cast["reader"], "Une discussion reprise en fiche")
    from forum.library.promotion import promote_topic

    sheet = promote_topic(cast["animator"], topic, [factories.first_post(topic).id])
    assert make_client(cast["reader"]).get(f"/bibliotheque/{sheet.id}").status_code == 200
    assert make_client(factories.make_user("Étranger")).get(f"/bibliotheque/{sheet.id}").status_code == 404


def test_a_sheet_gets_the_same_privacy_panel_as_a_post(make_client, cast):
    """Warned: the explained reason field (help text tied to it); blocked: masked in one click."""
    browser = make_client(cast["author"])
    warned = browser.post_form("/bibliotheque/nouvelle", {**_form(cast), "action": "brouillon",
                                                          "context": "Mme Martin appelait chaque soir."})
    html = warned.get_data(as_text=True)
    assert warned.status_code == 422
    assert 'aria-describedby="privacy_reason-aide"' in html and 'id="privacy_reason-aide"' in html
    assert "Enregistrer quand même" in html and 'href="#context"' in html
    assert "Donnée personnelle :" in page_text(warned)  # on the field itself, too

    blocked = {**_form(cast), "context": "Rappelez au 06 00 00 00 00 le soir."}
    masked = browser.post_form("/bibliotheque/nouvelle", {**blocked, "action": "masquer"})
    assert masked.status_code == 200
    assert "Rappelez au [masqué] le soir." in page_text(masked)
    assert db.session.scalar(db.select(db.func.count(Sheet.id))) == 0  # masking saves nothing

    saved = browser.post_form("/bibliotheque/nouvelle", {**_form(cast), "action": "brouillon",
                                                        "context": "Mme Martin appelait chaque soir.",
                                                        "privacy_reason": "Nom inventé pour l'exemple"})
    assert saved.status_code == 302
    revision = db.session.scalar(db.select(Sheet)).current_revision
    assert revision.privacy_warnings == "civility_name" and revision.privacy_reason == "Nom inventé pour l'exemple"


def test_reviewers_see_the_reason_given_over_a_warning(make_client, cast):
    browser = make_client(cast["author"])
    browser.post_form("/bibliotheque/nouvelle", {**_form(cast), "action": "soumettre",
                                                 "context": "Mme Martin appelait chaque soir.",
                                                 "privacy_reason": "Nom d'emprunt"})
    sheet = db.session.scalar(db.select(Sheet))
    assert sheet.status == "submitted"
    page = page_text(make_client(cast["animator"]).get(f"/bibliotheque/{sheet.id}?version=travail"))
    assert "Enregistrée malgré un avertissement" in page and "« Nom d'emprunt »" in page
