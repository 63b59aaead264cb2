"""Turn a discussion into a draft sheet: the question gives the context, the answers the action."""

from __future__ import annotations

from forum import policy
from forum.discussions.models import Post, Topic
from forum.errors import ActionError
from forum.extensions import db
from forum.library import notices, queries
from forum.library.actions import create_sheet
from forum.library.models import Sheet, SheetContributor
from forum.taxonomy.models import Theme
from forum.transaction import atomic


def _quoted(post: Post, author_name: str) -> str:
    return f"D'après {author_name} :\n\n" + post.body.strip()


@atomic
def promote_topic(actor, topic: Topic, post_ids: list[int]) -> Sheet:
    """Open a draft sheet prefilled from a discussion and the chosen posts; credit and tell their authors."""
    policy.require(actor, "promote", topic)
    if queries.open_sheet_of_topic(topic.id) is not None:
        raise ActionError("Cette discussion a déjà donné lieu à une fiche : complétez-la plutôt.", "posts")
    posts = queries.promotable_posts(topic)
    by_id = {post.id: post for post in posts}
    chosen = [by_id[post_id] for post_id in post_ids if post_id in by_id]
    if len(chosen) != len(set(post_ids)):
        raise ActionError("Un des messages choisis n'appartient pas à cette discussion ou n'est plus visible.", "posts")
    if not chosen:
        raise ActionError("Choisissez au moins un message à reprendre.", "posts")
    question = next((post for post in chosen if post.number == 1), None)  # only what was chosen
    answers = [post for post in chosen if post.number != 1]
    solution = next((post for post in answers if post.id == topic.solved_post_id), None)
    if solution is not None:  # the solution first, then the other chosen replies in order
        answers.remove(solution)
        answers.insert(0, solution)
    authors = {post.author_id: post.author.display_name for post in [question, *answers] if post is not None}
    theme = db.session.get(Theme, topic.theme_id)
    form = {
        "title": topic.title[:120],
        "context": question.body if question is not None else "",
        "actions": "\n\n".join(_quoted(post, authors[post.author_id]) for post in answers),
        "pole_id": topic.pole_id,
        "themes": [theme.slug] if theme is not None and not theme.restricted else [],
        "structure_id": actor.structure_id,
        "contact": "",
    }
    sheet = create_sheet(actor, form, privacy_reason="issu d'une discussion déjà publiée sur le forum",
                         source_topic_id=topic.id)
    for user_id in authors:
        db.session.add(SheetContributor(sheet_id=sheet.id, user_id=user_id))
    db.session.flush()
    notices.credited(actor, sheet)
    return sheet
