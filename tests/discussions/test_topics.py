"""Starting topics, the personal-data guard in the editor, and the lists."""

from __future__ import annotations

from forum.discussions.models import Post, Topic
from forum.extensions import db
from tests.factories import make_reply, make_topic, pole, theme
from tests.helpers import page_text


def _topic_form(**changes):
    return {"pole_id": str(pole("bretagne").id), "theme_id": str(theme("mediation-de-nuit").id),
            "kind": "question", "title": "Tapage nocturne récurrent dans une résidence",
            "body": "Comment sortir de « un appel = un passage » ?", **changes}


def _topics() -> int:
    return db.session.scalar(db.select(db.func.count(Topic.id)))


def test_member_asks_a_question_and_follows_it(client, member):
    client.login(member)
    response = client.post_form("/discussions/nouvelle", _topic_form())
    assert response.status_code == 302
    topic = db.session.scalar(db.select(Topic))
    assert (topic.title, topic.kind, topic.author_id, topic.post_count, topic.reply_count) == (
        "Tapage nocturne récurrent dans une résidence", "question", member.id, 1, 0)
    page = page_text(client.get(response.headers["Location"]))
    assert "Tapage nocturne récurrent" in page and "un appel = un passage" in page
    assert "Vous suivez cette discussion." in page


def test_new_topic_form_defaults_to_the_members_pole_and_shows_the_golden_rule(client, member):
    client.login(member)
    page = page_text(client.get("/discussions/nouvelle"))
    assert f'<option selected value="{pole("bretagne").id}">' in page or \
        f'<option value="{pole("bretagne").id}" selected' in page
    assert "on parle des situations, jamais des personnes" in page
    assert 'href="/urgences"' in page


def test_visitors_cannot_start_or_read_discussions(client, member):
    topic = make_topic(member)
    assert client.get("/discussions/nouvelle").status_code == 302
    assert client.get(f"/discussions/{topic.id}").status_code == 302
    assert client.get("/discussions").status_code == 302


def test_phone_number_blocks_publication_and_can_be_masked(client, member):
    client.login(member)
    blocked = client.post_form("/discussions/nouvelle", _topic_form(body="Rappelez-moi au 06 00 00 00 00 ce soir."))
    text = page_text(blocked)
    assert blocked.status_code == 422
    assert "Publication impossible" in text and "numéro de téléphone" in text
    assert '<mark class="privacy-block"' in blocked.get_data(as_text=True)
    assert "Rappelez-moi au 06 00 00 00 00 ce soir." in text  # nothing the member typed is lost
    assert _topics() == 0

    # a reason does not unlock a hard identifier
    again = client.post_form("/discussions/nouvelle", _topic_form(body="Au 06 00 00 00 00", privacy_reason="c'est le mien"))
    assert again.status_code == 422 and _topics() == 0

    masked = client.post_form("/discussions/nouvelle", _topic_form(body="Rappelez-moi au 06 00 00 00 00 ce soir.",
                                                                   action="masquer"))
    assert masked.status_code == 200 and "Rappelez-moi au [masqué] ce soir." in page_text(masked)
    assert _topics() == 0
    published = client.post_form("/discussions/nouvelle", _topic_form(body="Rappelez-moi au [masqué] ce soir."))
    assert published.status_code == 302 and _topics() == 1


def test_soft_signal_warns_and_publishes_with_a_reason_recorded(client, member):
    client.login(member)
    body = "Mme Martin nous a encore appelés pour du bruit."
    warned = client.post_form("/discussions/nouvelle", _topic_form(body=body))
    assert warned.status_code == 422
    assert "Attention : une personne pourrait être reconnue" in page_text(warned)
    assert 'name="privacy_reason"' in warned.get_data(as_text=True)
    assert _topics() == 0
    response = client.post_form("/discussions/nouvelle", _topic_form(body=body, privacy_reason="Nom changé, personne fictive"))
    assert response.status_code == 302
    post = db.session.scalar(db.select(Post))
    assert post.privacy_warnings == "civility_name" and post.privacy_reason == "Nom changé, personne fictive"


def test_title_is_checked_too(client, member):
    client.login(member)
    response = client.post_form("/discussions/nouvelle", _topic_form(title="Le véhicule XX-123-XX revient"))
    assert response.status_code == 422 and "plaque d'immatriculation" in page_text(response)
    assert _topics() == 0


def test_preview_renders_markdown_and_publishes_nothing(client, member, other_member):
    client.login(member)
    body = f"**Important** : lire, @{other_member.display_name}"
    response = client.post_form("/discussions/nouvelle", _topic_form(body=body, action="apercu"))
    assert response.status_code == 200
    assert "<strong>Important</strong>" in response.get_data(as_text=True)
    assert f'href="/membres/{other_member.id}"' in response.get_data(as_text=True)  # as it will be published
    assert _topics() == 0


def test_bad_topic_input_is_explained_and_kept(client, member):
    client.login(member)
    cases = [
        (_topic_form(title="abc"), "Entre 5 et 150 caractères."),
        (_topic_form(title="x" * 151), "Entre 5 et 150 caractères."),
        (_topic_form(body="   "), "Le message ne peut pas être vide."),
        (_topic_form(body="x" * 20001), "20000 caractères au maximum."),
        (_topic_form(pole_id="999999"), "Choisissez une option dans la liste."),
        (_topic_form(theme_id="abc"), "Choisissez une option dans la liste."),
        (_topic_form(kind="sondage"), "Choisissez une option dans la liste."),
    ]
    for data, message in cases:
        response = client.post_form("/discussions/nouvelle", data)
        assert response.status_code == 422, data
        assert message in page_text(response), data
    assert _topics() == 0


def test_restricted_theme_is_for_the_pole_animators(client, make_client, member, animator):
    form = _topic_form(theme_id=str(theme("vie-du-reseau").id), title="Rencontre régionale de printemps")
    client.login(member)
    assert client.post_form("/discussions/nouvelle", form).status_code == 422
    assert _topics() == 0
    animator_client = make_client(animator)
    assert animator_client.post_form("/discussions/nouvelle", form).status_code == 302
    elsewhere = animator_client.post_form("/discussions/nouvelle", {**form, "pole_id": str(pole("occitanie").id)})
    assert elsewhere.status_code == 422 and "réservé à l'animation" in page_text(elsewhere)
    assert _topics() == 1


def test_lists_filter_by_pole_theme_and_state(make_client, member, other_member, animator):
    night = make_topic(member, "Appels répétés la nuit")
    school = make_topic(other_member, "Médiation par les pairs au collège", pole_slug="occitanie",
                        theme_slug="milieu-scolaire")
    solved = make_topic(other_member, "Binôme ou équipe mobile en soirée", pole_slug="occitanie",
                        theme_slug="transports")
    answer = make_reply(member, solved)
    from forum.discussions.actions import mark_solution

    mark_solution(other_member, answer)
    browser = make_client(member)

    def titles(url):
        return {title for title in ("Appels répétés la nuit", "Médiation par les pairs au collège",
                                    "Binôme ou équipe mobile en soirée") if title in page_text(browser.get(url))}

    assert titles("/") == {"Appels répétés la nuit", "Médiation par les pairs au collège",
                           "Binôme ou équipe mobile en soirée"}
    assert titles("/poles/bretagne") == {"Appels répétés la nuit"}
    assert titles("/themes/milieu-scolaire") == {"Médiation par les pairs au collège"}
    assert titles("/poles/occitanie/transports") == {"Binôme ou équipe mobile en soirée"}
    assert titles("/?filtre=sans-reponse") == {"Appels répétés la nuit", "Médiation par les pairs au collège"}
    assert titles("/?filtre=resolues") == {"Binôme ou équipe mobile en soirée"}
    assert titles("/?filtre=mes-discussions") == {"Appels répétés la nuit", "Binôme ou équipe mobile en soirée"}
    assert titles("/?filtre=mon-pole") == {"Appels répétés la nuit"}
    assert titles("/?filtre=suivies") == {"Appels répétés la nuit", "Binôme ou équipe mobile en soirée"}
    assert "Résolue" in page_text(browser.get("/?filtre=resolues"))
    assert browser.get("/poles/inconnu").status_code == 404
    assert browser.get("/?filtre=nimporte&page=abc").status_code == 200
    assert night and school


def test_list_marks_unread_topics_for_the_reader(make_client, member, other_member):
    topic = make_topic(other_member, "Une question toute neuve")
    browser = make_client(member)
    assert "Non lu : " in page_text(browser.get("/"))
    browser.get(f"/discussions/{topic.id}")
    assert "Non lu : " not in page_text(browser.get("/"))
    make_reply(other_member, topic)
    assert "Non lu : " in page_text(browser.get("/"))


def test_list_is_paginated_most_recent_first(make_client, member):
    for number in range(27):
        make_topic(member, f"Sujet numéro {number:02d} pour la pagination")
    browser = make_client(member)
    first = page_text(browser.get("/"))
    assert "Sujet numéro 26" in first and "Sujet numéro 01" not in first
    assert "Page 1 sur 2" in first
    second = page_text(browser.get("/?page=2"))
    assert "Sujet numéro 01" in second and "Sujet numéro 26" not in second
