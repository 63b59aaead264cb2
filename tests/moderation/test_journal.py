"""The journal page for moderators: filters, pages, CSV export, constant queries; a member's history."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from forum.extensions import db
from forum.moderation import sanctions
from forum.moderation.audit import record
from forum.moderation.models import ModerationAction
from tests import factories
from tests.helpers import count_queries, page_text, visible_text


def _add_entries(actor, member, count: int, action: str = "warn_member") -> None:
    """Journal entries written as an action writes them (bulk: the page, not the actions, is tested)."""
    for number in range(count):
        record(actor, action, member, member.display_name, f"Motif {number}")
    db.session.commit()


@pytest.fixture
def journal(member, other_member, moderator, admin, topic, clock):
    """Entries on three days by two moderators about two members in two poles."""
    clock.travel_to(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    sanctions.warn(moderator, member, "Propos blessants")
    clock.travel_to(datetime(2026, 3, 5, 22, 30, tzinfo=UTC))  # 6 March in La Réunion (UTC+4)
    sanctions.warn(admin, other_member, "=HYPERLINK(\"http://x\")")
    clock.travel_to(datetime(2026, 3, 9, 9, 0, tzinfo=UTC))
    sanctions.request_edit(moderator, factories.post_number(topic, 2), "Retirez le nom", hide=False)
    return {"member": member, "other": other_member}


def test_the_journal_is_for_moderators_and_administrators(make_client, member, animator, moderator, admin):
    assert make_client(member).get("/moderation/journal").status_code == 403
    assert make_client(animator).get("/moderation/journal").status_code == 403
    assert make_client(animator).get("/moderation/journal.csv").status_code == 403
    for person in (moderator, admin):
        assert make_client(person).get("/moderation/journal").status_code == 200


def test_the_journal_shows_each_column_newest_first(make_client, moderator, journal):
    text = visible_text(make_client(moderator).get("/moderation/journal"))
    assert text.index("Retirez le nom") < text.index("HYPERLINK") < text.index("Propos blessants")
    assert "Retirez le nom" in text and "Bretagne" in text and "Omar Autre" in text and "Alice Admin" in text


@pytest.mark.parametrize("query, present, absent", [
    ("action=request_edit", ["Retirez le nom"], ["Propos blessants"]),
    ("moderateur={admin}", ["HYPERLINK"], ["Propos blessants", "Retirez le nom"]),
    ("membre={member}", ["Propos blessants"], ["HYPERLINK", "Retirez le nom"]),
    ("pole={occitanie}", ["HYPERLINK"], ["Propos blessants", "Retirez le nom"]),
    ("du=2026-03-03&au=2026-03-05", ["HYPERLINK"], ["Propos blessants", "Retirez le nom"]),
])
def test_each_filter_narrows_the_journal(make_client, moderator, admin, journal, query, present, absent):
    query = query.format(admin=admin.id, member=journal["member"].id, occitanie=factories.pole("occitanie").id)
    text = visible_text(make_client(moderator).get(f"/moderation/journal?{query}"))
    for words in present:
        assert words in text, query
    for words in absent:
        assert words not in text, query


def test_the_period_is_read_in_the_viewer_time_zone(make_client, structure, journal):
    # 22:30 UTC on 5 March is 6 March in La Réunion: that moderator finds it on the 6th.
    reunion = factories.make_user("Modérateur Réunion", structure=structure, role="moderator")
    reunion.time_zone = "Indian/Reunion"
    db.session.commit()
    text = visible_text(make_client(reunion).get("/moderation/journal?du=2026-03-06&au=2026-03-06"))
    assert "HYPERLINK" in text and "Propos blessants" not in text


@pytest.mark.parametrize("query", ["du=2026-13-40", "action=nimporte", "moderateur=abc", "pole=-1",
                                   "du=2026-03-09&au=2026-03-01"])
def test_a_filter_not_understood_is_a_french_400(make_client, moderator, query):
    response = make_client(moderator).get(f"/moderation/journal?{query}")
    assert response.status_code == 400 and "form-errors" in page_text(response)
    assert make_client(moderator).get(f"/moderation/journal.csv?{query}").status_code == 400


def test_the_csv_export_is_the_filtered_view_for_french_spreadsheets(make_client, moderator, admin, journal):
    response = make_client(moderator).get(f"/moderation/journal.csv?moderateur={admin.id}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Date", "Modérateur", "Action", "Élément", "Membre concerné", "Pôle", "Motif"]
    assert len(rows) == 2
    assert rows[1][1] == "Alice Admin" and rows[1][2] == "Avertissement" and rows[1][4] == "Omar Autre"
    assert rows[1][6].startswith("'=")  # a formula is not run by the spreadsheet
    everything = make_client(admin).get("/moderation/journal.csv").get_data(as_text=True)
    assert everything.count("\r\n") >= 4


def test_the_page_costs_the_same_queries_with_5_or_120_entries(app, make_client, moderator, member):
    browser = make_client(moderator)
    _add_entries(moderator, member, 5)
    browser.get("/moderation/journal")
    with count_queries(app) as few:
        browser.get("/moderation/journal")
    _add_entries(moderator, member, 115, action="request_edit")
    with count_queries(app) as many:
        page = browser.get("/moderation/journal?page=2")
    assert len(many) == len(few) and len(few) <= 8
    assert "Plus anciennes" in visible_text(page) and "Plus récentes" in visible_text(page)
    assert visible_text(page).count("Motif") >= 50


def test_moderators_read_a_members_history_on_their_profile(make_client, member, other_member, moderator, journal):
    before = db.session.scalar(db.select(db.func.count(ModerationAction.id)))
    page = visible_text(make_client(moderator).get(f"/membres/{member.id}"))
    assert "Historique de modération" in page and "Propos blessants" in page
    assert "Historique de modération" not in visible_text(make_client(other_member).get(f"/membres/{member.id}"))
    assert make_client(other_member).get(f"/moderation/membres/{member.id}").status_code == 403
    history = visible_text(make_client(moderator).get(f"/moderation/membres/{member.id}"))
    assert "Avertir Léa Membre" in history and "Suspendre Léa Membre" in history
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == before  # reading writes nothing
