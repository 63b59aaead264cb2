"""``flask markup rerender``: bring stored HTML up to the current ``RENDER_VERSION``."""

from __future__ import annotations

from forum import markup
from forum.discussions.mentions import find_mentions
from forum.discussions.models import Post
from forum.extensions import db
from forum.library import fields
from forum.library.models import SheetRevision
from forum.pages.models import SitePage

BATCH = 500


def _render_again(row) -> None:
    if isinstance(row, Post):
        row.set_body(row.body, mentions=find_mentions(row.body).links)
    elif isinstance(row, SheetRevision):
        row.set_text({name: getattr(row, name) for name in fields.TEXT})
    else:
        row.set_body(row.body)


def rerender(everything: bool = False) -> dict[str, int]:
    """Re-render posts, sheet versions and site pages whose HTML is older than the rules; return counts."""
    counts = {}
    for name, model, version in (("messages", Post, Post.body_render_version),
                                 ("versions de fiches", SheetRevision, SheetRevision.render_version),
                                 ("pages", SitePage, SitePage.body_render_version)):
        query = db.select(model).order_by(model.id)
        if not everything:
            query = query.where(version < markup.RENDER_VERSION)
        done = 0
        last_id = 0
        while True:
            rows = db.session.scalars(query.where(model.id > last_id).limit(BATCH)).all()
            if not rows:
                break
            for row in rows:
                _render_again(row)
                last_id = row.id
            done += len(rows)
            db.session.commit()
        if done:
            counts[name] = done
    return counts
