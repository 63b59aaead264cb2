"""A forum the size of a busy network: 2,000 topics and 20,000+ posts of French-like text.

Rows are inserted in bulk (building them one action at a time would take many minutes),
but every body goes through ``markup.render`` and the counters are what the actions keep,
so pages read exactly what they would in production.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert

from forum import markup
from forum.db_types import utcnow
from forum.discussions.models import EXCERPT_LENGTH, Post, Topic
from forum.extensions import db
from forum.taxonomy.models import Pole, Theme
from tests import factories

WORDS = (
    "médiation nuit tournée binôme habitants bailleur résidence quartier appel bruit voisinage conflit "
    "partenaires mairie police municipale collège école familles jeunes hall parties communes éclairage "
    "signalement réunion coordinateur équipe soirée navette table ronde accord suivi écoute confiance "
    "présence proximité veille technique cadre vie tranquillité sécurité débriefing formation titre "
    "convention financement contrat ville adultes-relais bilan évaluation indicateurs outil fiche liaison "
    "retour expérience posture neutralité confidentialité consentement orientation accès droits permanence"
).split()
GLUE = ("nous avons", "il faut", "on a essayé", "ça marche quand", "le plus difficile, c'est", "pensez à",
        "de notre côté", "avec le", "pour la", "chaque semaine", "depuis le début", "au final")


def _vocabulary(size: int = 12_000, seed: int = 11) -> tuple[list[str], list[float]]:
    """The domain words first, then invented French-sounding words, drawn with Zipf's law.

    Real text has a few very frequent words and a long tail of rare ones; a search index
    behaves very differently on a hundred words that every document contains.
    """
    rng = random.Random(seed)
    onsets = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "tr", "pr", "gr", "bl", ""]
    vowels = ["a", "e", "i", "o", "u", "é", "è", "ou", "ai", "an", "on", "in", "eu"]
    endings = ["", "", "tion", "ment", "age", "eur", "ique", "ance", "ité", "el", "ier", "ois"]
    words = list(WORDS)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(2, 3))) + rng.choice(endings)
        if len(word) > 3 and word not in seen:
            seen.add(word)
            words.append(word)
    weights, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1.0 / rank
        weights.append(total)
    return words, weights


VOCABULARY, CUMULATIVE = _vocabulary()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(GLUE)] + rng.choices(VOCABULARY, cum_weights=CUMULATIVE, k=rng.randint(6, 18))
    return " ".join(words).capitalize() + rng.choice((".", ".", ".", " ?", " !"))


def body(rng: random.Random) -> str:
    """One to four paragraphs of two to six sentences, now and then a list or bold words."""
    paragraphs = []
    for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
        text = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
        if rng.random() < 0.15:
            text += "\n\n" + "\n".join(f"- {rng.choice(WORDS)} {rng.choice(VOCABULARY)}" for _ in range(3))
        if rng.random() < 0.2:
            text = text.replace(" ", " **", 1).replace(" ", "** ", 2)
        paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _post_row(rng, topic_id, number, author_id, when, reply_to=None) -> dict:
    text = body(rng)
    html = markup.render(text)
    return {"topic_id": topic_id, "number": number, "author_id": author_id, "reply_to_id": reply_to,
            "body": text, "body_html": html, "body_render_version": markup.RENDER_VERSION,
            "excerpt": markup.excerpt(html, EXCERPT_LENGTH), "created_at": when, "thanks_count": rng.randint(0, 3),
            "useful_count": rng.randint(0, 2), "privacy_warnings": "", "privacy_reason": ""}


def build(topics: int = 2000, posts: int = 20000, seed: int = 7, sized: tuple[int, ...] = (5, 20, 200, 500)):
    """Fill the database; return {size: topic id} for topics of exactly those sizes, and a member."""
    rng = random.Random(seed)
    structures = [factories.make_structure(f"Structure de mesure {n}", pole_slug=slug)
                  for n, slug in enumerate(("bretagne", "occitanie", "ile-de-france", "grand-est", "outre-mer"))]
    members = [factories.make_user(f"Personne Mesure {n}", structure=structures[n % len(structures)])
               for n in range(60)]
    poles = db.session.scalars(db.select(Pole)).all()
    themes = db.session.scalars(db.select(Theme).where(Theme.restricted.is_(False))).all()
    sizes = [max(1, int(rng.paretovariate(1.4))) for _ in range(topics - len(sized))]
    scale = (posts - sum(sized)) / sum(sizes)
    sizes = [max(1, round(size * scale)) for size in sizes] + list(sized)
    start = utcnow() - timedelta(days=400)
    named: dict[int, int] = {}
    post_rows: list[dict] = []
    for index, size in enumerate(sizes):
        created = start + timedelta(minutes=index * 280)
        topic_id = db.session.execute(insert(Topic).values(
            pole_id=rng.choice(poles).id, theme_id=rng.choice(themes).id, kind=rng.choice(("question", "discussion")),
            title=sentence(rng)[:140], author_id=rng.choice(members).id, created_at=created,
            last_post_at=created + timedelta(minutes=size * 7), post_count=size, reply_count=size - 1,
        )).inserted_primary_key[0]
        if index >= len(sizes) - len(sized):
            named[size] = topic_id
        for number in range(1, size + 1):
            reply_to = None  # the tree view of a real topic: some answers to earlier posts
            post_rows.append(_post_row(rng, topic_id, number, rng.choice(members).id,
                                       created + timedelta(minutes=number * 7), reply_to))
        if len(post_rows) > 2000:
            db.session.execute(insert(Post), post_rows)
            post_rows = []
    if post_rows:
        db.session.execute(insert(Post), post_rows)
    db.session.commit()
    last_posts = db.select(db.func.max(Post.id)).where(Post.topic_id == Topic.id).scalar_subquery()
    db.session.execute(db.update(Topic).values(last_post_id=last_posts))
    db.session.commit()
    return named, members[0]


def build_sheets(count: int = 1000, seed: int = 13) -> int:
    """Published sheets with all their long fields filled (bulk rows, rendered like the actions do)."""
    from forum.library import fields, vocabulary
    from forum.library.models import Sheet, SheetRevision

    rng = random.Random(seed)
    author = factories.make_user("Autrice Fiches Mesure")
    poles = db.session.scalars(db.select(Pole)).all()
    themes = db.session.scalars(db.select(Theme)).all()
    published = utcnow() - timedelta(days=30)
    for _ in range(count):
        pole = rng.choice(poles)
        sheet_id = db.session.execute(insert(Sheet).values(
            author_id=author.id, pole_id=pole.id, status="published", published_at=published,
            validated_at=published, last_action="publish")).inserted_primary_key[0]
        values = {name: body(rng) for name in fields.LONG}
        values.update({f"{name}_html": markup.render(text) for name, text in values.items()})
        revision_id = db.session.execute(insert(SheetRevision).values(
            sheet_id=sheet_id, number=1, editor_id=author.id, published_at=published, published_by_id=author.id,
            pole_id=pole.id, themes=vocabulary.pack(theme.slug for theme in rng.sample(themes, 2)),
            structure_kind=rng.choice(("commune", "association", "bailleur", "")),
            visibility=rng.choice(("members", "public")), title=sentence(rng)[:120], summary=sentence(rng)[:400],
            territory="Quartier prioritaire", period="Depuis 2024", **values)).inserted_primary_key[0]
        db.session.execute(db.update(Sheet).where(Sheet.id == sheet_id).values(
            current_revision_id=revision_id, published_revision_id=revision_id))
    db.session.commit()
    return count
