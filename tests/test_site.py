"""Layout, error pages, health check, templates and documented settings."""

from __future__ import annotations

import re
from pathlib import Path

from config import SETTINGS
from forum.extensions import db
from tests.helpers import page_text

ROOT = Path(__file__).resolve().parent.parent


def test_layout_has_skip_link_landmarks_and_french(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="fr">' in page
    assert 'class="skip-link" href="#contenu"' in page
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in page
    assert 'name="viewport"' in page


def test_navigation_shows_administration_to_admins_only(make_client, member, admin):
    assert "Administration" not in page_text(make_client(member).get("/"))
    assert "Administration" in page_text(make_client(admin).get("/"))


def test_reviewers_reach_the_review_queue_from_the_header(make_client, member, animator):
    assert "Fiches à relire" in page_text(make_client(animator).get("/"))
    assert "Fiches à relire" not in page_text(make_client(member).get("/"))


def test_referent_sees_how_many_accounts_wait(make_client, referent, pending_user):
    page = page_text(make_client(referent).get("/"))
    assert "Comptes à valider" in page and '1 en attente' in page


def test_footer_links_to_charter_privacy_notice_and_emergency_numbers(client):
    page = page_text(client.get("/"))
    assert 'href="/charte"' in page and 'href="/confidentialite"' in page
    assert "pas un canal d'alerte" in page and "112" in page


def test_not_found_page_is_french(client):
    response = client.get("/nulle-part")
    assert response.status_code == 404 and "Page introuvable" in page_text(response)


def test_too_large_request_gets_a_french_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post_form("/connexion", {"email": "x" * 5000, "password": "y"})
    assert response.status_code == 413 and "Fichier trop volumineux" in page_text(response)


def test_unexpected_error_gets_a_french_500(app, client, monkeypatch):
    def explode():
        raise RuntimeError("boom")

    monkeypatch.setitem(app.view_functions, "pages.charter", explode)
    response = client.get("/charte")
    assert response.status_code == 500 and "Erreur du serveur" in page_text(response)


def test_odd_numbers_in_addresses_fall_back_instead_of_failing(client, make_client, member, animator):
    from tests.factories import make_sheet

    sheet = make_sheet(member, "published", reviewer=animator, title="Fiche numérotée")
    author = make_client(member)
    # « ² » passes str.isdigit but not int(); 23 digits overflow SQLite's integers
    for odd in ("²", "99999999999999999999999", "-1", "abc"):
        for browser, url in ((client, "/"), (client, "/bibliotheque/"), (client, "/recherche"),
                             (author, f"/bibliotheque/{sheet.id}")):
            response = browser.get(url, query_string={"q": "nuit", "page": odd, "version": odd})
            assert response.status_code == 200, (url, odd, response.status_code)
    assert "Fiche numérotée" in page_text(author.get(f"/bibliotheque/{sheet.id}", query_string={"version": "1"}))
    assert author.get(f"/bibliotheque/{sheet.id}", query_string={"version": "7"}).status_code == 404


def test_health_check_reports_database_and_index(app, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "search_index": "ok"}


def test_health_check_fails_when_the_index_directory_is_missing(app, client, tmp_path):
    app.config["FORUM_INDEX_DIR"] = str(tmp_path / "absent")
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json["search_index"] == "absent"


def test_health_check_fails_when_the_database_is_down(app, client, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def refuse(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, OSError("connection refused"))

    monkeypatch.setattr(db.session, "execute", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json["database"] == "erreur"


def test_no_template_marks_anything_safe():
    """Stored HTML reaches templates already marked (``*_markup``, from ``markup.trusted``): no ``|safe``."""
    offenders = [f"{template.relative_to(ROOT)}:{number}"
                 for template in (ROOT / "templates").rglob("*")
                 if template.is_file()
                 for number, line in enumerate(template.read_text().splitlines(), 1)
                 if re.search(r"\|\s*safe\b|autoescape\s+false", line)]
    assert offenders == []


# Where HTML may be marked safe, and why: each builds it from escaped pieces or from ``markup.render``.
MARKS_SAFE = {
    "forum/markup.py": "trusted(): HTML that render() made",
    "forum/privacy.py": "highlight(): escaped text with <mark>",
    "forum/library/diff.py": "words_diff(): escaped words with <ins>/<del>",
    "forum/search/results.py": "Hit.snippet: snippet() escaped the text before adding <mark>",
}
# Who may call markup.trusted(), and on what.
TRUSTS = {
    "forum/markup.py": "RenderedBody.body_markup (a body_html column)",
    "forum/library/models.py": "SheetRevision.field_markup (its *_html columns)",
    "forum/pages/content.py": "PageContent.body_markup (a stored page, or render() of the default text)",
    "forum/editor.py": "the preview, render() of the text being written",
}


def test_html_is_marked_safe_only_where_it_is_built_safely():
    marking, trusting = set(), set()
    for path in (ROOT / "forum").rglob("*.py"):
        text = path.read_text()
        name = str(path.relative_to(ROOT))
        if re.search(r"\bMarkup\(", text):
            marking.add(name)
        if re.search(r"\btrusted\(", text) and name != "forum/markup.py":
            trusting.add(name)
    assert marking == set(MARKS_SAFE)
    assert trusting | {"forum/markup.py"} == set(TRUSTS)


def test_no_inline_script_or_third_party_asset_in_templates():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert "<script>" not in text and "onclick=" not in text, template
        assert not re.search(r'(src|href)="(https?:)?//', text), template


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    missing = [setting.env for setting in SETTINGS if setting.env not in readme]
    assert missing == []


def test_demo_loads_once_and_prints_the_accounts(runner):
    from forum.accounts.models import Structure, User

    first = runner.invoke(args=["forum", "demo"])
    assert first.exit_code == 0, first.output
    assert "admin@forum-demo.example" in first.output and "demo-forum-2026" in first.output
    counts = (db.session.scalar(db.select(db.func.count(User.id))),
              db.session.scalar(db.select(db.func.count(Structure.id))))
    second = runner.invoke(args=["forum", "demo"])
    assert second.exit_code == 0, second.output
    assert counts == (db.session.scalar(db.select(db.func.count(User.id))),
                      db.session.scalar(db.select(db.func.count(Structure.id))))
    roles = set(db.session.scalars(db.select(User.role)))
    assert roles == {"member", "structure_referent", "pole_animator", "moderator", "admin"}
    assert db.session.scalar(db.select(db.func.count(User.id)).where(User.status == "pending")) == 3


def test_demo_accounts_can_log_in(runner, make_client):
    from forum.accounts.models import User

    runner.invoke(args=["forum", "demo"])
    admin = db.session.scalar(db.select(User).where(User.email == "admin@forum-demo.example"))
    make_client().login(admin, password="demo-forum-2026")


def test_create_admin_command(runner, structure):
    from forum.accounts.models import User

    result = runner.invoke(args=["forum", "create-admin", "--email", "chef@test.example", "--name", "Chef Test",
                                 "--structure", structure.name, "--password", "un mot de passe long"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "chef@test.example"))
    assert user.role == "admin" and user.status == "active"
    unknown = runner.invoke(args=["forum", "create-admin", "--email", "x@test.example", "--name", "X",
                                  "--structure", "Inconnue", "--password", "un mot de passe long"])
    assert unknown.exit_code != 0 and "Aucune structure" in unknown.output


def test_templates_and_scripts_take_addresses_from_the_routes():
    """No address is spelled out: templates call url_for (or the view's patterns), scripts read data- attributes."""
    spelled = re.compile(r"""(?:href|action|src)="/|~\s*['"]/|\}\}/[a-z]|['"]/(?:api|messages|discussions|bibliotheque|membres)\b""")
    offenders = [f"{path.relative_to(ROOT)}:{number}"
                 for folder, pattern in (("templates", "*.html"), ("static/js", "*.js"))
                 for path in (ROOT / folder).rglob(pattern)
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if spelled.search(line)]
    assert offenders == []
