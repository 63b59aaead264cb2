"""``flask markup rerender``: bring stored HTML up to the current ``RENDER_VERSION``."""

from __future__ import annotations

from forum import markup
from forum.discussions.mentions import find_mentions
from forum.discussions.models import Post
from forum.extensions import db
from forum.pages.models import SitePage

BATCH = 500


def rerender(everything: bool = False) -> dict[str, int]:
    """Re-render posts and site pages whose HTML is older than the rules; return counts."""
    counts = {}
    for name, model in (("messages", Post), ("pages", SitePage)):
        query = db.select(model).order_by(model.id)
        if not everything:
            query = query.where(model.body_render_version < markup.RENDER_VERSION)
        done = 0
        last_id = 0
        while True:
            rows = db.session.scalars(query.where(model.id > last_id).limit(BATCH)).all()
            if not rows:
                break
            for row in rows:
                if isinstance(row, Post):
                    row.set_body(row.body, mentions=find_mentions(row.body).links)
                else:
                    row.set_body(row.body)
                last_id = row.id
            done += len(rows)
            db.session.commit()
        if done:
            counts[name] = done
    return counts
