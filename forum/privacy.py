"""The personal-data guard: find what could identify a resident before it is published.

``detect(text)`` returns findings: hard identifiers (phone, e-mail, plate, NIR, IBAN) with
severity ``block`` — the text cannot be published as is — and soft signals (street address,
building detail, « Mme Untel », age near a place, a date, a school class, a social-network
handle, sensitive words near a person) with severity ``warn`` — the member may publish
anyway with a reason. ``mask`` replaces findings with « [masqué] ».

The patterns err towards catching: a mediator can always rephrase, a resident cannot
un-publish their phone number. Ordinary mediation sentences (« 20 h », « 3 ans
d'expérience », « le 115 », « la rue ») must pass: see tests/test_privacy.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

BLOCK = "block"
WARN = "warn"
PLACEHOLDER = "[masqué]"

UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ"
LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"

# kind -> (severity, French label)
KINDS = {
    "phone": (BLOCK, "numéro de téléphone"),
    "email": (BLOCK, "adresse e-mail"),
    "plate": (BLOCK, "plaque d'immatriculation"),
    "nir": (BLOCK, "numéro de sécurité sociale"),
    "iban": (BLOCK, "coordonnées bancaires (IBAN)"),
    "old_plate": (WARN, "plaque d'immatriculation (ancien format)"),
    "address": (WARN, "adresse précise"),
    "building": (WARN, "bâtiment, étage ou porte"),
    "civility_name": (WARN, "civilité suivie d'un nom"),
    "age_place": (WARN, "âge associé à un lieu précis"),
    "date": (WARN, "date précise (date de naissance ?)"),
    "school_class": (WARN, "classe et établissement scolaire"),
    "handle": (WARN, "pseudonyme de réseau social"),
    "sensitive": (WARN, "information sensible sur une personne"),
}

_STREET = r"(?:rue|avenue|av\.|boulevard|bd|allée|allee|impasse|chemin|place|square|quai|route|cours|résidence|residence|cité|cite|lotissement|passage|sentier)"
_BUILDING = (r"(?:\b(?:[Bb]ât(?:iment)?\.?|[Bb]at\.?|[Cc]age|[Ee]scalier|[Ee]sc\.|[Aa]ppartement|[Aa]ppt\.?|[Pp]orte|[Ll]ogement)"
             r"\s*(?:n°\s*)?[A-Z0-9]{1,3}\b(?!\s*(?:h\b|ans?\b|%|personnes|logements)))"
             r"|(?:\b\d{1,2}\s?(?:e|è|ème|eme|er|re)\s+étage\b)")
_CLASS = r"\b(?:CP|CE1|CE2|CM1|CM2|6e|5e|4e|3e|6ème|5ème|4ème|3ème|seconde|2nde|1re|terminale)\b"

PATTERNS: list[tuple[str, re.Pattern]] = [
    ("phone", re.compile(r"(?<![\d.,])(?:\+33\s?\(?0?\)?\s?|0033\s?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)")),
    ("email", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    ("iban", re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[0-9A-Z]{4}){4,7}(?:\s?[0-9A-Z]{1,3})?\b")),
    ("nir", re.compile(r"(?<!\d)[12]\s?\d{2}\s?(?:0[1-9]|1[0-2]|[2-9]\d)\s?(?:\d{2}|2A|2B)\s?\d{3}\s?\d{3}(?:\s?\d{2})?(?!\d)")),
    ("plate", re.compile(r"\b[A-HJ-NP-TV-Z]{2}[- ]?\d{3}[- ]?[A-HJ-NP-TV-Z]{2}\b")),
    ("old_plate", re.compile(r"\b\d{1,4}\s[A-Z]{2,3}\s(?:\d{2}|2A|2B|97\d)\b")),
    ("address", re.compile(rf"\b\d{{1,4}}(?:\s?(?:bis|ter|[a-d]))?,?\s+{_STREET}\s+(?:d[eu']\s?|des\s|de la\s|du\s)?[{LETTER}]", re.IGNORECASE)),
    ("building", re.compile(_BUILDING)),
    ("civility_name", re.compile(rf"\b(?:M\.|Mr\.?|Mme|Mlle|Monsieur|Madame|Mademoiselle)\s+[{UPPER}][{LETTER}'\-]+")),
    ("date", re.compile(r"\b(?:0?[1-9]|[12]\d|3[01])[/.\-](?:0?[1-9]|1[0-2])[/.\-](?:19|20)?\d{2}\b")),
    ("date", re.compile(rf"\bné(?:e)?\s+le\s+\d{{1,2}}(?:er)?\s+[{LETTER}]+(?:\s+\d{{4}})?", re.IGNORECASE)),
    ("handle", re.compile(r"(?<![\w.@])@[a-z0-9_.]*[a-z0-9_][a-z0-9_.]{2,}\b")),
]

# Signals that become a finding only next to another one.
_AGE = re.compile(r"\b\d{1,3}\s?ans\b(?!\s+(?:d['’]\s?(?:expérience|ancienneté|existence|activité)|de\s+(?:métier|service|carrière|travail|pratique|maison)|plus tard))", re.IGNORECASE)
_PLACE = re.compile(rf"(?:{_BUILDING})|(?:\b(?:du|au)\s+\d{{1,2}}\s?(?:e|ème|er)\b)|(?:\b{_STREET}\s+[{UPPER}])|(?:\b(?:résidence|immeuble|tour|cité|école|collège)\s+[{UPPER}])", re.IGNORECASE)
_SCHOOL = re.compile(rf"\b(?:école|ecole|collège|college|lycée|lycee)\s+(?:[a-zé]+\s+)?[{UPPER}][{LETTER}'\-]+")
_CLASS_RE = re.compile(_CLASS)
_SENSITIVE = re.compile(r"\b(?:psychiatri\w*|schizophr\w*|bipolaire|dépressi\w*|suicid\w*|toxicoman\w*|addiction\w*|alcoolique|sida|vih|séropositi\w*|titre de séjour|sans[- ]papiers?|en situation irrégulière|casier judiciaire|sortie de prison|sorti de prison|incarcér\w*|religion|musulman\w*|juif|juive|homosexuel\w*|transgenre)\b", re.IGNORECASE)
_PERSON = re.compile(rf"(?:\b(?:M\.|Mme|Mlle|Monsieur|Madame)\s+[{UPPER}])|(?:\b\d{{1,3}}\s?ans\b)|(?i:\b(?:son|sa|ses)\s+(?:fils|fille|mari|femme|enfant|frère|sœur|voisin|voisine|mère|père)\b)")
_NEAR = 80  # characters around an age or a sensitive word where a second signal counts


@dataclass(frozen=True)
class Finding:
    """A passage that may identify someone."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def severity(self) -> str:
        return KINDS[self.kind][0]

    @property
    def label(self) -> str:
        return KINDS[self.kind][1]

    @property
    def blocks(self) -> bool:
        return self.severity == BLOCK

    def as_dict(self) -> dict:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text,
                "severity": self.severity, "label": self.label}


def _near(text: str, start: int, end: int, pattern: re.Pattern) -> bool:
    window = text[max(0, start - _NEAR):min(len(text), end + _NEAR)]
    return pattern.search(window) is not None


def _contextual(text: str) -> Iterable[Finding]:
    for match in _AGE.finditer(text):
        if _near(text, match.start(), match.end(), _PLACE):
            yield Finding("age_place", match.start(), match.end(), match.group())
    for match in _CLASS_RE.finditer(text):
        if _near(text, match.start(), match.end(), _SCHOOL):
            yield Finding("school_class", match.start(), match.end(), match.group())
    for match in _SENSITIVE.finditer(text):
        if _near(text, match.start(), match.end(), _PERSON):
            yield Finding("sensitive", match.start(), match.end(), match.group())


def _allowed_email(address: str, allowed_domains: Iterable[str]) -> bool:
    domain = address.rsplit("@", 1)[-1].lower()
    return any(domain == allowed or domain.endswith("." + allowed) for allowed in allowed_domains)


def detect(text: str, allowed_email_domains: Iterable[str] = ()) -> list[Finding]:
    """Every passage of ``text`` that may identify someone, in reading order, without overlaps."""
    if not text:
        return []
    allowed = [domain.lower() for domain in allowed_email_domains]
    found: list[Finding] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if kind == "email" and _allowed_email(match.group(), allowed):
                continue
            found.append(Finding(kind, match.start(), match.end(), match.group()))
    found.extend(_contextual(text))
    # Keep the strongest finding where two overlap: blocking first, then the longest.
    found.sort(key=lambda f: (f.severity != BLOCK, -(f.end - f.start), f.start))
    kept: list[Finding] = []
    for finding in found:
        if all(finding.end <= other.start or finding.start >= other.end for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that forbid publication."""
    return [finding for finding in findings if finding.blocks]


def mask(text: str, findings: Iterable[Finding], placeholder: str = PLACEHOLDER) -> str:
    """``text`` with each finding replaced by the placeholder."""
    result, cursor = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < cursor:
            continue
        result.append(text[cursor:finding.start])
        result.append(placeholder)
        cursor = finding.end
    result.append(text[cursor:])
    return "".join(result)


# Between two words of a passage: any spaces and line breaks, and the « > » that opens each line
# of a quotation, so that a passage is found where a quote or an e-mail's excerpt re-flowed it.
# One character class, so that a long run of spaces is walked once, never split every way.
_PASSAGE_GAP = r"[\s>]+"


def passage_pattern(passage: str) -> re.Pattern[str]:
    """The regular expression of a passage a moderator masks, whatever line breaks it spans."""
    return re.compile(_PASSAGE_GAP.join(re.escape(word) for word in passage.split()))


def needle(passage: str) -> str:
    """The longest word of a passage: a pre-filter in SQL for rows that may hold it."""
    return max(re.findall(r"\w+", passage) or [passage.strip()], key=len)


def redact(text: str, passage: str, placeholder: str = PLACEHOLDER) -> tuple[str, int]:
    """``text`` with every occurrence of ``passage`` replaced by the placeholder, and how many."""
    if not text or not passage.split():
        return text, 0
    return passage_pattern(passage).subn(placeholder, text)


def highlight(text: str, findings: Iterable[Finding]) -> Markup:
    """Escaped ``text`` with each finding wrapped in <mark>, to show where the problem is."""
    parts, cursor = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        parts.append(escape(text[cursor:finding.start]))
        parts.append(Markup('<mark class="privacy-{}" title="{}">{}</mark>').format(
            finding.severity, finding.label, text[finding.start:finding.end]))
        cursor = finding.end
    parts.append(escape(text[cursor:]))
    return Markup("").join(parts)


class PrivacyProblem(ValueError):
    """Text that cannot be stored as is: blocking findings, or warnings without a reason.

    ``findings`` maps each form field to its findings, so the form can highlight them.
    """

    def __init__(self, findings: dict[str, list[Finding]]):
        self.findings = findings
        self.blocked = any(f.blocks for items in findings.values() for f in items)
        message = self.explained()
        super().__init__(message)
        self.message = message
        self.field = None

    def explained(self, saving: bool = False) -> str:
        """What the member is told, for a text being published (a post) or saved (a sheet's draft)."""
        if self.blocked:
            return ("Votre texte contient une information qui permet d'identifier quelqu'un (surlignée "
                    f"ci-dessous). Elle ne peut pas être {'enregistrée' if saving else 'publiée'} : modifiez le "
                    "passage ou utilisez « Masquer automatiquement ».")
        return ("Votre texte contient peut-être une information qui permet de reconnaître quelqu'un (surlignée "
                f"ci-dessous). Modifiez-le, ou {'enregistrez' if saving else 'publiez'} quand même en expliquant "
                "pourquoi.")

    @property
    def kinds(self) -> list[str]:
        return sorted({f.kind for items in self.findings.values() for f in items})


def allowed_email_domains() -> list[str]:
    """Domains whose addresses may appear in texts (the platform's own, generic service addresses)."""
    from flask import current_app

    raw = current_app.config.get("FORUM_PRIVACY_ALLOWED_EMAIL_DOMAINS", "")
    return [domain.strip().lower() for domain in raw.split(",") if domain.strip()]


def guard(fields: dict[str, str], reason: str = "") -> list[str]:
    """Check every text before it is stored.

    Raise ``PrivacyProblem`` when a hard identifier is present, or when soft signals are
    present and the member gave no reason. Return the kinds of the soft signals the member
    chose to publish anyway (recorded for moderators).
    """
    domains = allowed_email_domains()
    findings = {name: detect(text or "", domains) for name, text in fields.items()}
    findings = {name: items for name, items in findings.items() if items}
    if not findings:
        return []
    problem = PrivacyProblem(findings)
    if problem.blocked or not (reason or "").strip():
        raise problem
    return problem.kinds
