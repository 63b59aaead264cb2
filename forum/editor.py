"""What every editing page shares: preview, « Masquer automatiquement », the privacy panel.

A form's submit button says what the person wants: ``publier`` (default), ``apercu`` (show
the rendered text, publish nothing) or ``masquer`` (replace what the guard found with
« [masqué] », then show the form again to check before publishing).
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


@dataclass
class EditorState:
    """What the editing page shows besides the form."""

    preview: Markup | None = None  # the text as it will read once published
    problem: privacy.PrivacyProblem | None = None
    highlights: dict[str, Markup] = field(default_factory=dict)
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


def explain(problem: privacy.PrivacyProblem, form) -> EditorState:
    """The page state after the guard refused: each field's text with the findings marked.

    When the member already saw the warning (the reason field came with the form) and still
    gave no reason, say so on that field.
    """
    if not problem.blocked and request.form.get("privacy_seen") and not (form.privacy_reason.data or "").strip():
        form.privacy_reason.errors = ["Expliquez en quelques mots pourquoi ce passage peut être publié."]
    highlights = {}
    for name, findings in problem.findings.items():
        field_ = getattr(form, name)
        highlights[str(field_.label.text)] = privacy.highlight(field_.data or "", findings)
    return EditorState(problem=problem, highlights=highlights)


def preview(form, body_field: str = "body") -> EditorState:
    """A post's rendered text, @mentions linked as once published, and what the guard would say."""
    from forum.discussions.mentions import render_linked

    text = getattr(form, body_field).data or ""
    state = EditorState(preview=markup.trusted(render_linked(text)))
    findings = privacy.detect(text, privacy.allowed_email_domains())
    if findings:
        state.problem = privacy.PrivacyProblem({body_field: findings})
        state.highlights = {str(getattr(form, body_field).label.text): privacy.highlight(text, findings)}
    return state
