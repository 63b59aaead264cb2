"""A topic page costs the same queries with 5 posts or 500; a list with 10 topics or 100."""

from __future__ import annotations

from forum.discussions import actions
from tests.factories import make_reply, make_topic, make_user
from tests.helpers import count_queries


def _topic_with(posts: int, author, others, title: str):
    """A solved question of ``posts`` posts, some answering others, some thanked."""
    topic = make_topic(author, title)
    previous = None
    for number in range(posts - 1):
        writer = others[number % len(others)]
        previous = make_reply(writer, topic, f"Réponse numéro {number} avec un peu de texte.",
                              reply_to=previous if number % 3 == 0 else None)
        if number % 7 == 0:
            actions.toggle_reaction(author, previous, "merci")
    actions.mark_solution(author, previous)
    return topic


def _queries(app, browser, urls: list[str]) -> list[int]:
    """Statements of each page, measured after a first visit of all (read marks written, notifications read)."""
    for url in urls:
        assert browser.get(url).status_code == 200, url
    counts = []
    for url in urls:
        with count_queries(app) as statements:
            assert browser.get(url).status_code == 200, url
        counts.append(len(statements))
    return counts


def test_topic_page_queries_do_not_grow_with_posts(app, make_client, member, structure):
    others = [make_user(f"Collègue {n}", structure=structure) for n in range(5)]
    small = _topic_with(5, member, others, "Petite discussion de cinq messages").id
    large = _topic_with(500, member, others, "Grande discussion de cinq cents messages").id
    urls = [f"/discussions/{small}", f"/discussions/{large}", f"/discussions/{large}?page=9",
            f"/discussions/{large}?page=17"]
    counts = _queries(app, make_client(member), urls)
    assert len(set(counts)) == 1, dict(zip(urls, counts, strict=True))
    tree = [f"/discussions/{small}?vue=arbre", f"/discussions/{large}?vue=arbre",
            f"/discussions/{large}?vue=arbre&page=3"]
    tree_counts = _queries(app, make_client(member), tree)
    assert len(set(tree_counts)) == 1, dict(zip(tree, tree_counts, strict=True))
    assert counts[0] <= 10 and tree_counts[0] <= counts[0] + 1


def test_list_queries_do_not_grow_with_topics(app, make_client, member, other_member):
    browser = make_client(member)
    for number in range(10):
        make_reply(other_member, make_topic(member, f"Sujet de liste {number}"))
    ten = _queries(app, browser, ["/", "/poles/bretagne", "/themes/mediation-de-nuit"])
    for number in range(90):
        make_reply(other_member, make_topic(other_member, f"Autre sujet {number}"))
    hundred = _queries(app, browser, ["/", "/poles/bretagne", "/themes/mediation-de-nuit"])
    assert ten == hundred
    assert _queries(app, browser, ["/?page=3"]) == ten[:1]


def test_a_full_topic_page_weighs_under_100_kb_with_its_css_and_js(app, make_client, member, structure):
    others = [make_user(f"Auteur {n}", structure=structure) for n in range(4)]
    text = ("Nous avons mis en place une navette avec le bailleur, puis une rencontre entre voisins. "
            "Le plus difficile a été de tenir le cadre avec le binôme. ") * 4
    topic = make_topic(member, "Une discussion très suivie")
    for number in range(40):
        make_reply(others[number % 4], topic, f"{text}\n\n- point {number}\n- autre point")
    browser = make_client(member)
    page = browser.get(f"/discussions/{topic.id}").get_data()
    assets = browser.get("/static/css/forum.css").get_data() + browser.get("/static/js/editor.js").get_data()
    assert page.count(b'class="post') >= 20
    assert len(page) + len(assets) < 100 * 1024, (len(page), len(assets))
