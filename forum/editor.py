"""What every editing page shares (posts and sheets): preview, « Masquer automatiquement », the
privacy panel (``templates/_macros/editor.html``).

A form's submit button says what the person wants: ``publier`` (default; a sheet's
``brouillon`` and ``soumettre`` save), ``apercu`` (show the rendered text, publish nothing) or
``masquer`` (replace what the guard found with « [masqué] », then show the form again to check
before saving).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import request
from markupsafe import Markup

from forum import markup, privacy

PUBLISH, PREVIEW, MASK = "publier", "apercu", "masquer"


def intent() -> str:
    """What the submit button pressed asks for."""
    value = request.form.get("action", PUBLISH)
    return value if value in (PUBLISH, PREVIEW, MASK) else PUBLISH


@dataclass(frozen=True)
class Highlight:
    """One field's text with what the guard found marked, for the privacy panel."""

    field_id: str
    label: str
    text: Markup


@dataclass
class EditorState:
    """What the editing page shows besides the form."""

    preview: Markup | None = None  # the text as it will read once published
    problem: privacy.PrivacyProblem | None = None
    message: str = ""  # what the privacy panel says about the problem
    highlights: list[Highlight] = field(default_factory=list)
    masked: bool = False


def mask_fields(form, names: list[str]) -> bool:
    """Replace every finding in the named fields by « [masqué] »; True when anything changed."""
    domains = privacy.allowed_email_domains()
    changed = False
    for name in names:
        field_ = getattr(form, name)
        findings = privacy.detect(field_.data or "", domains)
        if findings:
            field_.data = privacy.mask(field_.data, findings)
            changed = True
    return changed


def explain(problem: privacy.PrivacyProblem, form, saving: bool = False) -> EditorState:
    """The page state after the guard refused: the panel shows each field's text with the findings
    marked. ``saving`` is for long forms saved as drafts (sheets): there, each field concerned
    also says so under itself, so that it is found among the others.

    When the member already saw the warning (the reason field came with the form) and still
    gave no reason, say so on that field.
    """
    if not problem.blocked and request.form.get("privacy_seen") and not (form.privacy_reason.data or "").strip():
        form.privacy_reason.errors = ["Expliquez en quelques mots pourquoi ce passage peut être "
                                      f"{'enregistré' if saving else 'publié'}."]
    highlights = []
    for name, findings in problem.findings.items():
        field_ = getattr(form, name, None)
        if field_ is None:
            continue
        if saving:
            labels = ", ".join(sorted({finding.label for finding in findings}))
            field_.errors = [f"Donnée personnelle : {labels}."]
        highlights.append(Highlight(field_.id, str(field_.label.text), privacy.highlight(field_.data or "", findings)))
    return EditorState(problem=problem, message=problem.explained(saving), highlights=highlights)


def preview(form, body_field: str = "body") -> EditorState:
    """A post's rendered text, @mentions linked as once published, and what the guard would say."""
    from forum.discussions.mentions import render_linked

    text = getattr(form, body_field).data or ""
    state = EditorState(preview=markup.trusted(render_linked(text)))
    findings = privacy.detect(text, privacy.allowed_email_domains())
    if findings:
        body = getattr(form, body_field)
        state.problem = privacy.PrivacyProblem({body_field: findings})
        state.highlights = [Highlight(body.id, str(body.label.text), privacy.highlight(text, findings))]
    return state
