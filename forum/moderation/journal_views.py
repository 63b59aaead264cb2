"""The journal of moderation for moderators and administrators: filters, pages, CSV export."""

from __future__ import annotations

from flask import Response, render_template, request, stream_with_context
from flask_login import current_user

from forum import policy
from forum.db_types import utcnow
from forum.moderation import journal
from forum.moderation.audit import ACTION_LABELS
from forum.moderation.blueprint import bp
from forum.urls import page_number


@bp.route("/journal", endpoint="journal")
def journal_index():
    policy.require(current_user, "access", "journal")
    filters = journal.read_filters(request.args)
    zone = current_user.time_zone
    page = journal.journal_page(filters, page_number(), zone) if not filters.errors else None
    return render_template("moderation/journal.html", filters=filters, page=page, choices=journal.filter_choices(),
                           action_labels=ACTION_LABELS), 400 if filters.errors else 200


@bp.route("/journal.csv", endpoint="journal_csv")
def journal_csv():
    policy.require(current_user, "export", "journal")
    filters = journal.read_filters(request.args)
    if filters.errors:
        return Response(" ".join(filters.errors), status=400, mimetype="text/plain")
    name = f"journal-moderation-{utcnow().strftime('%Y%m%d-%H%M')}.csv"
    return Response(stream_with_context(journal.csv_lines(filters, current_user.time_zone)),
                    mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
