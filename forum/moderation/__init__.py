"""Moderation: reports and their cases, the queue, actions with their reasons, statements and
contests, watched words, and the journal of every moderator action."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Attach the moderation pages."""
    # Each pages module adds its routes to bp.
    from forum.moderation import (  # noqa: F401
        case_views,
        cli,
        held_views,
        journal_views,
        masking_views,
        report_views,
        sanction_views,
        statement_queries,
        statement_views,
        statements,
        views,
        watchword_views,
    )
    from forum.moderation.blueprint import bp

    app.register_blueprint(bp)
    app.cli.add_command(cli.group)
    app.jinja_env.globals["decisions_count"] = _decisions_count
    app.jinja_env.globals["edit_request_reason"] = statement_queries.edit_request_reason
    # For the case page's member slot (_case_actions_member.html).
    app.jinja_env.globals["action_label"] = statements.action_label
    app.jinja_env.globals["member_concerned"] = statement_queries.member_concerned


def _decisions_count() -> tuple[int, int]:
    """(all, unread) moderation statements of the reader, for the account menu (one query)."""
    from forum.moderation.statement_queries import decisions_count
    from forum.templating import reader

    return decisions_count(reader())
