"""A page listing topics (home, pole, theme, pole × theme), with its filters and follow buttons.

Shared by the discussions' pages and the home page that members land on.
"""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from forum import policy
from forum.discussions import queries
from forum.notifications import queries as follows
from forum.taxonomy import queries as taxonomy
from forum.taxonomy.models import Pole, Theme
from forum.urls import page_number


def listing(template: str, *, pole: Pole | None = None, theme: Theme | None = None, **context):
    """Render one page of the topics the reader may open in a place, filtered as the address asks."""
    policy.require(current_user, "access", "members")
    show = request.args.get("filtre", "")
    show = show if show in queries.FILTERS or show == "mon-pole" else ""
    pole_id = pole.id if pole else (current_user.pole.id if show == "mon-pole" else None)
    pagination = queries.topic_list(current_user, pole_id=pole_id, theme_id=theme.id if theme else None,
                                    show="" if show == "mon-pole" else show, page=page_number(),
                                    pinned_first=pole is not None)
    return render_template(
        template, pagination=pagination, pole=pole, theme=theme, show=show, filters=queries.FILTERS,
        poles=taxonomy.poles(), themes=taxonomy.themes(),
        pole_followed=pole is not None and follows.follows(current_user, "pole", pole.id),
        theme_followed=theme is not None and follows.follows(current_user, "theme", theme.id), **context)
