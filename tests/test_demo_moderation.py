"""The demo moderation: each of moderation@ and animation@ has something to do, loaded once."""

from __future__ import annotations

from forum import policy
from forum.accounts.models import Status, User
from forum.demo.accounts import DEMO_PASSWORD, load_accounts
from forum.demo.discussions import load_discussions
from forum.demo.moderation import KEVIN, load_moderation
from forum.extensions import db
from forum.moderation.models import CaseOrigin, CaseState, Contest, ModerationAction, ModerationCase, Report
from tests.helpers import page_text


def _load() -> None:
    load_accounts()
    load_discussions()
    load_moderation()


def _client_of(make_client, email: str):
    client = make_client()
    client.login(db.session.scalar(db.select(User).where(User.email == email)), password=DEMO_PASSWORD)
    return client


def test_the_demo_gives_the_moderator_and_the_animator_something_to_do(app, make_client):
    _load()
    cases = {case.origin: case for case in db.session.scalars(db.select(ModerationCase)) if case.state != "clos"}
    assert cases[CaseOrigin.CONTEST].state == CaseState.CONTESTED
    reported = list(db.session.scalars(db.select(ModerationCase).where(
        ModerationCase.origin == CaseOrigin.REPORT)))
    assert sorted(case.urgent for case in reported) == [False, True]
    kevin = db.session.scalar(db.select(User).where(User.email == KEVIN))
    assert kevin.status == Status.SUSPENDED and kevin.suspended_until is not None
    journal = set(db.session.scalars(db.select(ModerationAction.action)))
    assert {"hide_post", "warn_member", "suspend_account", "contest_filed"} <= journal

    moderator_queue = page_text(_client_of(make_client, "moderation@forum-demo.example").get("/moderation/"))
    assert "Urgent</strong>" in moderator_queue and "Contestation d'une décision" in moderator_queue
    assert "2 signalements" in moderator_queue
    animator_queue = page_text(_client_of(make_client, "animation@forum-demo.example").get("/moderation/"))
    assert "2 signalements" in animator_queue and "Urgent</strong>" not in animator_queue  # Île-de-France is not theirs
    # The contest was not the moderator's decision: they may decide it.
    contest = db.session.scalar(db.select(Contest))

    moderator = db.session.scalar(db.select(User).where(User.email == "moderation@forum-demo.example"))
    assert policy.can(moderator, "decide", contest)


def test_loading_the_demo_twice_changes_nothing(app):
    _load()
    before = [db.session.scalar(db.select(db.func.count(model.id))) for model in (Report, ModerationCase,
                                                                                   ModerationAction, Contest)]
    load_moderation()
    assert [db.session.scalar(db.select(db.func.count(model.id))) for model in (Report, ModerationCase,
                                                                                 ModerationAction, Contest)] == before
