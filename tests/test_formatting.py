"""French dates and durations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from forum.formatting import long_datetime, relative_time, short_date


def test_long_date_in_the_readers_time_zone(app):
    moment = datetime(2024, 3, 14, 22, 40, tzinfo=UTC)
    assert long_datetime(moment, "Europe/Paris") == "jeudi 14 mars 2024, 23 h 40"
    assert long_datetime(moment, "Indian/Reunion") == "vendredi 15 mars 2024, 2 h 40"


def test_first_day_of_the_month_is_written_1er(app):
    assert long_datetime(datetime(2026, 12, 1, 9, 0, tzinfo=UTC), "Europe/Paris") == "mardi 1er décembre 2026, 10 h 00"
    with app.test_request_context():
        assert short_date(datetime(2026, 3, 1, 12, tzinfo=UTC)) == "1er mars 2026"
        assert short_date(datetime(2026, 3, 11, 12, tzinfo=UTC)) == "11 mars 2026"


def test_relative_time():
    now = datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert relative_time(now - timedelta(seconds=10), now) == "à l'instant"
    assert relative_time(now - timedelta(hours=3), now) == "il y a 3 heures"
    assert relative_time(now - timedelta(days=2), now) == "il y a 2 jours"


def test_de_is_elided_before_a_vowel():
    from forum.formatting import of

    assert [of(name) for name in ("Omar Autre", "Élodie", "Marc", "Hugo")] == [
        "d'Omar Autre", "d'Élodie", "de Marc", "de Hugo"]
