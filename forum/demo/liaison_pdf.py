"""The blank liaison form attached to demo fiche 1: a one-page PDF the demo writes itself."""

from __future__ import annotations

PDF_NAME = "modele-fiche-de-liaison.pdf"

PDF_LINES = (
    "Régie de quartier des Trois Rives (structure fictive) - modèle vierge",
    "",
    "Date de la tournée : ..................   Équipe : ..................",
    "Bâtiment et entrée (jamais le logement) : ......................................",
    "Catégorie : éclairage / accès et portes / ascenseur / propreté et encombrants /",
    "                    dégradations / fuite ou odeur",
    "Constat en une phrase : ...............................................................",
    "Photo jointe : oui / non (sans personne ni plaque visible)",
    "",
    "Envoi groupé à 6 h vers l'adresse générique du bailleur.",
    "Statut retourné par le bailleur sous 72 h : pris en compte / réparé / hors compétence",
    "",
    "Ne jamais noter de nom, de numéro de téléphone ni de numéro de logement.",
)


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252) encoding, with its special characters escaped."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def liaison_pdf() -> bytes:
    """A one-page PDF 1.4: the blank liaison form, in Helvetica, with an exact cross-reference table."""
    lines = [b"BT", b"/F1 16 Tf", b"56 780 Td", _pdf_string("Fiche de liaison nuit – bailleur") + b" Tj", b"ET",
             b"BT", b"/F1 11 Tf", b"16 TL", b"56 750 Td"]
    for number, line in enumerate(PDF_LINES):
        lines.append((b"T* " if number else b"") + _pdf_string(line) + b" Tj")
    lines.append(b"ET")
    content = b"\n".join(lines) + b"\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n" % (len(objects) + 1)
    output += b"0000000000 65535 f \n"
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(output)
