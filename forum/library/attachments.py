"""Attachments of sheets: checked by content, images cleaned of their metadata, stored privately.

Accepted: PDF, ODT, DOCX, PNG, JPEG. The type comes from the bytes, never from the name:
a « .pdf » that is HTML is refused. Images are decoded and encoded again, which drops EXIF
(GPS position, camera) and proves they are complete. Office files are ZIP archives: their
parts are checked without extracting, and an archive that would inflate beyond reason (a
« zip bomb ») is refused. Files are stored outside static/ under random names.
"""

from __future__ import annotations

import io
import re
import secrets
import unicodedata
import zipfile
from pathlib import Path

from flask import current_app

from forum import policy
from forum.db_types import utcnow
from forum.errors import ActionError
from forum.extensions import db
from forum.library.models import Attachment, Sheet
from forum.transaction import after_commit, atomic

KINDS = {
    "application/pdf": ("pdf", "PDF"),
    "application/vnd.oasis.opendocument.text": ("odt", "Document texte (ODT)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx", "Document Word (DOCX)"),
    "image/png": ("png", "Image PNG"),
    "image/jpeg": ("jpg", "Image JPEG"),
}
MAX_INFLATED = 200 * 1024 * 1024     # what an office file may unpack to
MAX_RATIO = 100                      # unpacked / packed
MAX_PIXELS = 40_000_000              # a 40-megapixel image is already huge for a sheet
REFUSED = ("Ce fichier n'est pas accepté : envoyez un PDF, un document ODT ou DOCX, ou une image PNG ou JPEG "
           "(le type est vérifié d'après le contenu du fichier, pas son nom).")


def _office_kind(data: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ActionError("Ce document est incomplet ou abîmé : enregistrez-le de nouveau puis réessayez.", "file")
    inflated = sum(entry.file_size for entry in entries)
    if inflated > MAX_INFLATED or inflated > MAX_RATIO * max(len(data), 1):
        raise ActionError("Ce document est refusé : une fois décompressé, il serait démesurément grand.", "file")
    names = {entry.filename for entry in entries}
    if "mimetype" in names and archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text":
        return "application/vnd.oasis.opendocument.text"
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return None


def detect_kind(data: bytes) -> str | None:
    """The content type of an accepted file, read from its bytes; None when it is not accepted."""
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise ActionError("Ce PDF est incomplet (coupé pendant l'envoi ?) : réessayez.", "file")
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None


def clean_image(data: bytes, content_type: str) -> bytes:
    """Decode and encode again: no EXIF, no GPS, no comment survives; a truncated image is refused."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)  # keep the photo upright once the EXIF is gone
            image.info.clear()  # JPEG comments, PNG text chunks, ICC, XMP: Pillow writes back what info holds
            output = io.BytesIO()
            if content_type == "image/png":
                image.save(output, format="PNG", optimize=True)
            else:
                image.convert("RGB").save(output, format="JPEG", quality=88, optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError):
        raise ActionError("Cette image est incomplète ou illisible : enregistrez-la de nouveau puis réessayez.",
                          "file") from None
    return output.getvalue()


def safe_filename(name: str, extension: str) -> str:
    """A filename to offer for download: plain letters, digits and dashes, the right extension."""
    stem = unicodedata.normalize("NFKD", Path(name or "").stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:80] or "document"
    return f"{stem}.{extension}"


def upload_dir() -> Path:
    folder = Path(current_app.config["FORUM_UPLOAD_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@atomic
def add_attachment(actor, sheet: Sheet, filename: str, data: bytes, no_personal_data: bool) -> Attachment:
    """Attach a document or an image to a sheet, after checking what it really is."""
    policy.require(actor, "edit", sheet)
    if not no_personal_data:
        raise ActionError("Cochez la case confirmant que le document ne contient aucune donnée personnelle "
                          "et ne montre aucune personne reconnaissable.", "no_personal_data")
    limit = current_app.config["FORUM_MAX_UPLOAD_MB"] * 1024 * 1024
    if not data:
        raise ActionError("Le fichier est vide.", "file")
    if len(data) > limit:
        raise ActionError(f"Le fichier dépasse {current_app.config['FORUM_MAX_UPLOAD_MB']} Mo.", "file")
    content_type = detect_kind(data)
    if content_type is None:
        raise ActionError(REFUSED, "file")
    if content_type.startswith("image/"):
        data = clean_image(data, content_type)
    from forum.library.actions import working_revision

    revision = working_revision(actor, sheet)  # a published version never changes: a new one starts
    stored_name = secrets.token_hex(16)
    (upload_dir() / stored_name).write_bytes(data)
    attachment = Attachment(sheet_id=sheet.id, filename=safe_filename(filename, KINDS[content_type][0]),
                            stored_name=stored_name, content_type=content_type, size=len(data),
                            uploaded_by_id=actor.id, added_in=revision.number)
    db.session.add(attachment)
    sheet.updated_at = revision.updated_at = utcnow()
    return attachment


@atomic
def remove_attachment(actor, attachment: Attachment) -> None:
    """Withdraw an attachment from the working version. The file itself goes only when no earlier
    version shows it, so the published version keeps its documents until the next one is validated."""
    from forum.library.actions import working_revision

    sheet = db.session.get(Sheet, attachment.sheet_id)
    policy.require(actor, "edit", sheet)
    if attachment.removed_in is not None or attachment.deleted_at is not None:
        # Withdrawn already (an old tab): doing it again would move its end and bring it back
        # into the versions in between, the published one included.
        raise ActionError("Ce document a déjà été retiré de la fiche.", "file")
    revision = working_revision(actor, sheet)
    unused = attachment.added_in >= revision.number  # never in a version anyone else could see
    if unused:
        attachment.deleted_at = utcnow()
    attachment.removed_in = revision.number
    sheet.updated_at = revision.updated_at = utcnow()
    if unused:  # after the commit: a failed one must not lose a file the rows still name
        path = upload_dir() / attachment.stored_name
        after_commit(lambda: path.unlink(missing_ok=True))


def stored_path(attachment: Attachment) -> Path:
    """Where the file is on disk."""
    return upload_dir() / attachment.stored_name
