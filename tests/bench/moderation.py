"""The moderation queue at the size of a busy network: 1,000 open cases on posts, their reports,
and a journal that gives most authors a history; then the server time of the queue page."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert

from forum.db_types import utcnow
from forum.discussions.models import Post, Topic
from forum.extensions import db
from forum.moderation.models import ModerationAction, ModerationCase, Report
from tests import factories

REASONS = ("donnee-personnelle", "propos-injurieux", "information-dangereuse", "hors-sujet", "autre")


def build_cases(count: int = 1000, journal: int = 5000, seed: int = 17):
    """Open ``count`` cases on random posts (1 to 3 reports each, one in ten urgent), write
    ``journal`` entries about their authors; return a moderator to read the queue with."""
    rng = random.Random(seed)
    posts = db.session.execute(db.select(Post.id, Post.author_id, Topic.pole_id)
                               .join(Topic, Topic.id == Post.topic_id).where(Post.number > 1)).all()
    chosen = rng.sample(posts, count)
    reporters = db.session.scalars(db.text("SELECT id FROM users ORDER BY id LIMIT 50")).all()
    now = utcnow()
    cases, reports = [], []
    for index, (post_id, author_id, pole_id) in enumerate(chosen):
        opened = now - timedelta(minutes=rng.randint(1, 60 * 24 * 20))
        count_reports = rng.randint(1, 2)
        cases.append({"id": index + 1, "target_type": "Post", "target_id": post_id, "open_key": f"Post:{post_id}",
                      "origin": "signalement", "state": "ouvert", "urgent": rng.random() < 0.1,
                      "pole_id": pole_id, "member_id": author_id, "report_count": count_reports,
                      "opened_at": opened, "decision": ""})
        for reporter in rng.sample([user for user in reporters if user != author_id], count_reports):
            reports.append({"case_id": index + 1, "target_type": "Post", "target_id": post_id,
                            "reporter_id": reporter, "reason": rng.choice(REASONS),
                            "note": rng.choice(("", "", "Un nom de famille", "Ton agressif")), "created_at": opened})
    db.session.execute(insert(ModerationCase), cases)
    db.session.execute(insert(Report), reports)
    authors = sorted({author_id for _post, author_id, _pole in chosen})
    entries = [{"actor_id": None, "action": rng.choice(("hide_post", "mask_post", "review_post")),
                "target_type": "Post", "target_id": rng.choice(chosen)[0], "target_label": "Message de mesure",
                "reason": "Mesure", "created_at": now - timedelta(minutes=rng.randint(1, 60 * 24 * 300)),
                "pole_id": None, "member_id": rng.choice(authors), "case_id": None, "automatic": False,
                "detail": ""} for _ in range(journal)]
    db.session.execute(insert(ModerationAction), entries)
    moderator = factories.make_user("Modératrice Mesure", role="moderator")
    db.session.commit()
    return moderator
