"""Queue e-mails in the outbox and deliver them after commit.

``enqueue`` only adds a row to the caller's transaction; ``deliver_pending`` claims
unsent rows one by one (so two processes never send the same message) and hands
them to the configured transport: files under instance/mail/ or SMTP.
"""

from __future__ import annotations

import smtplib
from datetime import timedelta
from email import policy as email_policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import Flask, current_app, g, has_request_context, render_template
from sqlalchemy import delete, update

from forum import privacy
from forum.db_types import utcnow
from forum.extensions import db
from forum.notifications.models import MailMessage
from forum.transaction import in_unit_of_work

MAX_ATTEMPTS = 8
# A claim older than this belongs to a process that died while sending.
STALE_CLAIM = timedelta(minutes=10)


def enqueue(recipient: str, subject: str, template: str, kind: str = "", **context) -> MailMessage:
    """Render a plain-text e-mail and add it to the current transaction's outbox."""
    context.setdefault("site_name", current_app.config["FORUM_SITE_NAME"])
    context.setdefault("contact_email", current_app.config["FORUM_CONTACT_EMAIL"])
    context.setdefault("base_url", current_app.config["FORUM_BASE_URL"].rstrip("/"))
    body = render_template(f"mail/{template}.txt", **context)
    message = MailMessage(recipient=recipient, subject=subject, body=body, kind=kind or template)
    db.session.add(message)
    if has_request_context():
        g.mail_queued = True
    return message


def withdraw(post_ids) -> None:
    """Delete, in the caller's transaction, the e-mails about these posts that have not left yet
    (held by quiet hours, say): what moderation hides or masks never goes out."""
    db.session.execute(delete(MailMessage).where(MailMessage.post_id.in_(post_ids), MailMessage.sent_at.is_(None)))


def redact(passage: str, placeholder: str = privacy.PLACEHOLDER, *, unsent_only: bool = False) -> int:
    """Replace ``passage`` in the subject and body of every stored e-mail, sent or waiting (a
    digest, a notification quoting it), in the caller's transaction; returns how many changed.

    What has left cannot be recalled, but the copy kept here no longer holds it."""
    needle = privacy.needle(passage)
    query = db.select(MailMessage).where(MailMessage.body.contains(needle) | MailMessage.subject.contains(needle))
    if unsent_only:
        query = query.where(MailMessage.sent_at.is_(None))
    changed = 0
    for message in db.session.scalars(query):
        subject, in_subject = privacy.redact(message.subject, passage, placeholder)
        body, in_body = privacy.redact(message.body, passage, placeholder)
        if in_subject or in_body:
            message.subject, message.body = subject, body
            changed += 1
    return changed


def build_email(message: MailMessage, readable: bool = False) -> EmailMessage:
    """The RFC 5322 form of an outbox row; ``readable`` keeps the body as plain UTF-8 text."""
    # Long header lines stay whole: a folded or encoded List-Unsubscribe address no longer works.
    email = EmailMessage(policy=email_policy.default.clone(max_line_length=998))
    email["From"] = current_app.config["FORUM_MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = make_msgid(domain="forum-reseau.example")
    if message.unsubscribe_url:
        email["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email.set_content(message.body, cte="8bit" if readable else None)
    return email


def _write_file(email: EmailMessage, message: MailMessage) -> None:
    folder = Path(current_app.config["FORUM_MAIL_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    stamp = message.created_at.strftime("%Y%m%d-%H%M%S")
    (folder / f"{stamp}-{message.id:06d}-{message.kind}.eml").write_bytes(bytes(email))


def _send_smtp(email: EmailMessage, message: MailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["FORUM_SMTP_HOST"], config["FORUM_SMTP_PORT"], timeout=20) as smtp:
        if config["FORUM_SMTP_STARTTLS"]:
            smtp.starttls()
        if config["FORUM_SMTP_USER"]:
            smtp.login(config["FORUM_SMTP_USER"], config["FORUM_SMTP_PASSWORD"])
        smtp.send_message(email)


# transport name -> (send function, whether the stored file should stay human-readable)
TRANSPORTS = {"file": (_write_file, True), "smtp": (_send_smtp, False)}


def _claim(message_id: int) -> bool:
    now = utcnow()
    result = db.session.execute(
        update(MailMessage)
        .where(MailMessage.id == message_id, MailMessage.sent_at.is_(None))
        .where((MailMessage.claimed_at.is_(None)) | (MailMessage.claimed_at < now - STALE_CLAIM))
        .values(claimed_at=now, attempts=MailMessage.attempts + 1)
    )
    db.session.commit()
    return result.rowcount == 1


def deliver_pending(limit: int = 200) -> tuple[int, int]:
    """Send unsent messages that are due; return (sent, failed). Failures stay queued for a retry."""
    assert not in_unit_of_work(), "mail is sent after the action's commit, never inside it"
    transport, readable = TRANSPORTS[current_app.config["FORUM_MAIL_TRANSPORT"]]
    now = utcnow()
    ids = db.session.scalars(
        db.select(MailMessage.id)
        .where(MailMessage.sent_at.is_(None), MailMessage.attempts < MAX_ATTEMPTS)
        .where(MailMessage.send_after.is_(None) | (MailMessage.send_after <= now))
        .order_by(MailMessage.id)
        .limit(limit)
    ).all()
    sent = failed = 0
    for message_id in ids:
        if not _claim(message_id):
            continue
        message = db.session.get(MailMessage, message_id)
        try:
            transport(build_email(message, readable), message)
        except (OSError, smtplib.SMTPException) as error:
            message.claimed_at = None
            message.last_error = str(error)[:500]
            failed += 1
            current_app.logger.warning("mail %s not sent: %s", message_id, error)
        else:
            message.sent_at = utcnow()
            message.last_error = ""
            sent += 1
        db.session.commit()
    return sent, failed


def init_mail(app: Flask) -> None:
    """Send what a request queued once its response is out, so nobody waits on SMTP."""

    @app.after_request
    def _deliver_after_response(response):
        if g.pop("mail_queued", False):
            response.call_on_close(lambda: _deliver_in_context(app))
        return response


def _deliver_in_context(app: Flask) -> None:
    with app.app_context():
        try:
            deliver_pending()
        except Exception:  # the outbox keeps the rows; `flask notifications send` retries
            app.logger.exception("mail delivery after response failed")
