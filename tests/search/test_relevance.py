"""A small French test collection: each query must bring its document into the top 5."""

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.helpers import visible_text
from tests.search.conftest import titles

TOPICS = {
    "Appels répétés pour du bruit la nuit": "Un locataire appelle tous les soirs ; le bailleur veut un passage à chaque "
                                            "appel. Nous passons en médiation navette puis en table ronde.",
    "Médiation par les pairs à l'école": "Les élèves de CM1-CM2 règlent les petits conflits de la cour ; "
                                         "l'association présente le projet aux familles.",
    "Binôme à bord ou équipe mobile sur les lignes de soirée": "Les agents de médiation du réseau de bus gardent un "
                                                              "lien radio avec le poste central.",
    "Mots de passe confiés à la permanence": "Des habitants nous donnent leurs identifiants pour la CAF ; nous aidons "
                                             "sans faire à la place grâce à Aidants Connect.",
    "Cellule de veille du CLSPD : on nous demande des noms": "Nous ne transmettons que des constats collectifs, "
                                                             "jamais d'éléments nominatifs.",
    "Fin de convention adulte-relais et titre MSADS": "Un médiateur sans diplôme prépare la VAE ; le financement "
                                                      "passe par les crédits de la politique de la ville.",
    "Regroupements de jeunes dans les halls d'immeubles": "Présence active le vendredi soir, lien avec la "
                                                          "prévention spécialisée et le gardien.",
    "Financer un poste avec le FIPD": "Le fonds interministériel de prévention de la délinquance cofinance au plus "
                                      "la moitié du projet.",
    "Abattement de taxe foncière et tranquillité résidentielle": "Le bailleur social finance des correspondants "
                                                                 "de nuit grâce à l'abattement TFPB en quartier "
                                                                 "prioritaire.",
    "Diagnostic en marchant avec les habitantes": "Une marche exploratoire organisée avec la gestion urbaine de "
                                                  "proximité et l'office HLM.",
}

SHEETS = {
    "Fiche de liaison nuit → bailleur": "Les correspondants de nuit signalent les pannes d'éclairage et "
                                        "d'ascenseur ; l'envoi part à 6 h vers l'adresse du bailleur.",
    "Débriefing systématique après incident": "Chaque service se termine par un débriefing de quinze minutes et "
                                              "une analyse de pratiques mensuelle pour les médiatrices.",
}

# (query, title that must be in the top 5)
QUERIES = [
    ("médiateurs", "Fin de convention adulte-relais et titre MSADS"),
    ("Médiation", "Médiation par les pairs à l'école"),
    ("mediation", "Médiation par les pairs à l'école"),
    ("médiations navette", "Appels répétés pour du bruit la nuit"),
    ("ecole", "Médiation par les pairs à l'école"),
    ("l'école", "Médiation par les pairs à l'école"),
    ("écoles", "Médiation par les pairs à l'école"),
    ("habitants", "Mots de passe confiés à la permanence"),
    ("d'habitants", "Mots de passe confiés à la permanence"),
    ("bailleurs", "Appels répétés pour du bruit la nuit"),
    ("QPV", "Abattement de taxe foncière et tranquillité résidentielle"),
    ("quartier prioritaire", "Abattement de taxe foncière et tranquillité résidentielle"),
    ("conseil local de sécurité et de prévention de la délinquance", "Cellule de veille du CLSPD : on nous demande des noms"),
    ("fonds interministériel", "Financer un poste avec le FIPD"),
    ("TFPB", "Abattement de taxe foncière et tranquillité résidentielle"),
    ("GUP", "Diagnostic en marchant avec les habitantes"),
    ("office HLM", "Fiche de liaison nuit → bailleur"),
    ("médiation de nuit", "Abattement de taxe foncière et tranquillité résidentielle"),
    ("adultes relais", "Fin de convention adulte-relais et titre MSADS"),
    ("médiateur social accès aux droits et services", "Fin de convention adulte-relais et titre MSADS"),
    ('"poste central"', "Binôme à bord ou équipe mobile sur les lignes de soirée"),
    ("binomes", "Binôme à bord ou équipe mobile sur les lignes de soirée"),
    ("débriefing", "Débriefing systématique après incident"),
    ("debriefing incident", "Débriefing systématique après incident"),
    ("regroupement jeune hall", "Regroupements de jeunes dans les halls d'immeubles"),
    ("ascenseurs", "Fiche de liaison nuit → bailleur"),
    ("médiatr*", "Débriefing systématique après incident"),
    ("immeub*", "Regroupements de jeunes dans les halls d'immeubles"),
    ("bus OU tram", "Binôme à bord ou équipe mobile sur les lignes de soirée"),
    ("diagnostik", "Diagnostic en marchant avec les habitantes"),          # typo: corrected
    ("identifiant", "Mots de passe confiés à la permanence"),
    ("cellule veille -jeunes", "Cellule de veille du CLSPD : on nous demande des noms"),
]


@pytest.fixture
def collection(app, member, animator, indexed):
    for title, body in TOPICS.items():
        factories.make_topic(member, title, body=body, kind="discussion")
    for title, body in SHEETS.items():
        factories.make_sheet(member, "published", reviewer=animator, title=title, context=body)
    indexed()


def test_collection_is_large_enough():
    assert len(QUERIES) >= 20


def test_every_query_finds_its_document_in_the_top_five(collection, make_client, member, capsys):
    browser = make_client(member)
    missed = []
    for query, expected in QUERIES:
        found = titles(browser, query)[:5]
        if expected not in found:
            missed.append((query, expected, found))
    with capsys.disabled():
        print(f"\nrelevance: {len(QUERIES) - len(missed)}/{len(QUERIES)} queries find their document in the top 5")
    assert missed == []


def test_excluded_words_exclude(collection, make_client, member):
    browser = make_client(member)
    assert "Regroupements de jeunes dans les halls d'immeubles" not in titles(browser, "présence -jeunes")
    assert titles(browser, "bruit -nuit") == []


def test_a_typo_is_corrected_and_said(collection, make_client, member):
    page = visible_text(make_client(member).get("/recherche", query_string={"q": "diagnostik"}))
    assert "Aucun résultat pour « diagnostik ». Vouliez-vous dire « diagnostic » ?" in page
    assert re.search(r"\d+ résultats? pour « diagnostic »", page)  # the heading names what was searched
