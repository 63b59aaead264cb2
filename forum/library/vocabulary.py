"""The closed lists of a good-practice sheet: registers, publics, territories, periods, funders."""

from __future__ import annotations

# slug -> French label. Slugs are stored in the sheets (« ,nuit,soiree, »), labels are shown.
REGISTERS = {
    "presence-active": "Présence active de proximité",
    "gestion-conflits": "Gestion des conflits",
    "veille-sociale-territoriale": "Veille sociale territoriale",
    "mise-en-relation": "Mise en relation avec un partenaire",
    "concertation": "Concertation",
    "veille-technique": "Veille technique",
    "information-sensibilisation": "Information et sensibilisation",
    "accompagnement": "Accompagnement de projets ou de personnes",
}

PUBLICS = {
    "habitants": "Habitants, locataires",
    "voyageurs": "Voyageurs",
    "eleves-familles": "Élèves et familles",
    "jeunes": "Jeunes",
    "personnes-agees": "Personnes âgées ou isolées",
    "sans-abri": "Personnes sans abri",
    "commercants": "Commerçants",
    "professionnels": "Professionnels partenaires",
}

STRUCTURE_KINDS = {
    "commune": "Commune",
    "intercommunalite": "Intercommunalité",
    "regie": "Régie de quartier",
    "association": "Association",
    "bailleur": "Bailleur social",
    "transporteur": "Transporteur",
    "etablissement-scolaire": "Établissement scolaire",
    "autre": "GIP ou autre",
}

TERRITORY_KINDS = {
    "qpv": "Quartier prioritaire (QPV)",
    "centre-ville": "Centre-ville",
    "quartier-veille": "Quartier de veille",
    "ville-moyenne": "Ville moyenne",
    "rural": "Rural, périurbain",
    "reseau-transport": "Réseau de transport",
}

PERIODS = {
    "jour": "Jour",
    "soiree": "Soirée",
    "nuit": "Nuit",
    "week-end": "Week-end",
    "ete": "Été",
}

FUNDERS = {
    "adultes-relais": "Postes adultes-relais",
    "fipd": "FIPD",
    "contrat-de-ville": "Contrat de ville",
    "bailleurs-tfpb": "Bailleurs (TFPB)",
    "commune": "Commune",
    "epci": "Intercommunalité (EPCI)",
    "autre": "Autre",
}

VISIBILITY = {
    "members": "Membres du réseau seulement",
    "public": "Public (lisible sans compte)",
}


def pack(slugs) -> str:
    """Store a list of slugs so that one can be found with LIKE '%,slug,%'."""
    cleaned = [slug for slug in dict.fromkeys(slugs or []) if slug]
    return "," + ",".join(cleaned) + "," if cleaned else ""


def unpack(value: str | None) -> list[str]:
    """The slugs stored by ``pack``."""
    return [slug for slug in (value or "").split(",") if slug]


def labels(value: str | None, vocabulary: dict[str, str]) -> list[str]:
    """The French labels of stored slugs (unknown slugs are skipped)."""
    return [vocabulary[slug] for slug in unpack(value) if slug in vocabulary]
