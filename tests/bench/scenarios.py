"""The pages ``make bench`` measures, each with the data it needs."""

from __future__ import annotations

from tests import factories


def _admin_client(app):
    admin = factories.make_user("Admin Bench", role="admin")
    client = app.test_client()
    client.login(admin)
    return client


def home_as_visitor(app):
    return app.test_client(), "/"


def home_as_member(app):
    member = factories.make_user("Membre Bench")
    client = app.test_client()
    client.login(member)
    return client, "/"


def accounts_list_with_500_accounts(app):
    structure = factories.make_structure("Structure Bench")
    for number in range(500):
        factories.make_user(f"Personne {number:03d}", structure=structure)
    return _admin_client(app), "/admin/comptes"


SCENARIOS = [
    ("Accueil (visiteur)", home_as_visitor),
    ("Accueil (membre connecté)", home_as_member),
    ("Administration : liste de 500 comptes", accounts_list_with_500_accounts),
]
