"""The queue and the case page through the HTTP client: who sees which case, what a card shows,
the order, taking and dismissing, a deleted item, and a constant number of queries."""

from __future__ import annotations

from forum.discussions import actions as discussions
from forum.extensions import db
from forum.library import actions as library
from forum.moderation import actions as moderation
from forum.moderation import reports
from forum.moderation.models import CaseState, ModerationAction, ModerationCase
from tests import factories
from tests.helpers import count_queries, page_text, visible_text


def _reporters(count: int, name: str = "Témoin"):
    structure = factories.make_structure(f"Structure {name}", pole_slug="occitanie")
    return [factories.make_user(f"{name} {index}", structure=structure) for index in range(count)]


def _fresh(case_id: int) -> ModerationCase:
    db.session.expire_all()
    return db.session.get(ModerationCase, case_id)


def test_who_sees_which_case(client, make_client, member, other_member, animator, moderator, reply_post):
    breton = reports.report(member, reply_post, "hors-sujet", "Publicité déguisée")
    occitan_topic = factories.make_topic(other_member, "Une question occitane", pole_slug="occitanie")
    occitan = reports.report(member, occitan_topic, "hors-sujet")
    profile = reports.report(other_member, member, "autre", "Nom de profil injurieux")
    assert client.get("/moderation/").status_code == 302
    assert make_client(member).get("/moderation/").status_code == 403
    assert make_client(member).get(f"/moderation/cas/{breton.id}").status_code == 403
    animator_browser = make_client(animator)
    queue = visible_text(animator_browser.get("/moderation/"))
    assert "Nous passons en médiation différée" in queue and "Publicité déguisée" in queue
    assert "Une question occitane" not in queue and "Nom de profil injurieux" not in queue
    assert animator_browser.get(f"/moderation/cas/{occitan.id}").status_code == 403
    assert animator_browser.get(f"/moderation/cas/{profile.id}").status_code == 403
    assert animator_browser.get(f"/moderation/cas/{breton.id}").status_code == 200
    everything = visible_text(make_client(moderator).get("/moderation/"))
    assert all(text in everything for text in ("Publicité déguisée", "Une question occitane", "Profil de Léa Membre"))


def test_urgent_first_then_oldest_with_reasons_notes_and_history(make_client, clock, member, other_member,
                                                                  moderator, topic, reply_post):
    earlier = factories.make_reply(other_member, topic, "Une réponse signalée plus tôt.")
    moderation.hide_post(moderator, factories.make_reply(other_member, topic, "Déjà masquée."), "Propos injurieux")
    first, second = _reporters(2)
    reports.report(first, earlier, "hors-sujet")
    clock.advance(hours=1)
    reports.report(first, reply_post, "propos-injurieux", "Ton agressif")
    clock.advance(hours=1)
    reports.report(second, reply_post, "donnee-personnelle", "Un nom de famille")
    clock.advance(hours=1)
    page = visible_text(make_client(moderator).get("/moderation/"))
    assert page.index("Nous passons en médiation différée") < page.index("Une réponse signalée plus tôt.")
    assert "Urgent" in page and "2 signalements" in page and "1 signalement" in page
    assert "Donnée personnelle / personne reconnaissable" in page and "« Un nom de famille »" in page
    assert "Message masqué" in page and "« Propos injurieux »" in page  # the author's history
    assert "il y a 2 heures" in page or "il y a 2 h" in page


def test_my_poles_filter_and_urgent_filter(make_client, member, other_member, moderator, topic, reply_post):
    reports.report(member, reply_post, "hors-sujet")
    occitan = factories.make_topic(other_member, "Une question occitane", pole_slug="occitanie")
    reports.report(member, occitan, "donnee-personnelle")
    browser = make_client(moderator)
    urgent = visible_text(browser.get("/moderation/?voir=urgents"))
    assert "Une question occitane" in urgent and "Nous passons en médiation" not in urgent
    assert "Mes pôles" not in visible_text(browser.get("/moderation/"))  # no poles of their own
    assert browser.get("/moderation/?voir=n-importe-quoi&page=abc").status_code == 200


def test_taking_from_the_queue_and_a_colleague_is_told(make_client, member, moderator, admin, reply_post):
    case = reports.report(member, reply_post, "hors-sujet")
    browser = make_client(moderator)
    assert "Prendre en charge" in page_text(browser.get("/moderation/"))
    response = browser.post_form(f"/moderation/cas/{case.id}/prendre", follow_redirects=True)
    assert "Vous avez pris en charge ce signalement." in page_text(response)
    assert _fresh(case.id).taken_by_id == moderator.id
    late = make_client(admin).post_form(f"/moderation/cas/{case.id}/prendre", follow_redirects=True)
    assert "vient d'être pris en charge par un autre modérateur (Marc Modérateur)" in page_text(late)
    stored = _fresh(case.id)
    assert (stored.state, stored.taken_by_id) == (CaseState.TAKEN, moderator.id)
    assert "Pris en charge par Marc Modérateur" in visible_text(make_client(admin).get("/moderation/"))
    assert make_client(member).post_form(f"/moderation/cas/{case.id}/prendre").status_code == 403


def test_dismissing_from_the_case_page(make_client, member, animator, reply_post):
    case = reports.report(member, reply_post, "hors-sujet")
    browser = make_client(animator)
    page = page_text(browser.get(f"/moderation/cas/{case.id}"))
    assert "Classer sans suite" in page and "Léa Membre" in page  # the reporter, for those who handle it
    refused = browser.post_form(f"/moderation/cas/{case.id}/classer", {"reason": " "}, follow_redirects=True)
    assert "Indiquez le motif" in page_text(refused) and _fresh(case.id).state == CaseState.OPEN
    done = browser.post_form(f"/moderation/cas/{case.id}/classer", {"reason": "Réponse pertinente"},
                             follow_redirects=True)
    assert "Signalement classé sans suite" in page_text(done) and "Aucun signalement en attente." in page_text(done)
    assert _fresh(case.id).state == CaseState.CLOSED
    again = browser.post_form(f"/moderation/cas/{case.id}/classer", {"reason": "Encore"}, follow_redirects=True)
    assert "déjà été traité" in page_text(again)
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))
                             .where(ModerationAction.action == "dismiss_reports")) == 1


def test_a_case_whose_item_was_deleted_says_so_and_offers_to_close(make_client, member, other_member, moderator,
                                                                   reply_post):
    case = reports.report(member, reply_post, "hors-sujet")
    discussions.delete_post(other_member, reply_post)
    browser = make_client(moderator)
    page = page_text(browser.get(f"/moderation/cas/{case.id}"))
    assert "Ce contenu a été supprimé depuis" in page and "Classer" in page
    browser.post_form(f"/moderation/cas/{case.id}/classer", {"reason": "Supprimé par son auteur"})
    assert _fresh(case.id).state == CaseState.CLOSED
    assert browser.get("/moderation/cas/999999").status_code == 404


def test_an_animator_does_not_read_what_moderators_hid(make_client, animator, other_member, reply_post):
    for reporter in _reporters(3):
        case = reports.report(reporter, reply_post, "propos-injurieux")
    page = visible_text(make_client(animator).get(f"/moderation/cas/{case.id}"))
    assert "Nous passons en médiation différée" not in page and "votre rôle ne permet pas de le lire" in page


def _queue_queries(app, browser) -> int:
    browser.get("/moderation/")
    with count_queries(app) as statements:
        assert browser.get("/moderation/").status_code == 200
    return len(statements)


def test_the_queue_costs_the_same_queries_for_few_or_many_cases(app, make_client, member, other_member, animator,
                                                                 moderator, topic):
    def add_cases(count: int, name: str):
        reporters = _reporters(2, name)
        for index in range(count):
            reply = factories.make_reply(other_member, topic, f"Réponse {name} {index}")
            reports.report(reporters[index % 2], reply, "hors-sujet", f"Note {index}")
        own_topic = factories.make_topic(other_member, f"Discussion {name}")
        reports.report(reporters[0], own_topic, "donnee-personnelle")
        reports.report(reporters[0], other_member, "autre", "Profil")
        sheet = factories.make_sheet(member, "published", reviewer=animator, title=f"Fiche {name}")
        reports.report(reporters[1], sheet, "hors-sujet")
        comment = library.comment(animator, factories.make_sheet(member, "submitted", title=f"Soumise {name}"),
                                  "Un commentaire.")
        reports.report(member, comment, "propos-injurieux")
        moderation.hide_post(moderator, factories.make_reply(other_member, topic, f"Masquée {name}"), "Hors sujet")

    add_cases(2, "A")
    browser = make_client(moderator)
    few = _queue_queries(app, browser)
    add_cases(30, "B")
    many = _queue_queries(app, browser)
    assert few == many, (few, many)
    assert few <= 16


def test_the_moderation_pages_link_to_each_other(make_client, animator, moderator, admin):
    links = {"/moderation/journal", "/moderation/mots-surveilles"}
    for user, expected in ((moderator, {"/moderation/journal"}), (admin, links), (animator, set())):
        for path in ("/moderation/", "/moderation/journal") if expected else ("/moderation/",):
            html = page_text(make_client(user).get(path))
            assert {link for link in links if f'href="{link}"' in html} == expected, (user.email, path)
