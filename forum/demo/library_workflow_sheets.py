"""The demo sheets at the other steps of the workflow (in review, draft, « À actualiser »), and the list of all.

All people, structures and places are fictitious; contacts are generic service addresses.
"""

from __future__ import annotations

from forum.demo.library_sheets import EVENING_LINES, LIAISON, PEERS, DemoSheet, bullets, numbered

# --- submitted, in review ----------------------------------------------------------------

ONLINE_RIGHTS = DemoSheet(
    author="yacine", pole="ile-de-france", structure="PIMMS des Coteaux", target="in_review", reviewer="admin",
    comment="Merci pour cette fiche très utile, beaucoup de structures se posent la même question.\n\n"
            "Deux précisions avant publication :\n\n"
            "1. Combien de temps dure en moyenne un accompagnement, la première fois puis les suivantes ?\n"
            "2. Comment se passe concrètement l'orientation vers un aidant habilité : prenez-vous le rendez-vous "
            "avec la personne, ou lui donnez-vous seulement les coordonnées du service ?\n\n"
            "Le reste peut être publié tel quel.",
    facets={
        "themes": ["acces-aux-droits", "deontologie-posture"],
        "registers": ["accompagnement", "mise-en-relation", "information-sensibilisation"],
        "publics": ["habitants", "personnes-agees"],
        "public_detail": "Habitants du quartier, souvent âgés ou peu à l'aise avec le numérique",
        "territory_kind": "qpv", "structure_kind": "association",
        "periods": ["jour"], "funders": ["adultes-relais", "contrat-de-ville"],
        "visibility": "members",
    },
    text={
        "title": "Permanence d'accès aux droits : aider aux démarches en ligne sans jamais garder un mot de passe",
        "summary": "Les médiateurs d'un point d'information et de médiation accompagnent chaque semaine une vingtaine "
                   "de démarches en ligne. Règle écrite et affichée : la personne tape elle-même ses identifiants, "
                   "rien n'est noté ni conservé. Quand il faut agir à sa place, elle est orientée vers un aidant "
                   "habilité.",
        "territory": "Villeneuve-les-Coteaux (fictive), un quartier prioritaire",
        "context": "Avec la dématérialisation des démarches (CAF, impôts, retraite, prise de rendez-vous), de plus en "
                   "plus d'habitants demandaient aux médiateurs de faire « à leur place » et leur confiaient leurs "
                   "identifiants. Un collègue notait même des mots de passe dans un cahier « pour aller plus "
                   "vite ».\n\n"
                   "L'équipe a pris conscience du risque, pour les personnes comme pour elle-même, et de l'absence de "
                   "cadre commun.",
        "objectives": numbered(
            "Aider les habitants à faire leurs démarches sans faire à leur place.",
            "Ne jamais connaître, noter ni conserver un identifiant ou un mot de passe.",
            "Rendre les personnes plus autonomes d'une démarche à l'autre.",
            "Orienter vers un aidant habilité quand il faut agir pour le compte de la personne.",
        ),
        "actions": numbered(
            "Une charte d'accompagnement d'une page est affichée dans le local et expliquée à chaque première "
            "visite : « Nous vous aidons, vous gardez vos codes. »",
            "La personne tape elle-même ses identifiants ; le médiateur ne touche pas au clavier à ce moment-là.",
            "Aucun cahier ni fichier de codes : les anciens cahiers ont été détruits. Les postes en libre accès "
            "sont utilisés en navigation privée, avec déconnexion systématique en fin de démarche.",
            "Si la personne a perdu ses codes, le médiateur l'aide à les réinitialiser elle-même, sur sa propre "
            "messagerie.",
            "Si la démarche doit être faite pour le compte de la personne, elle est orientée vers un aidant "
            "habilité (dispositif Aidants Connect) ou vers le service concerné.",
            "Un point d'équipe mensuel revient sur les situations difficiles : insistance, urgence, grand isolement.",
        ),
        "period": "Depuis un an ; permanences du lundi au vendredi en journée, dont deux demi-journées sans "
                  "rendez-vous",
        "human_resources": "3 médiateurs sociaux, dont 2 adultes-relais, et 1 responsable de site. Chaque médiateur a "
                           "suivi deux jours de formation à l'accompagnement numérique.",
        "fte": "4",
        "material_resources": "2 postes en libre accès, 1 imprimante-scanner, charte d'accompagnement affichée, "
                              "fiches pas à pas des démarches les plus fréquentes.",
        "budget_amount": "Environ 2 500 € la première année (formation et supports)",
        "budget": "Postes adultes-relais ; crédits du contrat de ville pour la formation et les supports.",
        "partners": bullets(
            "CAF et caisse de retraite : fiches pas à pas, interlocuteur dédié pour les situations bloquées.",
            "Centre communal d'action sociale : orientation des situations urgentes.",
            "Médiathèque : ateliers d'initiation au numérique.",
            "Structure habilitée Aidants Connect du territoire : démarches faites pour le compte de la personne.",
        ),
        "results": bullets(
            "Plus aucun identifiant ni mot de passe conservé par l'équipe (vérifié à chaque point mensuel).",
            "Environ 1 000 accompagnements sur l'année.",
            "Environ un tiers des personnes qui reviennent font désormais une partie de la démarche seules.",
            "Source : tableau de fréquentation anonyme (date, type de démarche, niveau d'autonomie).",
        ),
        "difficulties": bullets(
            "Certaines personnes insistent pour qu'on fasse à leur place : il faut du temps pour expliquer la règle.",
            "Les démarches urgentes (droits suspendus) mettent la règle sous tension : l'orientation doit être "
            "rapide.",
            "Au début, chaque accompagnement prend plus de temps.",
        ),
        "success_factors": bullets(
            "Une règle écrite, affichée et la même pour tous les médiateurs.",
            "Un relais identifié pour les démarches à faire pour le compte de la personne.",
            "Le soutien de la responsable de site quand une personne insiste.",
            "Des fiches pas à pas préparées avec les services publics.",
        ),
        "perspectives": "Proposer avec la médiathèque des ateliers collectifs « je crée et je garde mes codes ».",
        "contact": "Responsable de site, PIMMS des Coteaux — acces-droits@pimms-coteaux.example",
    },
)

# --- draft, by the demo member --------------------------------------------------------------

NOISE_GRID = DemoSheet(
    author="lea", pole="bretagne", structure="Régie de quartier des Trois Rives", target="draft",
    facets={
        "themes": ["conflits-voisinage", "mediation-de-nuit"],
        "registers": ["gestion-conflits"],
        "publics": ["habitants"],
        "territory_kind": "qpv", "structure_kind": "regie",
        "periods": ["soiree", "nuit"],
        "visibility": "members",
    },
    text={
        "title": "Grille d'observation du bruit pour préparer une médiation entre voisins",
        "summary": "Une grille vierge d'une page, remise à chaque voisin pendant la navette, pour noter pendant une "
                   "semaine les moments de gêne ou d'activité. À la rencontre, on parle de faits et non plus "
                   "d'intentions.",
        "territory": "Commune de Saint-Aubin-des-Landes (fictive), quartiers prioritaires",
        "context": "Dans les conflits de bruit répétés, chacun arrive à la rencontre avec son ressenti : « il le fait "
                   "exprès », « on ne peut plus rien faire chez soi ». Il était difficile de sortir des accusations.",
        "objectives": bullets(
            "Objectiver la gêne des deux côtés.",
            "Préparer la rencontre entre voisins.",
            "(à compléter)",
        ),
    },
)

# --- published long ago, now « À actualiser » ----------------------------------------------

SUMMER_EVENINGS = DemoSheet(
    author="damien", pole="pays-de-la-loire", structure="Ville de Port-Lambert", target="needs_update",
    reviewer="animation",
    facets={
        "themes": ["espaces-publics-jeunesse", "presence-proximite", "conflits-voisinage"],
        "registers": ["presence-active", "gestion-conflits", "concertation"],
        "publics": ["jeunes", "habitants"],
        "public_detail": "Jeunes qui fréquentent les terrains en soirée ; riverains des terrains",
        "territory_kind": "qpv", "structure_kind": "commune",
        "periods": ["soiree", "ete"], "funders": ["commune", "contrat-de-ville"],
        "visibility": "members",
    },
    text={
        "title": "Soirées d'été : une présence de médiation autour des terrains de sport de proximité",
        "summary": "L'été, deux binômes de médiateurs sont présents en soirée autour des terrains de sport de deux "
                   "quartiers. Avec le service des sports, ils proposent des créneaux encadrés et font le lien avec "
                   "les riverains. Les appels pour bruit ont nettement baissé dès le deuxième été.",
        "territory": "Ville de Port-Lambert (fictive), deux quartiers prioritaires",
        "context": "Chaque été, les terrains de sport de proximité restaient occupés tard dans la soirée. Les "
                   "riverains appelaient la police municipale pour du bruit, les jeunes se sentaient chassés, et les "
                   "tensions montaient d'un été à l'autre.\n\n"
                   "L'équipe de nuit était appelée sur ces situations au détriment de ses tournées.",
        "objectives": numbered(
            "Faire baisser les tensions entre jeunes et riverains autour des terrains.",
            "Trouver des règles d'usage acceptées par tous : horaires, bruit, propreté.",
            "Proposer des activités encadrées en début de soirée.",
        ),
        "actions": numbered(
            "De juillet à fin août, deux binômes de médiateurs sont présents autour des terrains, du mardi au "
            "samedi, de 19 h à minuit.",
            "Avec le service des sports, des créneaux encadrés (tournois, initiations) sont proposés deux soirs par "
            "semaine jusqu'à 22 h.",
            "En début d'été, une rencontre entre riverains et jeunes, avec le bailleur et le centre social, fixe des "
            "règles d'usage affichées près des terrains.",
            "Les médiateurs rencontrent les riverains qui le souhaitent pour expliquer la démarche et entendre les "
            "gênes.",
            "Un bilan est fait en septembre avec tous les partenaires.",
        ),
        "period": "Chaque été depuis deux ans, de juillet à fin août ; du mardi au samedi en soirée "
                  "(19 h – minuit)",
        "human_resources": "4 médiateurs de l'équipe de nuit, renforcés par 2 saisonniers, et 1 coordinatrice ; "
                           "éducateurs sportifs du service des sports pour les créneaux encadrés.",
        "material_resources": "Matériel sportif prêté par le service des sports, panneaux des règles d'usage, "
                              "véhicule de service.",
        "budget_amount": "Environ 8 000 € par été (renforts saisonniers et matériel)",
        "budget": "Commune (service de médiation et service des sports) ; crédits du contrat de ville pour les "
                  "renforts saisonniers.",
        "partners": bullets(
            "Service des sports de la ville : créneaux encadrés, matériel.",
            "Centre social : rencontre de début d'été, lien avec les familles.",
            "Bailleur social : information des locataires, affichage.",
            "Police municipale : relais en cas de danger, sans patrouille commune.",
        ),
        "results": bullets(
            "Environ 35 % d'appels pour bruit en moins autour des terrains entre le premier et le deuxième été "
            "(main courante de la police municipale).",
            "Les règles d'usage ont été respectées la plupart des soirs, selon le carnet de bord des médiateurs.",
            "Une vingtaine de jeunes ont participé régulièrement aux créneaux encadrés.",
        ),
        "difficulties": bullets(
            "Les renforts saisonniers doivent être formés avant juillet, sinon ils sont mis en difficulté.",
            "Les règles d'usage perdent leur sens si personne ne les rappelle après 22 h.",
            "Certains riverains attendent une « évacuation » des terrains : il faut redire le rôle des médiateurs.",
        ),
        "success_factors": bullets(
            "La rencontre de début d'été entre riverains et jeunes.",
            "Des créneaux encadrés réguliers, annoncés à l'avance.",
            "Une présence aux mêmes horaires tout l'été.",
            "Un bilan partagé en septembre.",
        ),
        "perspectives": "Étendre le dispositif aux vacances de printemps ; associer les jeunes à l'écriture des "
                        "règles d'usage.",
        "contact": "Coordination de la médiation, Ville de Port-Lambert — mediation@port-lambert.example",
    },
)

SHEETS: tuple[DemoSheet, ...] = (LIAISON, PEERS, EVENING_LINES, ONLINE_RIGHTS, NOISE_GRID, SUMMER_EVENINGS)

# How long ago the « À actualiser » sheet was validated (the review period is 24 months).
DUE_SHEET_AGE_MONTHS = 26
