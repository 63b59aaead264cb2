"""Accessibility: axe-core finds no WCAG 2.2 A/AA violation on the main pages, for each role, on a phone and a desktop."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import factories
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.factories import PASSWORD

AXE_JS = Path(os.environ.get("FORUM_AXE_JS")
              or Path(__file__).resolve().parents[2] / ".venv/node/node_modules/axe-core/axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (360, 1280)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not AXE_JS.exists(), reason=f"no axe-core at {AXE_JS}: `make test` installs it with npm"),
]

# Reads the page after layout at the current width; only violations matter, and their first targets.
RUN_AXE = r"""async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map(rule => ({
    id: rule.id, impact: rule.impact, help: rule.help,
    targets: rule.nodes.slice(0, 5).map(node => node.target.join(' ')),
    why: (rule.nodes[0].failureSummary || '').replace(/\s+/g, ' '),
  }));
}"""


@pytest.fixture(scope="module")
def shared_browser():
    """One Chromium for every role: starting it costs more than a page."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def forum_state(structure, member, other_member, referent, animator, moderator, admin):
    """Every page in a state worth checking: a solved question, sheets at each step, queues, notifications."""
    from forum.discussions.actions import mark_solution, reply
    from forum.search import outbox

    topic = factories.make_topic(member, "Comment gérer les appels répétés la nuit ?")
    answer = factories.make_reply(other_member, topic, "Nous passons en **médiation différée** le lendemain.")
    factories.make_reply(animator, topic, "Chez nous, un binôme rappelle le locataire en journée.", reply_to=answer)
    mark_solution(member, answer)
    factories.make_reply(other_member, topic, "@Marc Modérateur et @Alice Admin, qu'en pensez-vous ?")
    reply(referent, topic, "Mme Martin a rappelé ce soir.", privacy_reason="Nom inventé, cas fictif")
    sheet = factories.make_sheet(member, "published", reviewer=animator, visibility="public")
    submitted = factories.make_sheet(member, "submitted", title="Tournées partagées avec le bailleur")
    factories.make_pending_user("Paul Attente", structure=structure)
    # Moderation: an urgent report waiting, a hidden reply whose author was told.
    from forum.extensions import db
    from forum.moderation.actions import hide_post
    from forum.moderation.models import ModerationCase, Statement
    from forum.moderation.reports import report

    case = report(member, answer, "donnee-personnelle", "Une personne est reconnaissable.")
    off_topic = factories.make_reply(member, topic, "Qui vient au loto du quartier samedi ?")
    hide_post(moderator, off_topic, "Hors sujet : le loto n'a pas sa place ici.")
    statement = db.session.scalar(db.select(Statement.id).where(Statement.member_id == member.id))
    from forum.moderation import sanctions, statements

    contested = statements.contest(other_member, sanctions.warn(moderator, other_member, "Publicité répétée"),
                                   "Je citais seulement une formation gratuite.")
    contest_case = db.session.scalar(db.select(ModerationCase.id).where(ModerationCase.contest_id == contested.id))
    outbox.drain(blocking=True)
    return {"topic": topic.id, "sheet": sheet.id, "submitted": submitted.id, "member": member.id,
            "structure": structure.id, "pole": factories.pole("bretagne").id,
            "theme": factories.theme("mediation-de-nuit").id, "case": case.id, "statement": statement,
            # A colleague's reply nobody reported (post 3 is the animator's own: not theirs to report).
            "unreported": factories.post_number(topic, 4).id, "contest_case": contest_case}


def pages_for(role: str, state: dict) -> list[tuple[str, int, str | None]]:
    """The main pages a person with ``role`` reaches: address, status, and a text showing the state is there."""
    topic, sheet, submitted = (f"/discussions/{state['topic']}", f"/bibliotheque/{state['sheet']}",
                               f"/bibliotheque/{state['submitted']}")
    public = [("/bibliotheque/", 200, "Fiche de liaison"), (sheet, 200, "Fiche de liaison"),
              ("/charte", 200, "Charte"), ("/page-qui-n-existe-pas", 404, "introuvable")]
    if role == "visitor":  # discussions are for members: their pages send a visitor to the login form
        return [("/", 200, "Les pôles régionaux"), *public, ("/recherche?q=nuit", 200, "Fiche de liaison"),
                ("/connexion", 200, "Mot de passe"), ("/inscription", 200, "Mot de passe")]
    members = [
        ("/", 200, "Comment gérer les appels"), ("/poles/bretagne", 200, "Comment gérer les appels"),
        ("/poles/bretagne/mediation-de-nuit", 200, "Comment gérer les appels"), (topic, 200, "Solution retenue"),
        ("/discussions/nouvelle", 200, "Votre message"), *public, ("/bibliotheque/nouvelle", 200, "En bref"),
        ("/recherche?q=nuit", 200, "Comment gérer les appels"), ("/notifications", 200, "Comment gérer les appels"),
        ("/profil", 200, "Prénom et nom"),
        (f"/moderation/signaler/message/{state['unreported']}", 200, "Motif du signalement"),
        ("/moderation/mes-signalements", 200, None),
    ]
    moderation = [("/moderation/", 200, "Mme Martin"), (f"/moderation/cas/{state['case']}", 200, "Signalements"),
                  ("/moderation/journal", 200, "Hors sujet"), ("/moderation/journal?action=hide_post", 200, "Hors sujet")]
    review = [("/bibliotheque/relecture", 200, "Tournées partagées"), (submitted, 200, "Tournées partagées")]
    extra = {
        "member": [("/moderation/decisions", 200, "Message masqué"),
                   (f"/moderation/decisions/{state['statement']}", 200, "Contester cette décision")],
        "animator": review,
        "moderator": moderation,
        "admin": [*review, *moderation, ("/moderation/mots-surveilles", 200, None),
                  (f"/moderation/cas/{state['contest_case']}", 200, "Trancher la contestation"),
                  ("/comptes/en-attente", 200, "Paul Attente"),
                  *[(path, 200, None) for path in (
                      "/admin/", "/admin/comptes", f"/admin/comptes/{state['member']}", "/admin/journal",
                      "/admin/structures", f"/admin/structures/{state['structure']}", "/admin/poles",
                      f"/admin/poles/{state['pole']}", "/admin/themes", f"/admin/themes/{state['theme']}",
                      "/admin/pages/charte", "/admin/thesaurus")]],
    }[role]
    return [*members, *extra]


def _log_in(page, base: str, user) -> None:
    page.goto(base + "/connexion")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("bienvenue sur le forum").wait_for()


def _new_page(browser, width: int = WIDTHS[0], **options):
    """A page of a fresh context that carries axe-core into every document it opens."""
    context = browser.new_context(viewport=_viewport(width), locale="fr-FR", **options)
    # An init script runs outside the page's CSP, which forbids inline and injected scripts.
    context.add_init_script(script=AXE_JS.read_text())
    return context.new_page()


def _viewport(width: int) -> dict:
    return {"width": width, "height": 740 if width < 1000 else 900}


def _violations(page, where: str) -> list[str]:
    """One line per rule axe-core finds broken on the page as laid out now: rule, impact, targets, why."""
    return [f"{where}: {rule['id']} ({rule['impact']}) {rule['help']} — {', '.join(rule['targets'])} — {rule['why']}"
            for rule in page.evaluate(RUN_AXE, WCAG_TAGS)]


def _report(found: list[str]) -> str:
    return "axe-core found WCAG 2.2 A/AA violations:\n" + "\n".join(found)


@pytest.mark.parametrize("role", ["visitor", "member", "animator", "moderator", "admin"])
def test_main_pages_have_no_wcag_violation(role, request, live_server, shared_browser, forum_state):
    page = _new_page(shared_browser)
    if role != "visitor":
        _log_in(page, live_server, request.getfixturevalue(role))
    found = []
    for path, status, shown in pages_for(role, forum_state):
        page.set_viewport_size(_viewport(WIDTHS[0]))
        response = page.goto(live_server + path)
        assert (response.status, page.url) == (status, live_server + path), f"{path} as {role}: {response.status}"
        assert shown is None or page.get_by_text(shown).count(), f"{path} as {role} does not show « {shown} »"
        for width in WIDTHS:  # the same document at each width: a resize lays it out again
            page.set_viewport_size(_viewport(width))
            found += _violations(page, f"{path} as {role} at {width} px")
    page.context.close()
    assert not found, _report(found)


def test_editor_states_have_no_wcag_violation(live_server, shared_browser, forum_state, member):
    """What a member meets while writing, in light and dark mode: the @mention list, a refused reply, form errors."""
    page = _new_page(shared_browser)
    _log_in(page, live_server, member)
    found = []

    def check(state: str) -> None:
        for scheme in ("light", "dark"):  # the colours change without a reload
            page.emulate_media(color_scheme=scheme)
            found.extend(_violations(page, f"{state} ({scheme})"))

    page.goto(f"{live_server}/discussions/{forum_state['topic']}")
    body = page.get_by_label("Votre réponse")
    body.press_sequentially("Merci @Om", delay=10)
    page.get_by_role("option", name="Omar Autre").wait_for()
    check("topic page, @mention list open")

    body.fill("Rappelez-la au 06 00 00 00 00 ce soir.")
    page.get_by_role("button", name="Publier la réponse").click()
    page.get_by_role("heading", name="Publication impossible en l’état").wait_for()
    check("reply refused by the privacy guard")

    page.goto(f"{live_server}/discussions/nouvelle")
    page.get_by_role("button", name="Publier", exact=True).click()
    page.get_by_text("Le formulaire contient des erreurs").wait_for()
    check("new topic sent empty")
    page.context.close()
    assert not found, _report(found)
