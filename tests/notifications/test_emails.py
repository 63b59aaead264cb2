"""E-mails: immediate, held through quiet hours, daily digests, unsubscribing, no duplicates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from forum.discussions import actions
from forum.extensions import db
from forum.notifications import actions as notify
from forum.notifications import mail
from forum.notifications.digest import send_digests
from forum.notifications.models import MailMessage, Notification
from tests.factories import first_post, make_reply, make_topic
from tests.factories import now as factories_now
from tests.helpers import page_text

PARIS = timezone(timedelta(hours=1))  # winter


@pytest.fixture(autouse=True)
def early_december(clock):
    """These tests write at 8 h in Paris on 2 December, then run the digests of that day at set hours."""
    clock.travel_to(datetime(2026, 12, 2, 8, 0, tzinfo=PARIS))


def _prefs(user, mode, quiet=(7, 15), digest=17):
    notify.update_preferences(user, user, email_mode=mode, quiet_start=quiet[0], quiet_end=quiet[1],
                              digest_hour=digest)


def _mails_to(user) -> list[MailMessage]:
    return db.session.scalars(db.select(MailMessage).where(MailMessage.recipient == user.email)
                              .order_by(MailMessage.id)).all()


def test_immediate_mode_writes_a_short_french_mail_with_links(member, other_member, monkeypatch):
    _prefs(member, "immediate", quiet=(0, 0))
    topic = make_topic(member)
    post = make_reply(other_member, topic, "Nous faisons une navette avec le bailleur.")
    [message] = _mails_to(member)
    assert message.subject == f"Nouvelle réponse : {topic.title}"
    assert "Omar Autre a répondu" in message.body and "Nous faisons une navette" in message.body
    assert f"http://forum.test/messages/{post.id}" in message.body
    assert "http://forum.test/desabonnement/" in message.body and message.unsubscribe_url in message.body
    assert message.send_after is None
    notification = db.session.scalar(db.select(Notification).where(Notification.user_id == member.id))
    assert notification.emailed_at is not None  # the digest will not repeat it


def test_digest_mode_sends_nothing_at_once(member, other_member):
    topic = make_topic(member)  # the default is the daily digest
    make_reply(other_member, topic)
    assert _mails_to(member) == []


def test_quiet_hours_hold_immediate_mails_until_they_end(member, other_member):
    from forum.notifications.actions import quiet_until
    _prefs(member, "immediate", quiet=(7, 15))
    at_nine = datetime(2026, 12, 2, 9, 0, tzinfo=PARIS).astimezone(UTC)
    assert quiet_until(member, at_nine) == datetime(2026, 12, 2, 15, 0, tzinfo=PARIS)
    at_eight_pm = datetime(2026, 12, 2, 20, 0, tzinfo=PARIS).astimezone(UTC)
    assert quiet_until(member, at_eight_pm) is None
    _prefs(member, "immediate", quiet=(22, 6))  # across midnight
    at_one = datetime(2026, 12, 3, 1, 0, tzinfo=PARIS).astimezone(UTC)
    assert quiet_until(member, at_one) == datetime(2026, 12, 3, 6, 0, tzinfo=PARIS)
    at_eleven_pm = datetime(2026, 12, 2, 23, 0, tzinfo=PARIS).astimezone(UTC)
    assert quiet_until(member, at_eleven_pm) == datetime(2026, 12, 3, 6, 0, tzinfo=PARIS)


def test_a_held_mail_is_not_delivered_before_its_time(app, member, other_member, outbox):
    _prefs(member, "immediate", quiet=(0, 0))
    make_reply(other_member, make_topic(member))
    message = _mails_to(member)[0]
    message.send_after = factories_now() + timedelta(hours=3)
    db.session.commit()
    assert mail.deliver_pending() == (0, 0)
    assert all(m["To"] != member.email for m in outbox())
    message.send_after = factories_now() - timedelta(minutes=1)
    db.session.commit()
    assert mail.deliver_pending() == (1, 0)
    sent = [m for m in outbox() if m["To"] == member.email][0]
    assert sent["List-Unsubscribe"] == f"<{message.unsubscribe_url}>"
    raw = next(path for path in Path(app.config["FORUM_MAIL_DIR"]).glob("*.eml") if member.email in path.read_text())
    assert f"List-Unsubscribe: <{message.unsubscribe_url}>" in raw.read_text()  # not folded, not encoded
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_daily_digest_groups_by_topic_at_the_members_hour(member, other_member, referent):
    first = make_topic(member, "Première question du jour")
    second = make_topic(member, "Deuxième question du jour")
    make_reply(other_member, first, "Réponse A")
    make_reply(referent, first, "Réponse B")
    make_reply(other_member, second, f"Merci @{member.display_name}, voici notre méthode.")
    morning = datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)  # quiet hours and before 17 h
    assert send_digests(morning) == 0
    evening = datetime(2026, 12, 2, 18, 0, tzinfo=PARIS)
    assert send_digests(evening) == 2  # the member, and Omar who follows « Première question » since he replied
    [digest] = _mails_to(member)
    assert digest.subject == "Forum du Réseau : 3 nouveautés pour vous"
    assert digest.body.count("« Première question du jour »") == 1
    assert "Réponse A" in digest.body and "Réponse B" in digest.body and "vous a mentionné" in digest.body
    assert digest.unsubscribe_url
    # not again the same evening, nor the next morning; new things the next evening
    assert send_digests(evening + timedelta(hours=2)) == 0
    make_reply(other_member, first, "Réponse C")
    assert send_digests(evening + timedelta(hours=14)) == 0
    assert send_digests(evening + timedelta(hours=24)) == 2  # the member and the referent, who replied
    assert len(_mails_to(member)) == 2 and "Réponse C" in _mails_to(member)[-1].body and "Réponse A" not in _mails_to(member)[-1].body


def test_digest_leaves_out_what_was_read_or_deleted(make_client, member, other_member):
    read_topic = make_topic(member, "Question déjà lue")
    make_reply(other_member, read_topic, "Vue sur le site")
    gone_topic = make_topic(member, "Question dont la réponse disparaît")
    gone = make_reply(other_member, gone_topic, "Réponse retirée")
    actions.delete_post(other_member, gone)
    make_client(member).get(f"/discussions/{read_topic.id}")
    assert send_digests(datetime(2026, 12, 2, 18, 0, tzinfo=PARIS)) == 0


def test_a_moderator_s_digest_never_quotes_what_moderation_hid(member, other_member, moderator):
    """Moderators may read a hidden post on the site; no e-mail carries it, theirs neither."""
    from forum.moderation import actions as moderation

    _prefs(moderator, "digest")
    topic = make_topic(member, "Question suivie par la modération")
    notify.set_subscription(moderator, topic, "follow")
    make_reply(other_member, topic, "Une réponse qui reste")
    hidden = make_reply(other_member, topic, "Le fils de la gardienne du 12 était là.")
    moderation.hide_post(moderator, hidden, "Personne reconnaissable")
    assert send_digests(datetime(2026, 12, 2, 18, 0, tzinfo=PARIS)) >= 1
    [digest] = _mails_to(moderator)
    assert "Une réponse qui reste" in digest.body and "gardienne" not in digest.body


def test_digest_respects_the_time_zone_and_quiet_hours(member, other_member):
    member.time_zone = "Indian/Reunion"  # UTC+4
    db.session.commit()
    make_reply(other_member, make_topic(member))
    assert send_digests(datetime(2026, 12, 2, 12, 0, tzinfo=UTC)) == 0  # 16 h at La Réunion
    assert send_digests(datetime(2026, 12, 2, 13, 0, tzinfo=UTC)) == 1  # 17 h there


def test_preferences_page_saves_and_refuses_a_digest_in_quiet_hours(make_client, member):
    browser = make_client(member)
    bad = browser.post_form("/profil/notifications", {"email_mode": "digest", "quiet_start": "7", "quiet_end": "15",
                                                      "digest_hour": "9"})
    assert bad.status_code == 422 and "pendant vos heures de repos" in page_text(bad)
    good = browser.post_form("/profil/notifications", {"email_mode": "immediate", "quiet_start": "22",
                                                       "quiet_end": "6", "digest_hour": "18"})
    assert good.status_code == 302
    db.session.refresh(member)
    assert (member.email_mode, member.quiet_start_hour, member.quiet_end_hour) == ("immediate", 22, 6)
    forged = browser.post_form("/profil/notifications", {"email_mode": "spam", "quiet_start": "25",
                                                         "quiet_end": "x", "digest_hour": "1"})
    assert forged.status_code == 422


def test_unsubscribe_link_works_without_logging_in(client, member, other_member):
    _prefs(member, "immediate", quiet=(0, 0))
    make_reply(other_member, make_topic(member))
    link = _mails_to(member)[0].unsubscribe_url.replace("http://forum.test", "")
    page = client.get(link)
    assert page.status_code == 200 and "Ne plus recevoir d'e-mails" in page_text(page)
    db.session.refresh(member)
    assert member.email_mode == "immediate"  # a link preview (GET) changes nothing
    assert client.post(link, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    db.session.refresh(member)
    assert member.email_mode == "none"
    assert client.get("/desabonnement/faux-jeton").status_code == 404


def test_send_twice_sends_once(app, member, other_member, outbox):
    _prefs(member, "immediate", quiet=(0, 0))
    topic = make_topic(member)
    for number in range(3):
        make_reply(other_member, topic, f"Réponse {number}")
    before = len(outbox())
    assert mail.deliver_pending()[0] == 3
    assert mail.deliver_pending() == (0, 0)
    assert len(outbox()) - before == 3


def test_a_crash_midway_resends_nothing_twice(app, member, other_member, outbox, monkeypatch):
    _prefs(member, "immediate", quiet=(0, 0))
    topic = make_topic(member)
    for number in range(3):
        make_reply(other_member, topic, f"Réponse {number}")
    real, readable = mail.TRANSPORTS["file"]
    calls = []

    def flaky(email, message):
        calls.append(message.id)
        if len(calls) == 2:
            raise OSError("serveur SMTP injoignable")
        real(email, message)

    monkeypatch.setitem(mail.TRANSPORTS, "file", (flaky, readable))
    assert mail.deliver_pending() == (2, 1)
    monkeypatch.setitem(mail.TRANSPORTS, "file", (real, readable))
    assert mail.deliver_pending() == (1, 0)
    subjects = [m.get_content() for m in outbox() if m["To"] == member.email]
    assert sorted(body.split("« ")[2][:9] for body in subjects) == ["Réponse 0", "Réponse 1", "Réponse 2"]


@pytest.mark.parametrize("command", [["notifications", "send"], ["notifications", "digest"]])
def test_notification_commands_run(runner, command):
    result = runner.invoke(args=command)
    assert result.exit_code == 0, result.output


def test_hiding_a_post_drops_its_emails_held_by_quiet_hours(member, other_member, moderator):
    from zoneinfo import ZoneInfo

    from forum.moderation import actions as moderation

    hour = factories_now().astimezone(ZoneInfo(member.time_zone)).hour
    _prefs(member, "immediate", quiet=(hour, (hour + 2) % 24), digest=(hour + 3) % 24)  # asleep now: mail waits
    topic = make_topic(member)
    kept = make_reply(other_member, topic, "Une réponse sans souci.")
    hidden = make_reply(other_member, topic, "Le fils de la gardienne du 12 était là.")
    assert {message.post_id for message in _mails_to(member)} == {kept.id, hidden.id}
    moderation.hide_post(moderator, hidden, "Personne reconnaissable")
    assert [message.post_id for message in _mails_to(member)] == [kept.id]
    make_reply(other_member, topic, "Encore une réponse.")
    assert len(_mails_to(member)) == 2
    moderation.hide_post(moderator, first_post(topic), "Discussion entière")  # the whole discussion goes
    # What remains for the member is moderation's statement about their discussion, not the replies.
    assert [message.kind for message in _mails_to(member)] == ["moderation-statement"]


def test_digest_names_sheets_by_their_published_title_and_forgets_archived_ones(member, other_member, animator):
    from forum.library import actions as library
    from tests.factories import make_sheet, pole, sheet_form

    notify.set_subscription(other_member, pole("bretagne"), "follow")
    kept = make_sheet(member, "published", reviewer=animator, title="Titre publié")
    gone = make_sheet(member, "published", reviewer=animator, title="Fiche bientôt archivée")
    library.save_sheet(member, kept, sheet_form(title="Titre en cours de révision"))
    library.archive(animator, gone, "Remplacée")
    assert send_digests(datetime(2026, 12, 2, 18, 0, tzinfo=PARIS)) >= 1
    [digest] = _mails_to(other_member)
    assert "Titre publié" in digest.body
    assert "Titre en cours de révision" not in digest.body and "bientôt archivée" not in digest.body
