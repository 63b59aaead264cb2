"""Attachments: checked by content, cleaned of metadata, served only to readers of the sheet."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from forum.extensions import db
from forum.library import attachments
from forum.library.models import Attachment
from tests import factories
from tests.helpers import page_text

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "Appareil de test"                           # Make
    exif[0x8825] = {1: "N", 2: (48.0, 6.0, 30.0), 3: "W", 4: (1.0, 40.0, 0.0)}  # GPS position
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 90, 160)).save(output, format="PNG")
    return output.getvalue()


def office(kind: str, extra: bytes = b"") -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        if kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w:document/>")
        if extra:
            archive.writestr("word/big.xml", extra)
    return output.getvalue()


@pytest.fixture
def setting(app):
    bretagne = factories.make_structure("Régie bretonne", pole_slug="bretagne")
    author = factories.make_user("Autrice Fiche", structure=bretagne)
    animator = factories.make_user("Animatrice Fiche", structure=bretagne, role="pole_animator", poles=["bretagne"])
    return author, animator


def _upload(browser, sheet, data: bytes, name: str, confirmed: bool = True):
    form = {"file": (io.BytesIO(data), name)}
    if confirmed:
        form["no_personal_data"] = "y"
    return browser.post_form(f"/bibliotheque/{sheet.id}/pieces-jointes", form, follow_redirects=True,
                             content_type="multipart/form-data")


def _attachments(sheet) -> list[Attachment]:
    return db.session.scalars(db.select(Attachment).where(Attachment.sheet_id == sheet.id,
                                                          Attachment.deleted_at.is_(None))).all()


@pytest.mark.parametrize("data, name, content_type", [
    (PDF, "Modèle de fiche de liaison.pdf", "application/pdf"),
    (None, "tableau.odt", "application/vnd.oasis.opendocument.text"),
    (None, "compte-rendu.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (None, "photo.png", "image/png"),
])
def test_accepted_kinds_are_stored_privately_under_random_names(app, make_client, setting, data, name, content_type):
    author, _ = setting
    sheet = factories.make_sheet(author)
    data = data or (office("odt") if name.endswith("odt") else office("docx") if name.endswith("docx") else png())
    response = _upload(make_client(author), sheet, data, name)
    assert "Le document est joint à la fiche." in page_text(response)
    [attachment] = _attachments(sheet)
    assert attachment.content_type == content_type and attachment.stored_name not in name
    stored = attachments.stored_path(attachment)
    assert stored.exists() and "static" not in str(stored)


def test_a_pdf_that_is_really_html_is_refused(make_client, setting):
    author, _ = setting
    sheet = factories.make_sheet(author)
    response = _upload(make_client(author), sheet, b"<html><script>alert(1)</script></html>", "guide.pdf")
    assert "Ce fichier n'est pas accepté" in page_text(response)
    assert _attachments(sheet) == []


def test_gps_metadata_is_gone_after_upload(app, make_client, setting):
    author, _ = setting
    sheet = factories.make_sheet(author)
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the fixture really has a position
    _upload(make_client(author), sheet, original, "tournée.jpg")
    [attachment] = _attachments(sheet)
    cleaned = attachments.stored_path(attachment).read_bytes()
    exif = Image.open(io.BytesIO(cleaned)).getexif()
    assert not exif.get_ifd(0x8825) and 0x010F not in exif
    assert b"Appareil de test" not in cleaned and attachment.filename == "tournee.jpg"


def test_oversized_upload_gets_a_clear_413(app, make_client, setting):
    author, _ = setting
    sheet = factories.make_sheet(author)
    app.config["MAX_CONTENT_LENGTH"] = 50_000
    browser = make_client(author)
    response = browser.post_form(f"/bibliotheque/{sheet.id}/pieces-jointes",
                                 {"file": (io.BytesIO(b"%PDF-" + b"0" * 60_000), "gros.pdf"), "no_personal_data": "y"},
                                 content_type="multipart/form-data")
    assert response.status_code == 413 and "Fichier trop volumineux" in page_text(response)
    assert _attachments(sheet) == []


def test_a_file_over_the_setting_is_refused_in_french(app, make_client, setting):
    author, _ = setting
    sheet = factories.make_sheet(author)
    app.config["FORUM_MAX_UPLOAD_MB"] = 0
    response = _upload(make_client(author), sheet, PDF, "petit.pdf")
    assert "Le fichier dépasse 0 Mo." in page_text(response)


def test_zip_bomb_and_truncated_files_are_refused(app, make_client, setting, monkeypatch):
    author, _ = setting
    sheet = factories.make_sheet(author)
    browser = make_client(author)
    monkeypatch.setattr(attachments, "MAX_INFLATED", 1_000_000)
    bomb = office("docx", extra=b"\0" * 3_000_000)
    assert "démesurément grand" in page_text(_upload(browser, sheet, bomb, "rapport.docx"))
    assert "incomplet" in page_text(_upload(browser, sheet, office("docx")[:200], "coupé.docx"))
    assert "incomplète" in page_text(_upload(browser, sheet, png()[:60], "coupée.png"))
    assert "incomplet" in page_text(_upload(browser, sheet, PDF[:-8], "coupé.pdf"))
    assert "zip" not in page_text(_upload(browser, sheet, b"PK\x03\x04" + b"x" * 100, "faux.odt")).lower()
    assert _attachments(sheet) == []


def test_the_no_personal_data_box_is_mandatory(make_client, setting):
    author, _ = setting
    sheet = factories.make_sheet(author)
    response = _upload(make_client(author), sheet, PDF, "modele.pdf", confirmed=False)
    assert "aucune donnée personnelle" in page_text(response)
    assert _attachments(sheet) == []


def test_attachments_are_served_only_to_readers_of_the_sheet(client, make_client, setting):
    from forum.library import actions

    author, animator = setting
    members = factories.make_sheet(author, "draft", title="Réservée")
    public = factories.make_sheet(author, "draft", title="Ouverte", visibility="public")
    draft = factories.make_sheet(author, "draft", title="Brouillon")
    browser = make_client(author)
    for sheet in (members, public, draft):
        _upload(browser, sheet, PDF, "modele.pdf")
    for sheet in (members, public):
        actions.submit(author, sheet)
        actions.publish(animator, sheet)
    files = {sheet.id: _attachments(sheet)[0] for sheet in (members, public, draft)}
    url = lambda attachment: f"/bibliotheque/pieces-jointes/{attachment.id}/{attachment.filename}"  # noqa: E731

    response = client.get(url(files[public.id]))
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"] == "application/pdf"
    assert client.get(url(files[members.id])).status_code == 302      # log in first
    reader = make_client(factories.make_user("Lecteur"))
    assert reader.get(url(files[members.id])).status_code == 200
    assert reader.get(url(files[draft.id])).status_code == 404         # a draft is not theirs to read
    assert reader.get(f"/bibliotheque/pieces-jointes/{files[draft.id].id}/autre-nom.pdf").status_code == 404
    assert reader.get("/bibliotheque/pieces-jointes/99999/modele.pdf").status_code == 404
    other = make_client(factories.make_user("Autre"))
    assert other.post_form(f"/bibliotheque/pieces-jointes/{files[members.id].id}/retirer").status_code == 403


def test_author_removes_an_attachment(make_client, setting):
    author, _ = setting
    sheet = factories.make_sheet(author)
    browser = make_client(author)
    _upload(browser, sheet, PDF, "modele.pdf")
    [attachment] = _attachments(sheet)
    path = attachments.stored_path(attachment)
    browser.post_form(f"/bibliotheque/pieces-jointes/{attachment.id}/retirer")
    assert _attachments(sheet) == [] and not path.exists()


def test_a_removal_that_is_rolled_back_keeps_the_file(make_client, setting):
    """The file goes only once the removal is committed: the rows still name it otherwise."""
    from forum.transaction import atomic

    author, _ = setting
    sheet = factories.make_sheet(author)
    _upload(make_client(author), sheet, PDF, "modele.pdf")
    [attachment] = _attachments(sheet)
    path = attachments.stored_path(attachment)

    @atomic
    def remove_then_fail():
        attachments.remove_attachment(author, attachment)
        raise RuntimeError("la suite de l'action échoue")

    with pytest.raises(RuntimeError):
        remove_then_fail()
    assert path.exists() and _attachments(sheet) == [attachment]


def _published_with_pdf(make_client, setting, name: str):
    """A public sheet published with one PDF: (sheet, the author's browser, the attachment)."""
    from forum.library import actions

    author, animator = setting
    sheet = factories.make_sheet(author, "draft", title="Fiche publique", visibility="public")
    browser = make_client(author)
    _upload(browser, sheet, PDF, name)
    actions.submit(author, sheet)
    actions.publish(animator, sheet)
    [attachment] = _attachments(sheet)
    return sheet, browser, attachment


def test_attachments_of_a_new_version_wait_for_its_validation(client, make_client, setting):
    from forum.library import actions

    author, animator = setting
    sheet, browser, first = _published_with_pdf(make_client, setting, "premier.pdf")
    _upload(browser, sheet, png(), "schema.png")        # starts version 2: not validated yet
    db.session.refresh(sheet)
    assert sheet.status == "draft" and sheet.current_revision.number == 2
    second = [a for a in _attachments(sheet) if a.id != first.id][0]
    visitor_page = page_text(client.get(f"/bibliotheque/{sheet.id}"))
    assert "premier.pdf" in visitor_page and "schema.png" not in visitor_page
    assert client.get(f"/bibliotheque/pieces-jointes/{second.id}/{second.filename}").status_code == 404
    browser.post_form(f"/bibliotheque/pieces-jointes/{first.id}/retirer")   # withdrawn from version 2 only
    assert client.get(f"/bibliotheque/pieces-jointes/{first.id}/{first.filename}").status_code == 200
    actions.submit(author, sheet)
    actions.publish(animator, sheet)
    visitor_page = page_text(client.get(f"/bibliotheque/{sheet.id}"))
    assert "schema.png" in visitor_page and "premier.pdf" not in visitor_page
    assert client.get(f"/bibliotheque/pieces-jointes/{first.id}/{first.filename}").status_code == 404


def test_withdrawing_again_from_an_old_tab_does_not_bring_a_document_back(client, make_client, setting):
    from forum.library import actions

    author, animator = setting
    sheet, browser, document = _published_with_pdf(make_client, setting, "ancien.pdf")
    browser.post_form(f"/bibliotheque/pieces-jointes/{document.id}/retirer")  # version 2 goes without it
    actions.submit(author, sheet)
    actions.publish(animator, sheet)
    assert client.get(f"/bibliotheque/pieces-jointes/{document.id}/{document.filename}").status_code == 404
    response = browser.post_form(f"/bibliotheque/pieces-jointes/{document.id}/retirer", follow_redirects=True)
    assert "Ce document a déjà été retiré de la fiche." in page_text(response)
    db.session.refresh(document)
    db.session.refresh(sheet)
    assert document.removed_in == 2 and sheet.status == "published" and sheet.current_revision.number == 2
    assert "ancien.pdf" not in page_text(client.get(f"/bibliotheque/{sheet.id}"))
    assert client.get(f"/bibliotheque/pieces-jointes/{document.id}/{document.filename}").status_code == 404


def test_a_jpeg_comment_does_not_survive(app, make_client, setting):
    author, _ = setting
    sheet = factories.make_sheet(author)
    image = Image.new("RGB", (20, 20), (1, 2, 3))
    output = io.BytesIO()
    image.save(output, format="JPEG", comment=b"Mme Martin 0612345678")
    assert b"Mme Martin" in output.getvalue()
    _upload(make_client(author), sheet, output.getvalue(), "photo.jpg")
    [attachment] = _attachments(sheet)
    assert b"Mme Martin" not in attachments.stored_path(attachment).read_bytes()
