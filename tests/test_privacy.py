"""The personal-data guard on French sentences: what must be caught, what must pass."""

from __future__ import annotations

import pytest

from forum import privacy

# (sentence, kind that must be found) — all fictitious.
MUST_CATCH = [
    ("Rappelez-moi au 06 00 00 00 00 après la tournée.", "phone"),
    ("Son numéro : 06.12.34.56.78, elle répond le soir.", "phone"),
    ("Le gardien est joignable au +33 6 12 34 56 78.", "phone"),
    ("Appelez le 0612345678 de ma part.", "phone"),
    ("Le bailleur : 02-99-12-34-56, service tranquillité.", "phone"),
    ("Vous pouvez écrire à prenom.nom@domaine.example pour le dossier.", "email"),
    ("Sa fille m'a écrit depuis karima.b75@gmail.com hier.", "email"),
    ("Le véhicule XX-123-XX stationne tous les soirs devant l'entrée.", "plate"),
    ("Une voiture immatriculée AB 456 CD tourne dans le quartier.", "plate"),
    ("La camionnette GH123JK bloque l'accès pompiers.", "plate"),
    ("Son numéro de sécu est 1 85 05 78 006 084 36, il l'a laissé à la permanence.", "nir"),
    ("Le NIR 285057800608436 figure sur le formulaire.", "nir"),
    ("Virement sur FR76 3000 6000 0112 3456 7890 189 pour la caution.", "iban"),
    ("IBAN : FR7630006000011234567890189.", "iban"),
    ("Mme Dupont du 12 rue des Lilas nous a encore appelés.", "address"),
    ("Ça se passe au 4 bis allée des Tilleuls, tous les soirs.", "address"),
    ("Le squat est au 27 avenue Jean Jaurès.", "address"),
    ("Rendez-vous 3 place de la Mairie avec la famille.", "address"),
    ("C'est au bât. B, 3e étage, porte 12.", "building"),
    ("La dame du bâtiment C ne sort plus de chez elle.", "building"),
    ("Le logement 42 a encore eu une fuite, la locataire est âgée.", "building"),
    ("Escalier 3, appartement 8 : cris toutes les nuits.", "building"),
    ("Mme Martin nous attendait dans le hall.", "civility_name"),
    ("M. Karim est venu à la permanence.", "civility_name"),
    ("Monsieur Lefèvre refuse toute médiation.", "civility_name"),
    ("Madame Nguyen a porté plainte contre son voisin.", "civility_name"),
    ("La dame de 87 ans du 3e ne répond plus au téléphone.", "age_place"),
    ("Un jeune de 16 ans de la résidence Bellevue traîne dans les caves.", "age_place"),
    ("Son fils (14 ans, en 4e au collège Jean-Moulin) traîne dans le hall.", "school_class"),
    ("Une élève de CM2 de l'école Pasteur est harcelée.", "school_class"),
    ("Il est né le 12/03/2011 d'après sa mère.", "date"),
    ("Elle est née le 3 mars 1954, elle vit seule.", "date"),
    ("Il poste tout sur @jojo_du93 depuis des semaines.", "handle"),
    ("Il est sous traitement psychiatrique depuis sa sortie de prison, M. Bernard vit seul.", "sensitive"),
    ("Sa femme est sans papiers et n'ose pas sortir.", "sensitive"),
    ("L'ancienne plaque 1234 AB 56 est toujours sur la voiture.", "old_plate"),
]

MUST_PASS = [
    "Nous tournons de 20 h à 1 h, du jeudi au samedi.",
    "J'ai 3 ans d'expérience comme correspondant de nuit.",
    "Il faut traverser la rue sans courir, rappelle la médiatrice.",
    "En cas d'urgence sociale, appelez le 115.",
    "Une résidence d'environ 150 logements en QPV, un seul bailleur.",
    "Les binômes font deux tournées par soirée, de 19 h à 1 h.",
    "Le délai moyen est passé de 12 jours à 4 jours.",
    "Environ 85 % des signalements ont un retour de statut.",
    "Sur notre réseau, nous avons 6 agents de médiation et deux lignes de soirée.",
    "La commune compte 3 quartiers prioritaires et environ 2 800 logements sociaux.",
    "Le budget est d'environ 22 000 € par an, financé par la ville et le contrat de ville.",
    "Le collège de secteur accueille les élèves de 6e à la rentrée.",
    "On lance la médiation par les pairs dans deux écoles élémentaires (CM1-CM2).",
    "Depuis deux mois, un locataire nous appelle presque tous les soirs.",
    "Le débriefing de 15 minutes clôt chaque service.",
    "Madame la Maire a ouvert la réunion du CLSPD.",
    "M. le Préfet a validé la convention adulte-relais.",
    "Nous utilisons la fiche de liaison depuis 18 mois.",
    "Un jeune majeur, une personne âgée isolée, il y a quelques semaines.",
    "La porte d'entrée reste bloquée ouverte tous les soirs.",
    "Les portes des caves sont dégradées.",
    "La réunion a lieu le 14 mars à 18 h 30 à la maison de quartier.",
    "Le 17 et le 18 ont été prévenus par le PC.",
    "Le titre MSADS est de niveau 4, le titre AMIS de niveau 3.",
    "Nous avons mis 2 ans à obtenir la certification AFNOR.",
    "Les adultes-relais ont au moins 26 ans et résident en QPV.",
    "Écrivez-nous à contact@forum-reseau.example pour toute question sur le forum.",
    "@Sophie Le Goff, avez-vous un modèle de convention ?",
    "Le FIPD finance au plus 50 % du projet.",
    "Les horaires : 17 h 30 - 23 h 45, renfort l'été.",
    "Nous intervenons sur 3 lignes, 12 arrêts sensibles et 2 terminus.",
    "Le bilan 2024 montre 30 % d'incivilités en moins.",
    "La cellule de veille se réunit chaque premier mardi du mois.",
    "La personne a 45 ans d'ancienneté dans le quartier, elle connaît tout le monde.",
]


def _kinds(text: str) -> set[str]:
    return {finding.kind for finding in privacy.detect(text, allowed_email_domains=["forum-reseau.example"])}


def test_recall_and_false_positive_rate(capsys):
    caught = [(sentence, kind) for sentence, kind in MUST_CATCH if kind in _kinds(sentence)]
    flagged = [sentence for sentence in MUST_PASS if _kinds(sentence)]
    recall = len(caught) / len(MUST_CATCH)
    false_positive_rate = len(flagged) / len(MUST_PASS)
    with capsys.disabled():
        print(f"\nprivacy guard: recall {recall:.0%} ({len(caught)}/{len(MUST_CATCH)}), "
              f"false positives {false_positive_rate:.0%} ({len(flagged)}/{len(MUST_PASS)})")
    missed = [pair for pair in MUST_CATCH if pair not in caught]
    assert missed == [] and flagged == []


def test_corpus_is_large_enough_and_covers_every_kind():
    assert len(MUST_CATCH) >= 30 and len(MUST_PASS) >= 30
    assert {kind for _sentence, kind in MUST_CATCH} == set(privacy.KINDS)


@pytest.mark.parametrize("sentence, kind", MUST_CATCH)
def test_sentence_is_caught(sentence, kind):
    assert kind in _kinds(sentence)


@pytest.mark.parametrize("sentence", MUST_PASS)
def test_ordinary_sentence_passes(sentence):
    assert _kinds(sentence) == set()


def test_hard_identifiers_block_and_soft_ones_warn():
    findings = privacy.detect("Mme Martin, 06 00 00 00 00")
    assert {f.kind: f.severity for f in findings} == {"civility_name": "warn", "phone": "block"}
    assert [f.kind for f in privacy.blocking(findings)] == ["phone"]


def test_mask_replaces_each_finding():
    text = "Appelez Mme Martin au 06 00 00 00 00 ou écrivez à a.b@c.example."
    masked = privacy.mask(text, privacy.detect(text))
    assert masked == "Appelez [masqué] au [masqué] ou écrivez à [masqué]."
    assert privacy.detect(masked) == []


def test_highlight_escapes_the_text_and_marks_findings():
    html = str(privacy.highlight("<b>06 00 00 00 00</b>", privacy.detect("<b>06 00 00 00 00</b>")))
    assert html.startswith("&lt;b&gt;<mark class=\"privacy-block\"")
    assert "06 00 00 00 00</mark>&lt;/b&gt;" in html


def test_empty_and_huge_texts_are_handled_quickly():
    assert privacy.detect("") == []
    assert len(privacy.detect("a" * 200_000 + " 06 00 00 00 00")) == 1
