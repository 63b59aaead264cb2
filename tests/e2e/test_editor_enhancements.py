"""The editor's enhancements (static/js/editor.js) on a phone: preview, live check, drafts,
@mentions, « Répondre » and « Citer » — and the same pages still working without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e
DRAFT = "forum-brouillon:"


def _log_in(context, base_url: str, user):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource") else None)
    page.js_errors = errors
    page.goto(base_url + "/connexion")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Mon profil").wait_for()
    return page


def _mark_document(page) -> None:
    """Tag the current document: a full reload would lose the tag."""
    page.evaluate("window.__sansRechargement = true")


def _not_reloaded(page) -> bool:
    return page.evaluate("window.__sansRechargement === true")


def _draft(page, key: str):
    return page.evaluate("key => localStorage.getItem(key)", DRAFT + key)


def _wait_for_draft(page, key: str) -> None:
    """Poll from Python: wait_for_function would need eval, which the site's CSP refuses."""
    for _ in range(50):
        if _draft(page, key) is not None:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"no draft saved under {DRAFT}{key}")


def _no_script_errors(page) -> None:
    assert page.js_errors == [], page.js_errors


@pytest.fixture
def topic(app, member, other_member):
    topic = factories.make_topic(other_member, "Tapage nocturne récurrent dans une résidence",
                                 body="Premier message : comment **apaiser** un conflit de voisinage ?")
    factories.make_reply(other_member, topic, "Nous organisons une médiation en journée, avec les deux parties.\n\n"
                                              "Cela marche souvent.")
    return topic


def _second_post_id(topic) -> int:
    from forum.discussions.models import Post
    from forum.extensions import db

    return db.session.scalar(db.select(Post.id).where(Post.topic_id == topic.id, Post.number == 2))


def test_preview_shows_rendered_markdown_without_reloading(live_server, phone, screenshots, member):
    page = _log_in(phone(), live_server, member)
    page.goto(live_server + "/discussions/nouvelle")
    _mark_document(page)
    page.get_by_label("Votre message").fill("Un mot en **gras**, un en *italique* :\n\n- premier point\n- second point")
    page.get_by_role("button", name="Aperçu", exact=True).click()

    preview = page.locator("[data-preview-target]")
    expect(preview).to_be_visible()
    expect(preview.get_by_role("heading", name="Aperçu")).to_be_visible()
    expect(preview.locator("strong")).to_have_text("gras")
    expect(preview.locator("em")).to_have_text("italique")
    expect(preview.locator("li")).to_have_count(2)
    assert _not_reloaded(page)
    assert page.url.endswith("/discussions/nouvelle")
    page.screenshot(path=screenshots / "editeur-apercu.png", full_page=True)
    _no_script_errors(page)


def test_live_check_flags_a_phone_number_as_blocking(live_server, phone, screenshots, member):
    page = _log_in(phone(), live_server, member)
    page.goto(live_server + "/discussions/nouvelle")
    live = page.locator("[data-privacy-live]")
    page.get_by_label("Votre message").press_sequentially("Rappelez-la au 06 00 00 00 00 ce soir.", delay=5)

    expect(live).to_contain_text("Ce passage empêchera la publication")
    expect(live.locator("mark.privacy-block")).to_have_text("06 00 00 00 00")
    expect(live).to_contain_text("numéro de téléphone")
    page.screenshot(path=screenshots / "editeur-confidentialite.png", full_page=True)

    page.get_by_label("Votre message").fill("Rappelez la structure ce soir.")
    expect(live.locator("li")).to_have_count(0)
    _no_script_errors(page)


def test_a_draft_survives_a_reload_and_can_be_erased(live_server, phone, member):
    page = _log_in(phone(), live_server, member)
    page.goto(live_server + "/discussions/nouvelle")
    page.get_by_label("Titre").fill("Médiation après un dégât des eaux")
    page.get_by_label("Votre message").fill("Comment faites-vous quand le bailleur ne répond pas ?")
    page.get_by_label("Discussion", exact=True).check()
    _wait_for_draft(page, "nouvelle-discussion")

    page.reload()
    notice = page.get_by_role("status").filter(has_text="Brouillon restauré")
    expect(notice).to_contain_text(re.compile(r"Brouillon restauré \(enregistré il y a .+\)\."))
    expect(page.get_by_label("Titre")).to_have_value("Médiation après un dégât des eaux")
    expect(page.get_by_label("Votre message")).to_have_value("Comment faites-vous quand le bailleur ne répond pas ?")
    expect(page.get_by_label("Discussion", exact=True)).to_be_checked()

    page.get_by_role("button", name="Effacer le brouillon").click()
    expect(notice).to_have_count(0)
    expect(page.get_by_label("Votre message")).to_have_value("")
    expect(page.get_by_label("Question", exact=True)).to_be_checked()
    assert _draft(page, "nouvelle-discussion") is None
    page.reload()
    expect(page.get_by_text("Brouillon restauré")).to_have_count(0)
    _no_script_errors(page)


def test_mention_autocomplete_inserts_a_members_name(live_server, phone, screenshots, member, other_member, topic):
    factories.make_user("Omaïma Test")
    page = _log_in(phone(), live_server, member)
    page.goto(f"{live_server}/discussions/{topic.id}")
    body = page.get_by_label("Votre réponse")
    body.press_sequentially("Merci @Oma", delay=20)

    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option")).to_have_text(["Omaïma Test", "Omar Autre"])  # alphabetical, accents folded
    expect(body).to_have_attribute("aria-controls", listbox.get_attribute("id"))
    expect(body).to_have_attribute("aria-activedescendant", re.compile(".+"))
    expect(page.get_by_role("status").filter(has_text="2 membres")).to_have_count(1)
    page.screenshot(path=screenshots / "editeur-mention.png", full_page=True)
    body.press("ArrowDown")
    expect(listbox.get_by_role("option", name="Omar Autre")).to_have_attribute("aria-selected", "true")
    body.press("Enter")
    expect(body).to_have_value("Merci @Omar Autre ")
    expect(body).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    expect(listbox).to_be_hidden()

    body.press_sequentially("et @omai", delay=20)
    expect(listbox.get_by_role("option")).to_have_count(1)
    listbox.get_by_role("option", name="Omaïma Test").click()
    expect(body).to_have_value("Merci @Omar Autre et @Omaïma Test ")
    assert page.evaluate("document.activeElement.name") == "body"

    body.press_sequentially(" @Om", delay=20)
    expect(listbox).to_be_visible()
    body.press("Escape")
    expect(listbox).to_be_hidden()
    _no_script_errors(page)


def test_reply_to_a_post_is_published_as_an_answer_to_it(live_server, phone, screenshots, member, topic):
    target_id = _second_post_id(topic)
    page = _log_in(phone(), live_server, member)
    page.goto(f"{live_server}/discussions/{topic.id}")
    url = page.url
    _mark_document(page)
    page.locator(f"#message-{target_id}").get_by_role("link", name="Répondre").click()

    replying = page.locator("[data-replying-to]")
    expect(replying).to_be_visible()
    expect(replying).to_contain_text("En réponse à Omar Autre")
    assert page.locator("[data-reply-to-input]").input_value() == str(target_id)
    expect(page.get_by_label("Votre réponse")).to_be_focused()
    assert _not_reloaded(page) and page.url == url

    replying.get_by_role("button", name="Annuler").click()
    expect(replying).to_be_hidden()
    assert page.locator("[data-reply-to-input]").input_value() == ""

    page.locator(f"#message-{target_id}").get_by_role("link", name="Répondre").click()
    page.get_by_label("Votre réponse").fill("Merci, nous allons essayer la médiation en journée.")
    _wait_for_draft(page, f"discussion-{topic.id}")
    page.screenshot(path=screenshots / "editeur-repondre.png", full_page=True)
    page.get_by_role("button", name="Publier la réponse").click()

    answer = page.locator("article.post").filter(has_text="nous allons essayer la médiation en journée")
    expect(answer.locator(".in-reply-to")).to_contain_text("En réponse à Omar Autre")
    expect(answer.locator(".in-reply-to q")).to_contain_text("Nous organisons une médiation en journée")
    # the server's data-clear-draft erased the draft; a reload does not erase a new one
    assert _draft(page, f"discussion-{topic.id}") is None
    assert "publie" not in page.url
    _no_script_errors(page)


def test_quote_a_selection_or_the_whole_post(live_server, phone, member, topic):
    target_id = _second_post_id(topic)
    page = _log_in(phone(), live_server, member)
    page.goto(f"{live_server}/discussions/{topic.id}")
    post = page.locator(f"#message-{target_id}")
    body = page.get_by_label("Votre réponse")

    post.get_by_role("link", name="Citer").click()
    expect(body).to_have_value("> Nous organisons une médiation en journée, avec les deux parties.\n>\n"
                               "> Cela marche souvent.\n\n")
    expect(page.locator("[data-replying-to]")).to_contain_text("En réponse à Omar Autre")

    body.fill("")
    page.evaluate("""id => {
        const text = document.querySelector('#message-' + id + ' .post-body p').firstChild;
        const range = document.createRange();
        range.setStart(text, 5);
        range.setEnd(text, 40);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
    }""", target_id)
    post.get_by_role("link", name="Citer").click()
    expect(body).to_have_value("> organisons une médiation en journée\n\n")
    assert page.locator("[data-reply-to-input]").input_value() == str(target_id)
    _no_script_errors(page)


def test_the_same_flows_work_without_javascript(live_server, browser, member, topic):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = _log_in(context, live_server, member)
    target_id = _second_post_id(topic)
    page.goto(f"{live_server}/discussions/{topic.id}")
    page.locator(f"#message-{target_id}").get_by_role("link", name="Citer").click()
    expect(page.get_by_role("heading", name="Répondre à Omar Autre")).to_be_visible()
    body = page.get_by_label("Votre réponse")
    expect(body).to_have_value(re.compile(r"^> Nous organisons"))

    body.fill("Un avis en **gras**.")
    page.get_by_role("button", name="Aperçu", exact=True).click()
    expect(page.locator("section.preview strong")).to_have_text("gras")
    expect(page.get_by_label("Votre réponse")).to_have_value("Un avis en **gras**.")

    page.get_by_role("button", name="Publier la réponse").click()
    answer = page.locator("article.post").filter(has_text="Un avis en")
    expect(answer.locator(".in-reply-to")).to_contain_text("En réponse à Omar Autre")
    context.close()


def test_preview_falls_back_to_the_native_submit_when_the_api_fails(live_server, phone, member):
    page = _log_in(phone(), live_server, member)
    page.route("**/api/apercu", lambda route: route.abort())
    page.goto(live_server + "/discussions/nouvelle")
    _mark_document(page)
    page.get_by_label("Titre").fill("Un titre assez long")
    page.get_by_label("Votre message").fill("Texte en **gras**.")
    page.get_by_role("button", name="Aperçu", exact=True).click()

    expect(page.locator("section.preview strong")).to_have_text("gras")   # drawn by the server
    assert not _not_reloaded(page)
    expect(page.get_by_label("Votre message")).to_have_value("Texte en **gras**.")


def test_everything_else_works_without_local_storage(live_server, phone, member, topic):
    context = phone()
    context.add_init_script("Object.defineProperty(window, 'localStorage', "
                            "{get() { throw new DOMException('refusé', 'SecurityError'); }})")
    page = _log_in(context, live_server, member)
    page.goto(f"{live_server}/discussions/{topic.id}")
    page.get_by_label("Votre réponse").fill("Appelez le 06 00 00 00 00 et lisez **ceci**.")
    expect(page.locator("[data-privacy-live] mark.privacy-block")).to_have_text("06 00 00 00 00")
    page.get_by_role("button", name="Aperçu", exact=True).click()
    expect(page.locator("[data-preview-target] strong")).to_have_text("ceci")
    _no_script_errors(page)


def test_a_draft_never_brings_back_what_was_masked(live_server, phone, member):
    page = _log_in(phone(), live_server, member)
    page.goto(live_server + "/discussions/nouvelle")
    page.get_by_label("Titre").fill("Un voisin injoignable")
    page.get_by_label("Votre message").fill("Son numéro est le 06 00 00 00 00, que faire ?")
    _wait_for_draft(page, "nouvelle-discussion")
    page.get_by_role("button", name="Publier", exact=True).click()
    page.get_by_role("heading", name="Publication impossible en l’état").wait_for()
    page.get_by_role("button", name="Masquer automatiquement").click()
    expect(page.get_by_label("Votre message")).to_have_value("Son numéro est le [masqué], que faire ?")

    page.goto(live_server + "/discussions/nouvelle")
    expect(page.get_by_text("Brouillon restauré")).to_be_visible()
    expect(page.get_by_label("Votre message")).to_have_value("Son numéro est le [masqué], que faire ?")
    assert "06 00" not in _draft(page, "nouvelle-discussion")
    _no_script_errors(page)


def test_an_unsaved_edit_is_restored_on_the_edit_page(live_server, phone, member):
    topic = factories.make_topic(member, "Une question sur les horaires de nuit")
    post_id = factories.first_post(topic).id
    page = _log_in(phone(), live_server, member)
    page.goto(f"{live_server}/messages/{post_id}/modifier")
    page.get_by_label("Message").fill("Version retravaillée, pas encore enregistrée.")
    _wait_for_draft(page, f"modifier-{post_id}")
    page.goto(f"{live_server}/discussions/{topic.id}")
    page.goto(f"{live_server}/messages/{post_id}/modifier")
    expect(page.get_by_label("Message")).to_have_value("Version retravaillée, pas encore enregistrée.")
    page.get_by_role("button", name="Effacer le brouillon").click()
    expect(page.get_by_label("Message")).to_have_value(
        "Nous recevons beaucoup d'appels pour du bruit. Comment faites-vous ?")   # make_topic's body
    _no_script_errors(page)
