"""The poles and themes every installation starts with; administrators edit them afterwards.

Plain data: the reference-data migration inserts it, and the test lane on PostgreSQL
re-inserts it after truncating tables.
"""

POLES: tuple[tuple[str, str, str], ...] = (
    ("auvergne-rhone-alpes", "Auvergne-Rhône-Alpes", "84"),
    ("bourgogne-franche-comte", "Bourgogne-Franche-Comté", "27"),
    ("bretagne", "Bretagne", "53"),
    ("centre-val-de-loire", "Centre-Val de Loire", "24"),
    ("corse", "Corse", "94"),
    ("grand-est", "Grand Est", "44"),
    ("hauts-de-france", "Hauts-de-France", "32"),
    ("ile-de-france", "Île-de-France", "11"),
    ("normandie", "Normandie", "28"),
    ("nouvelle-aquitaine", "Nouvelle-Aquitaine", "75"),
    ("occitanie", "Occitanie", "76"),
    ("pays-de-la-loire", "Pays de la Loire", "52"),
    ("provence-alpes-cote-d-azur", "Provence-Alpes-Côte d'Azur", "93"),
    ("outre-mer", "Outre-mer", "01,02,03,04,06"),
    ("national", "National – inter-pôles", ""),
)

# (slug, label, what it covers, restricted to animators and administrators)
THEMES: tuple[tuple[str, str, str, bool], ...] = (
    ("presence-proximite", "Présence de proximité",
     "Tournées, aller-vers, postes fixes, lien avec les habitants", False),
    ("mediation-de-nuit", "Médiation de nuit",
     "Correspondants de nuit, appels des habitants, tapage, organisation des soirées", False),
    ("conflits-voisinage", "Conflits et voisinage",
     "Conflits en temps réel ou en différé, navette, table ronde, troubles de voisinage", False),
    ("habitat-social", "Habitat social",
     "Bailleurs, parties communes, halls, tranquillité résidentielle, TFPB", False),
    ("espaces-publics-jeunesse", "Espaces publics et jeunesse",
     "Regroupements, halls d'immeubles, mineurs en errance, rodéos, été", False),
    ("transports", "Transports",
     "Lignes de soirée, voyageurs, conducteurs, PC, gares", False),
    ("milieu-scolaire", "Milieu scolaire",
     "Médiation à l'école, harcèlement, absentéisme, pairs, lien école-familles", False),
    ("acces-aux-droits", "Accès aux droits",
     "Permanences, démarches en ligne, orientation, non-recours", False),
    ("veille-technique", "Veille technique et cadre de vie",
     "Signalements, GUP, diagnostic en marchant, propreté, éclairage", False),
    ("veille-sociale", "Veille sociale et vulnérabilités",
     "Isolement, détresse, personnes âgées, sans-abri, santé mentale, orientation", False),
    ("tranquillite-partenariats", "Tranquillité publique et partenariats",
     "CLSPD, police municipale, prévention spécialisée, cellules de veille, partage d'informations", False),
    ("deontologie-posture", "Déontologie et posture",
     "Neutralité, confidentialité, limites du rôle, refus ou retrait d'une médiation", False),
    ("securite-equipes", "Santé et sécurité des équipes",
     "Travail de nuit, binôme, agressions, débriefing, analyse de pratiques", False),
    ("formation-professionnalisation", "Formation et professionnalisation",
     "AMIS, MSADS, VAE, modules, recrutement, parcours", False),
    ("qualite-evaluation", "Qualité, certification et évaluation",
     "Norme AFNOR, certification, label, utilité sociale, indicateurs, bilans", False),
    ("financement-pilotage", "Financement et pilotage",
     "Adultes-relais, FIPD, contrats de ville, conventions, marchés publics", False),
    ("vie-du-reseau", "Vie du réseau",
     "Rencontres nationales et régionales, annonces de formations, appels à contributions", True),
)


def pole_rows() -> list[dict]:
    """Rows for the poles table, in display order."""
    return [
        {"slug": slug, "name": name, "insee_codes": codes, "position": (i + 1) * 10, "active": True}
        for i, (slug, name, codes) in enumerate(POLES)
    ]


def theme_rows() -> list[dict]:
    """Rows for the themes table, in display order."""
    return [
        {"slug": slug, "name": name, "description": description, "position": (i + 1) * 10,
         "active": True, "restricted": restricted}
        for i, (slug, name, description, restricted) in enumerate(THEMES)
    ]
