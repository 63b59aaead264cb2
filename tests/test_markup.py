"""markup.render: an XSS corpus leaves no script, no handler, no dangerous URL; formatting survives."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from forum import markup

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"javascript:alert(1)\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<a href=\"javascript:alert(1)\">clic</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">clic</a>",
    "<a href=\"java&#x09;script:alert(1)\">clic</a>",
    "<a href=\"&#106;avascript:alert(1)\">clic</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">clic</a>",
    "<a href=\"vbscript:msgbox(1)\">clic</a>",
    "[clic](javascript:alert(1))",
    "[clic](JAVASCRIPT:alert(1))",
    "[clic](  javascript:alert(1))",
    "[clic](data:text/html,<script>alert(1)</script>)",
    "![image](javascript:alert(1))",
    "![x](https://evil.example/pixel.png)",
    "[clic](https://exemple.fr \"titre\" onmouseover=alert(1))",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<p style=\"expression(alert(1))\">x</p>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<base href=\"javascript:alert(1)//\">",
    "<link rel=stylesheet href=\"https://evil.example/x.css\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<style>body{background:url(https://evil.example)}</style>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<a href=\"https://exemple.fr\" onclick=\"alert(1)\">x</a>",
    "<p onmouseover=\"alert(1)\">survol</p>",
    "<img src=`x`onerror=alert(1)>",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<textarea><script>alert(1)</script></textarea>",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "<a href=\"https://exemple.fr\" target=\"_blank\">onglet</a>",
    "<table><tr><td onclick=alert(1)>x</td></tr></table>",
]

class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _problems(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.elements:
        if tag not in markup.ALLOWED_TAGS:
            found.append(f"element <{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name in {"style", "target", "src", "srcset", "formaction"}:
                found.append(f"attribute {name} on <{tag}>")
            if name == "href":
                scheme = re.sub(r"[\x00-\x20]", "", value or "").split(":", 1)
                if len(scheme) == 2 and scheme[0].lower() not in {"http", "https", "mailto"}:
                    found.append(f"href {value!r}")
    return found


def test_corpus_is_large_enough():
    assert len(XSS) >= 40


@pytest.mark.parametrize("payload", XSS)
def test_payload_leaves_nothing_dangerous(payload):
    html = markup.render(payload)
    assert _problems(html) == [], html


def test_every_link_gets_nofollow_ugc_noopener():
    html = markup.render("Voir [le guide](https://exemple.fr/guide) ou https://exemple.fr/autre")
    links = re.findall(r"<a [^>]*>", html)
    assert len(links) == 2
    assert all('rel="nofollow ugc noopener"' in link for link in links)


def test_allowed_formatting_survives():
    html = markup.render(
        "# Titre\n\n**gras** et *italique*\n\n- un\n- deux\n\n1. premier\n\n> citation\n\n`code`\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nligne un\nligne deux")
    for fragment in ("<h3>Titre</h3>", "<strong>gras</strong>", "<em>italique</em>", "<ul>", "<li>un</li>",
                     "<ol>", "<blockquote>", "<code>code</code>", "<table>", "<td>1</td>", "ligne un<br>"):
        assert fragment in html, fragment


def test_headings_are_shifted_below_the_page_title():
    assert "<h3>" in markup.render("# Un") and "<h4>" in markup.render("## Deux")
    assert "<h1" not in markup.render("# Un") and "<h2" not in markup.render("## Deux")


def test_a_list_may_start_right_under_a_line_of_text():
    html = markup.render("Nos étapes :\n- appeler le bailleur\n- noter la réponse\nEnsuite 1. rien")
    assert "<p>Nos étapes :</p>" in html
    assert "<li>appeler le bailleur</li>" in html and "<li>noter la réponse<br>" in html
    numbered = markup.render("Dans l'ordre :\n1. écouter\n2. reformuler")
    assert "<ol>" in numbered and "<li>reformuler</li>" in numbered
    # a dash inside a sentence, or a code block, stays as written
    assert "<li>" not in markup.render("2026 - une année\n-5 degrés cette nuit")
    assert "<pre><code>- commande" in markup.render("    - commande\ntexte")


def test_mentions_become_profile_links():
    html = markup.render("Merci @Léa Morvan !", mentions={"Léa Morvan": "/membres/3"})
    assert '<a href="/membres/3" rel="nofollow ugc noopener">@Léa Morvan</a>' in html


def test_excerpt_is_plain_text_cut_at_a_word():
    html = markup.render("**Bonjour** à toutes et à tous, voici une longue phrase &amp; un lien")
    text = markup.excerpt(html, 30)
    assert "<" not in text and text.endswith("…") and len(text) <= 31
    assert markup.excerpt(markup.render("Court & net"), 50) == "Court & net"


def test_the_detector_itself_sees_dangerous_html():
    raw = '<a href=" JavaScript:alert(1)" onclick="x">a</a><img src=x><p style="color:red">b</p>'
    assert len(_problems(raw)) == 5


def test_rerender_brings_every_kind_of_stored_text_up_to_the_current_rules(runner, member, animator, admin):
    """Posts, their earlier versions, sheet versions, review comments and site pages: all re-rendered."""
    from forum.discussions.actions import edit_post
    from forum.discussions.models import Revision
    from forum.extensions import db
    from forum.library.actions import comment
    from forum.pages.actions import edit_page
    from tests.factories import first_post, make_sheet, make_topic

    steps = "Nos étapes :\n- appeler\n- noter"
    topic_post = first_post(make_topic(member, "Liste sous le texte", body=steps))
    edit_post(member, topic_post, steps + "\n- rappeler")
    earlier = db.session.scalar(db.select(Revision).where(Revision.post_id == topic_post.id))
    sheet = make_sheet(member, "submitted", actions="Dans l'ordre :\n1. écouter\n2. noter")
    note = comment(animator, sheet, "À compléter :\n- les horaires\n- les partenaires")
    page = edit_page(admin, "charte", "Charte", "Trois règles :\n- discrétion\n- respect")
    revision = sheet.current_revision
    for row, html_attribute, version_attribute in ((topic_post, "body_html", "body_render_version"),
                                                   (earlier, "body_html", "body_render_version"),
                                                   (revision, "actions_html", "render_version"),
                                                   (note, "body_html", "body_render_version"),
                                                   (page, "body_html", "body_render_version")):
        setattr(row, html_attribute, "<p>ancien</p>")
        setattr(row, version_attribute, markup.RENDER_VERSION - 1)
    db.session.commit()
    output = runner.invoke(args=["markup", "rerender"]).output
    for label in ("messages : 1", "versions de messages : 1", "versions de fiches : 1",
                  "commentaires de relecture : 1", "pages : 1"):
        assert label in output, output
    for row in (topic_post, earlier, revision, note, page):
        db.session.refresh(row)
    assert "<li>appeler</li>" in topic_post.body_html and topic_post.body_render_version == markup.RENDER_VERSION
    assert "<li>appeler</li>" in earlier.body_html and earlier.body_render_version == markup.RENDER_VERSION
    assert "<ol>" in revision.actions_html and revision.render_version == markup.RENDER_VERSION
    assert "<li>les horaires</li>" in note.body_html and note.body_render_version == markup.RENDER_VERSION
    assert "<li>discrétion</li>" in page.body_html and page.body_render_version == markup.RENDER_VERSION
    assert "Rien à refaire." in runner.invoke(args=["markup", "rerender"]).output


def test_every_stored_html_column_follows_the_rendered_text_contract(app):
    """A model with an ``*_html`` column is a ``markup.Rendered`` with a version column: rerender finds it."""
    from forum.extensions import db
    from forum.markup_rerender import rendered_models

    holders = {mapper.class_ for mapper in db.Model.registry.mappers
               if any(column.key.endswith("_html") for column in mapper.columns)}
    assert holders and holders == set(rendered_models())
    for model in holders:
        assert model.render_version_attribute in model.__table__.columns, model


def test_the_history_shows_versions_rendered_when_they_were_written(app, member):
    from forum.discussions.actions import edit_post
    from forum.discussions.models import Revision
    from forum.extensions import db
    from tests.factories import first_post, make_topic

    post = first_post(make_topic(member, "Une question à reformuler", body="**Première** version"))
    edit_post(member, post, "Deuxième version")
    earlier = db.session.scalar(db.select(Revision).where(Revision.post_id == post.id))
    assert earlier.body_html == "<p><strong>Première</strong> version</p>"
    assert earlier.body_render_version == markup.RENDER_VERSION


# --- bounded work: what a hostile message costs the renderer ---------------------------

def _depth(html: str, tag: str) -> int:
    depth = deepest = 0
    for match in re.finditer(rf"<(/?){tag}>", html):
        depth += -1 if match.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


@pytest.mark.parametrize("text, tag", [
    ("1. " * 6_600, "ol"),       # one line, six thousand nested lists: overflowed Python's stack
    ("- " * 9_999 + "x", "ul"),
    ("> " * 9_999 + "x", "blockquote"),
    (">" * 19_990 + " x", "blockquote"),
    ("\n".join("    " * level + "- niveau" for level in range(300)), "ul"),
])
def test_nesting_stops_at_a_few_levels_and_the_rest_is_text(text, tag):
    html = markup.render(text)
    assert 1 <= _depth(html, tag) <= markup.MAX_NESTING


def test_a_horizontal_rule_of_many_dashes_stays_a_rule():
    assert markup.render("- - - - - - - - - -").strip() == "<hr>"


def test_links_past_the_bracket_budget_stay_plain_text():
    """The link pattern scans the paragraph from every « [ »: their number times the paragraph's
    length is what rendering costs, so it is bounded (a dozen links in a paragraph stay links)."""
    few = " ".join(f"[lien {number}](https://exemple.fr/{number})" for number in range(12))
    assert markup.render(few).count("<a ") == 12
    hostile = "[" * 10_000 + "]" * 9_999
    bounded = markup._bounded(hostile)
    unescaped = len(re.findall(r"(?<!\\)\[", bounded))
    assert unescaped * len(bounded) <= markup.BRACKET_BUDGET + len(bounded) * 20
    assert "[[[" in markup.plain_text(markup.render(hostile))  # shown as typed


def test_long_runs_of_one_sign_are_shortened():
    """bleach's link finder backtracks over a run of « ( » (quadratic in its length)."""
    assert markup._bounded("(" * 19_999) == "(" * markup.MAX_RUN
    assert markup._bounded("Bon courage !!! --- ...") == "Bon courage !!! --- ..."


def test_a_hostile_reply_is_published_not_a_500(make_client, topic, member):
    browser = make_client(member)
    response = browser.post_form(f"/discussions/{topic.id}/repondre", {"body": "1. " * 6_000})
    assert response.status_code == 302


def test_plain_text_removes_every_tag_even_with_a_quoted_angle_bracket():
    html = markup.render('**Gras** et [lien](https://exemple.fr/a>b "titre > ici") &amp; <b>x</b>\n\n> cité')
    text = markup.plain_text(html)
    assert "<" not in text and ">" not in text
    assert " ".join(text.split()) == "Gras et lien & x cité"


def test_a_long_list_of_links_and_deep_code_are_left_as_written():
    links = "\n".join(f"- [Guide pratique de la médiation n° {number}](https://exemple.fr/guide-{number}.pdf)"
                      for number in range(40))
    assert markup.render(links).count("<a ") == 40
    code = "    def f():\n" + "".join("    " * (level + 2) + f"if x{level}:\n" for level in range(7))
    assert "                            if x6:" in markup.render(code)  # 28 spaces of code kept
