"""``flask markup rerender``: bring every stored HTML up to the current ``RENDER_VERSION``.

Every model that follows the rendered-text contract (``markup.Rendered``) is found in the
mapped classes; none has to be listed here.
"""

from __future__ import annotations

from forum import markup
from forum.extensions import db
from forum.transaction import atomic

BATCH = 500


def rendered_models() -> list[type[markup.Rendered]]:
    """The mapped models that store rendered HTML, by table name."""
    found = {mapper.class_ for mapper in db.Model.registry.mappers if issubclass(mapper.class_, markup.Rendered)}
    return sorted(found, key=lambda model: model.__tablename__)


@atomic
def _rerender_batch(rows) -> None:
    for row in rows:
        row.rerender()


def rerender(everything: bool = False) -> dict[str, int]:
    """Re-render the rows whose HTML is older than the rules (all with ``everything``); return counts."""
    counts = {}
    for model in rendered_models():
        query = db.select(model).order_by(model.id)
        if not everything:
            query = query.where(getattr(model, model.render_version_attribute) < markup.RENDER_VERSION)
        done = 0
        last_id = 0
        while True:
            rows = db.session.scalars(query.where(model.id > last_id).limit(BATCH)).all()
            if not rows:
                break
            _rerender_batch(rows)
            last_id = rows[-1].id
            done += len(rows)
        if done:
            counts[model.rendered_label] = done
    return counts
