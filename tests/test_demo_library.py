"""The demo library: the three sheets of the field, one sheet at each other step, a public PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from forum.demo.accounts import DEMO_PASSWORD, load_accounts
from forum.demo.discussions import load_discussions
from forum.demo.library import PDF_NAME, PEOPLE, SHEETS, liaison_pdf, load_library
from forum.extensions import db
from forum.library import attachments
from forum.library.models import Attachment, Sheet, SheetComment, SheetEvent, SheetRevision, SheetStatus
from forum.notifications.models import Notification
from forum.policy import reviews
from tests.helpers import page_text

PUBLISHED = {
    "Fiche de liaison nuit → bailleur : traiter les problèmes techniques dès le lendemain": "bretagne",
    "Des élèves pair-médiateurs pour apaiser la cour de récréation": "occitanie",
    "Binômes sur les lignes de soirée et débriefing systématique après incident": "centre-val-de-loire",
}
PUBLIC_TITLE = "Fiche de liaison nuit → bailleur : traiter les problèmes techniques dès le lendemain"
STRUCTURES = {
    "bretagne": "Régie de quartier des Trois Rives",
    "occitanie": "Association Médiation Sud Partage",
    "centre-val-de-loire": "Service médiation du réseau Val de Brenne",
}


def count(column, *where) -> int:
    return db.session.scalar(db.select(db.func.count(column)).where(*where)) or 0


@pytest.fixture
def demo(app):
    load_accounts()
    load_discussions()
    load_library()


def sheets_by_title() -> dict[str, Sheet]:
    return {sheet.current_revision.title: sheet for sheet in db.session.scalars(db.select(Sheet))}


def with_status(status: str) -> list[Sheet]:
    return list(db.session.scalars(db.select(Sheet).where(Sheet.status == status)))


def user(key: str):
    from forum.accounts.models import User

    return db.session.scalar(db.select(User).where(User.email == PEOPLE[key]))


def test_three_published_sheets_of_the_field(demo):
    sheets = sheets_by_title()
    published = {sheet.current_revision.title for sheet in with_status(SheetStatus.PUBLISHED)}
    assert published == set(PUBLISHED)
    for title, pole_slug in PUBLISHED.items():
        sheet = sheets[title]
        revision = sheet.published_revision
        assert sheet.current_revision_id == revision.id and revision.number == 1
        assert sheet.pole.slug == pole_slug and revision.pole.slug == pole_slug
        assert revision.structure.name == STRUCTURES[pole_slug]
        assert revision.missing_required() == []
        for name in ("material_resources", "budget_amount", "budget", "perspectives", "public_detail"):
            assert getattr(revision, name), (title, name)
        assert 1 <= len(revision.theme_slugs) <= 3
        assert revision.registers and revision.periods and revision.funders and revision.structure_kind
        assert "<ol>" in revision.objectives_html and "<li>" in revision.results_html
        # validated by a reviewer of the pole, never by the author
        assert sheet.reviewer_id == revision.published_by_id != sheet.author_id
        assert reviews(sheet.reviewer, sheet.pole_id)
        assert sheet.review_due_at > sheet.published_at
    assert sheets[PUBLIC_TITLE].author.structure.name == "Régie de quartier des Trois Rives"
    assert sheets["Des élèves pair-médiateurs pour apaiser la cour de récréation"].author.email == PEOPLE["ines"]


def test_only_the_first_sheet_is_public(demo):
    public = db.session.scalars(db.select(Sheet).join(SheetRevision, SheetRevision.id == Sheet.published_revision_id)
                                .where(SheetRevision.visibility == "public")).all()
    assert [sheet.current_revision.title for sheet in public] == [PUBLIC_TITLE]


def test_one_sheet_in_review_with_a_reviewer_comment(demo):
    waiting = with_status(SheetStatus.IN_REVIEW) + with_status(SheetStatus.SUBMITTED)
    assert len(waiting) == 1
    sheet = waiting[0]
    assert sheet.status == SheetStatus.IN_REVIEW and sheet.published_revision_id is None
    assert sheet.current_revision.submitted_at is not None
    comments = db.session.scalars(db.select(SheetComment).where(SheetComment.sheet_id == sheet.id)).all()
    assert len(comments) == 1
    assert comments[0].author_id != sheet.author_id and reviews(comments[0].author, sheet.pole_id)


def test_one_draft_by_the_demo_member(demo):
    drafts = with_status(SheetStatus.DRAFT)
    assert len(drafts) == 1
    assert drafts[0].author.email == PEOPLE["lea"]
    assert drafts[0].current_revision.missing_required()  # incomplete, as a real draft


def test_one_sheet_to_update(demo):
    due = with_status(SheetStatus.NEEDS_UPDATE)
    assert len(due) == 1
    sheet = due[0]
    assert sheet.published_revision_id is not None and sheet.review_due_at < sheet.updated_at
    assert sheet.reviewer_id != sheet.author_id
    assert count(SheetEvent.id, SheetEvent.sheet_id == sheet.id, SheetEvent.action == "mark_due") == 1
    # the history reads in order: written, submitted, published long ago, then marked
    events = db.session.scalars(db.select(SheetEvent).where(SheetEvent.sheet_id == sheet.id)
                                .order_by(SheetEvent.created_at)).all()
    assert [event.action for event in events] == ["create", "submit", "publish", "mark_due"]


def test_every_demo_text_passes_the_personal_data_guard(demo):
    assert count(SheetRevision.id) == len(SHEETS)
    assert count(SheetRevision.id, SheetRevision.privacy_warnings != "") == 0
    assert count(SheetRevision.id, SheetRevision.contact_consent.is_(True)) == 0


def test_the_pdf_model_is_a_valid_pdf():
    data = liaison_pdf()
    assert data.startswith(b"%PDF-1.4\n") and data.rstrip().endswith(b"%%EOF")
    assert b"/BaseFont /Helvetica" in data and b" Tj" in data
    startxref = int(re.search(rb"startxref\n(\d+)\n", data).group(1))
    assert data[startxref:].startswith(b"xref\n0 6\n")
    entries = re.findall(rb"(\d{10}) 00000 n \n", data[startxref:])
    assert len(entries) == 5
    for number, offset in enumerate(entries, 1):
        assert data[int(offset):].startswith(b"%d 0 obj\n" % number)
    length = int(re.search(rb"/Length (\d+) >>\nstream\n", data).group(1))
    start = data.index(b"stream\n") + len(b"stream\n")
    assert data[start + length:].startswith(b"endstream")
    assert "Fiche de liaison nuit".encode("cp1252") in data and "Bâtiment".encode("cp1252") in data


def test_the_pdf_is_attached_and_downloadable_by_a_visitor(demo, client, app):
    sheet = sheets_by_title()[PUBLIC_TITLE]
    attachment = db.session.scalar(db.select(Attachment).where(Attachment.sheet_id == sheet.id))
    assert attachment.filename == PDF_NAME and attachment.content_type == "application/pdf"
    assert attachment.uploaded_by_id == sheet.author_id
    stored = attachments.stored_path(attachment)
    assert Path(app.config["FORUM_UPLOAD_DIR"]) in stored.parents
    assert stored.read_bytes() == liaison_pdf() and attachment.size == len(liaison_pdf())

    url = f"/bibliotheque/pieces-jointes/{attachment.id}/{PDF_NAME}"
    page = client.get(f"/bibliotheque/{sheet.id}")
    assert page.status_code == 200
    assert url in page.get_data(as_text=True)
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data == liaison_pdf()


def test_the_catalogue_shows_the_public_sheet_to_visitors_and_all_to_members(demo, client, make_client):
    titles = list(PUBLISHED) + [sheet.current_revision.title for sheet in with_status(SheetStatus.NEEDS_UPDATE)]
    hidden = [sheet.current_revision.title
              for sheet in with_status(SheetStatus.DRAFT) + with_status(SheetStatus.IN_REVIEW)]

    visitor = page_text(client.get("/bibliotheque/"))
    assert PUBLIC_TITLE in visitor
    assert not [title for title in titles + hidden if title != PUBLIC_TITLE and title in visitor]

    member = make_client()
    member.login(user("ines"), password=DEMO_PASSWORD)
    page = page_text(member.get("/bibliotheque/"))
    assert all(title in page for title in titles)
    assert not [title for title in hidden if title in page]
    assert "À actualiser" in page


def test_loading_again_changes_nothing(demo, app):
    def snapshot():
        uploads = Path(app.config["FORUM_UPLOAD_DIR"])
        return (count(Sheet.id), count(SheetRevision.id), count(SheetComment.id), count(SheetEvent.id),
                count(Attachment.id), count(Notification.id), len(list(uploads.iterdir())),
                tuple(db.session.execute(db.select(Sheet.id, Sheet.status).order_by(Sheet.id)).all()))

    before = snapshot()
    load_accounts()
    load_discussions()
    load_library()
    assert snapshot() == before
