"""The demo sheets' texts and facets (domain.md §9.2 and three more).

All people, structures and places are fictitious; contacts are generic service addresses.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _numbered(*items: str) -> str:
    return "\n".join(f"{number}. {item}" for number, item in enumerate(items, 1))


def _bullets(*items: str) -> str:
    return "\n".join(f"- {item}" for item in items)


@dataclass(frozen=True)
class DemoSheet:
    """One demo sheet: who writes it, where it belongs, its text, and how far it goes."""

    author: str                    # key in PEOPLE
    pole: str                      # pole slug
    structure: str                 # structure name (forum.demo.accounts.STRUCTURES)
    text: dict[str, str]           # the text fields (forum.library.fields)
    facets: dict = field(default_factory=dict)   # themes, registers, publics… as slugs
    target: str = "published"      # draft | in_review | published | needs_update
    reviewer: str | None = None    # key in PEOPLE: who comments and validates
    comment: str = ""              # the reviewer's comment (in_review)
    attachment: bool = False       # the blank PDF model of the liaison form

    @property
    def title(self) -> str:
        return self.text["title"]


# --- §9.2, fiche 1 ----------------------------------------------------------------------

LIAISON = DemoSheet(
    author="referent", pole="bretagne", structure="Régie de quartier des Trois Rives", reviewer="animation",
    attachment=True,
    facets={
        "themes": ["mediation-de-nuit", "veille-technique", "habitat-social"],
        "registers": ["veille-technique", "mise-en-relation"],
        "publics": ["habitants", "professionnels"],
        "public_detail": "Locataires du parc social ; équipes de proximité des bailleurs",
        "territory_kind": "qpv", "structure_kind": "regie",
        "periods": ["soiree", "nuit"], "funders": ["bailleurs-tfpb", "commune"],
        "visibility": "public",
    },
    text={
        "title": "Fiche de liaison nuit → bailleur : traiter les problèmes techniques dès le lendemain",
        "summary": "Après chaque soirée, les correspondants de nuit remplissent sur smartphone une fiche courte des "
                   "dysfonctionnements repérés. Elle part automatiquement chez les bailleurs à 6 h. Le délai de "
                   "traitement a été divisé par trois.",
        "territory": "Commune de Saint-Aubin-des-Landes (fictive), 3 quartiers prioritaires, environ 2 800 logements "
                     "sociaux",
        "context": "Les correspondants de nuit repéraient chaque soir des pannes : éclairage de hall, porte d'entrée "
                   "bloquée ouverte, ascenseur à l'arrêt, encombrants dans les caves. Les informations restaient dans "
                   "le carnet de bord, étaient transmises oralement et se perdaient.\n\n"
                   "Les habitants avaient le sentiment que « rien ne bouge », ce qui fragilisait la crédibilité des "
                   "médiateurs.",
        "objectives": _numbered(
            "Transmettre 100 % des signalements techniques avant le début de journée des bailleurs.",
            "Réduire le délai de réparation.",
            "Pouvoir dire aux habitants ce qui a été fait.",
        ),
        "actions": _numbered(
            "Un formulaire mobile est rempli en fin de tournée. Il compte 6 catégories, définies avec les bailleurs : "
            "éclairage, accès et portes, ascenseur, propreté et encombrants, dégradations, fuite ou odeur.",
            "La localisation se limite au bâtiment et à l'entrée, jamais au logement. Les photos sont possibles, "
            "**sans personne ni plaque visible**.",
            "L'envoi groupé part à 6 h vers l'adresse générique de chaque bailleur. Le bailleur retourne le statut "
            "sous 72 h.",
            "Un point mensuel a lieu dans le cadre de la GUP, avec la ville et les bailleurs.",
            "Les médiateurs informent les habitants rencontrés des suites données.",
        ),
        "period": "Depuis 18 mois ; tous les soirs de tournée (19 h – 1 h)",
        "human_resources": "12 correspondants de nuit, 1 coordinateur ; côté bailleurs, 1 référent par organisme.",
        "material_resources": "Smartphones de service, formulaire en ligne, adresse e-mail générique par bailleur.",
        "budget_amount": "Environ 3 000 € la première année (outil et paramétrage)",
        "budget": "Bailleurs (actions financées par l'abattement de TFPB) et commune.",
        "partners": _bullets(
            "2 bailleurs sociaux : destinataires des fiches, retour de statut.",
            "Service propreté de la ville : encombrants sur le domaine public.",
            "Chef de projet GUP : animation du point mensuel.",
        ),
        "results": _bullets(
            "Délai moyen de traitement passé d'environ 12 jours à environ 4 jours.",
            "Environ 85 % des signalements ont un retour de statut.",
            "Les habitants rencontrés citent plus souvent les médiateurs comme « ceux qui font remonter ».",
            "Source : tableau de suivi mensuel partagé.",
        ),
        "difficulties": _bullets(
            "Doublons avec les signalements des gardiens : les catégories et les horaires ont été harmonisés.",
            "Au départ, des photos montraient des personnes : une consigne écrite et une case de vérification ont "
            "été ajoutées.",
            "Le retour d'information aux médiateurs doit être régulier, sinon la motivation baisse.",
        ),
        "success_factors": _bullets(
            "Catégories co-construites avec les bailleurs.",
            "Une adresse générique par bailleur (pas de boîte nominative).",
            "Un engagement écrit sur le délai de retour.",
            "Un point mensuel existant (GUP) pour suivre.",
        ),
        "perspectives": "Étendre au service de l'éclairage public ; partager les catégories avec l'équipe de jour.",
        "contact": "Coordination nuit, Régie des Trois Rives — coordination-nuit@regie-trois-rives.example",
    },
)

# --- §9.2, fiche 2 ----------------------------------------------------------------------

PEERS = DemoSheet(
    author="ines", pole="occitanie", structure="Association Médiation Sud Partage", reviewer="admin",
    facets={
        "themes": ["milieu-scolaire", "conflits-voisinage"],
        "registers": ["gestion-conflits", "information-sensibilisation"],
        "publics": ["eleves-familles", "professionnels"],
        "public_detail": "Élèves de CM1-CM2 ; indirectement, tous les élèves, les familles et les équipes "
                         "périscolaires",
        "territory_kind": "qpv", "structure_kind": "association",
        "periods": ["jour"], "funders": ["adultes-relais", "commune", "contrat-de-ville"],
        "visibility": "members",
    },
    text={
        "title": "Des élèves pair-médiateurs pour apaiser la cour de récréation",
        "summary": "Dans deux écoles élémentaires en REP+, une médiatrice forme chaque année une vingtaine d'élèves de "
                   "CM1-CM2 à la résolution des petits conflits. Les élèves interviennent en binôme pendant les "
                   "récréations, avec l'appui des équipes éducatives.",
        "territory": "Ville de Montclar-sur-Orb (fictive), un quartier prioritaire, 2 écoles élémentaires en REP+",
        "context": "Des conflits fréquents dans la cour finissaient souvent en punitions. Les enseignants passaient "
                   "beaucoup de temps à régler des « histoires » au retour de récréation. Quelques situations de "
                   "harcèlement ont été repérées tardivement.",
        "objectives": _numbered(
            "Développer chez les élèves l'écoute et l'expression des émotions.",
            "Diminuer les conflits qui remontent aux adultes.",
            "Repérer plus tôt les situations de harcèlement.",
            "Renforcer le lien avec les familles.",
        ),
        "actions": _numbered(
            "En octobre, la médiatrice présente le projet dans les classes. Les élèves volontaires rédigent une "
            "courte lettre de motivation.",
            "Les élèves retenus suivent une formation de 4 demi-journées : écoute, reformulation, règles de la "
            "médiation, savoir passer le relais à un adulte.",
            "Une réunion d'information est organisée pour les parents, puis l'autorisation parentale est recueillie.",
            "Les pair-médiateurs interviennent en binôme, avec un signe distinctif, sur un créneau de récréation par "
            "jour.",
            "Une médiatrice adulte est présente 2 demi-journées par semaine dans chaque établissement. Elle fait un "
            "point hebdomadaire avec les pair-médiateurs et un bilan par trimestre avec l'équipe enseignante.",
            "Règle claire : les situations graves (violence, harcèlement) sont **toujours** confiées à un adulte.",
        ),
        "period": "Année scolaire, reconduite depuis 3 ans ; un créneau de récréation par jour",
        "human_resources": "1 médiatrice à mi-temps sur les deux écoles ; appui d'une coordinatrice (0,1 ETP).",
        "fte": "0,6",
        "material_resources": "Signes distinctifs (chasubles), supports de formation, cahier de suivi anonymisé "
                              "(dates, types de conflits, issues). Trame de formation en 4 séances et modèle "
                              "d'autorisation parentale vierge.",
        "budget_amount": "Environ 22 000 € par an",
        "budget": "Poste adulte-relais, complété par la ville et des crédits du contrat de ville.",
        "partners": _bullets(
            "Directions d'école et équipes enseignantes : co-pilotage.",
            "Circonscription de l'Éducation nationale : validation.",
            "Service périscolaire de la ville : relais sur le temps de midi.",
            "Associations de parents.",
        ),
        "results": _bullets(
            "Environ 40 % de conflits en moins remontés aux adultes entre octobre et juin (cahier de suivi).",
            "Questionnaire climat scolaire : plus d'élèves déclarent « se sentir bien » dans la cour.",
            "Deux situations de harcèlement repérées plus tôt grâce aux pair-médiateurs.",
        ),
        "difficulties": _bullets(
            "Le turn-over des animateurs périscolaires oblige à refaire une information chaque trimestre.",
            "Les pair-médiateurs ne doivent pas porter des situations trop lourdes : la règle du relais est rappelée "
            "chaque semaine.",
            "Certains parents craignent le temps « perdu » : montrer que la formation a lieu sur des temps choisis "
            "avec les enseignants.",
        ),
        "success_factors": _bullets(
            "Un portage clair par la direction d'école.",
            "Le volontariat des élèves.",
            "Une médiatrice adulte identifiée et présente.",
            "Une communication régulière avec les familles.",
        ),
        "perspectives": "Étendre au collège de secteur pour assurer la continuité CM2 → 6e.",
        "contact": "Pôle médiation scolaire, Médiation Sud Partage — mediation-scolaire@sud-partage.example",
    },
)

# --- §9.2, fiche 3 ----------------------------------------------------------------------

EVENING_LINES = DemoSheet(
    author="val_de_brenne", pole="centre-val-de-loire", structure="Service médiation du réseau Val de Brenne",
    reviewer="admin",
    facets={
        "themes": ["transports", "securite-equipes", "presence-proximite"],
        "registers": ["presence-active", "gestion-conflits", "mise-en-relation"],
        "publics": ["voyageurs", "professionnels", "habitants"],
        "public_detail": "Voyageurs en soirée, conducteurs, habitants des quartiers desservis",
        "territory_kind": "reseau-transport", "structure_kind": "transporteur",
        "periods": ["soiree", "week-end", "ete"], "funders": ["epci", "fipd"],
        "visibility": "members",
    },
    text={
        "title": "Binômes sur les lignes de soirée et débriefing systématique après incident",
        "summary": "Sur trois lignes de bus de soirée, des binômes de médiateurs assurent une présence de 18 h à "
                   "0 h 30, reliés au PC. Chaque service se termine par un débriefing de 15 minutes, et chaque mois "
                   "par une analyse de pratiques. Les incidents ont baissé et les arrêts de travail après agression "
                   "aussi.",
        "territory": "Communauté d'agglomération du Val de Brenne (fictive), réseau urbain de bus, 3 lignes "
                     "desservant deux quartiers prioritaires",
        "context": "Des incivilités se concentraient en soirée au terminus : montées sans validation, conflits avec "
                   "les conducteurs, regroupements. Deux agressions verbales graves contre des médiateurs avaient été "
                   "suivies d'arrêts de travail et d'un départ de l'équipe.\n\n"
                   "L'action est portée par le service médiation de l'exploitant du réseau, mandaté par "
                   "l'agglomération (autorité organisatrice des mobilités).",
        "objectives": _numbered(
            "Apaiser les fins de ligne.",
            "Soutenir les conducteurs.",
            "Protéger la santé des médiateurs.",
            "Analyser collectivement les situations difficiles pour améliorer les pratiques.",
        ),
        "actions": _numbered(
            "3 binômes travaillent de 18 h à 0 h 30, du jeudi au samedi. Ils sont présents à bord et aux arrêts "
            "sensibles, et gardent un lien radio permanent avec le PC.",
            "Des consignes écrites de retrait et de passage de relais (police, secours) s'appliquent ; personne "
            "n'intervient jamais seul.",
            "Un **débriefing de 15 minutes** clôt chaque service : faits marquants, ressenti, suites à donner. La "
            "trace écrite se limite aux faits, sans identité des voyageurs.",
            "Une **analyse de pratiques mensuelle** (2 h) est animée par un intervenant extérieur.",
            "Les conducteurs concernés sont informés des suites données aux incidents.",
        ),
        "period": "Depuis 2 ans ; du jeudi au samedi en soirée (18 h – 0 h 30), renforcement l'été",
        "human_resources": "6 agents de médiation (titre AMIS ou en cours), 1 coordinateur ; intervenant extérieur "
                           "pour l'analyse de pratiques.",
        "material_resources": "Radios reliées au PC, tenues identifiables, téléphone de service, trame de débriefing "
                              "(1 page), fiche « consignes de retrait » (version anonymisée).",
        "budget_amount": "Environ 6 000 € par an pour l'analyse de pratiques et les formations",
        "budget": "Service intégré au contrat d'exploitation du réseau (AOM) ; analyse de pratiques et formations "
                  "cofinancées par le FIPD.",
        "partners": _bullets(
            "Agglomération (AOM) : mandat du service.",
            "PC de l'exploitant : lien radio, consignes de retrait.",
            "Police municipale et nationale : relais en cas de danger.",
            "Centres sociaux des deux quartiers : actions de sensibilisation.",
        ),
        "results": _bullets(
            "Environ 30 % de signalements d'incivilités en moins par les conducteurs sur les 3 lignes (première "
            "année).",
            "Aucun arrêt de travail lié à une agression la deuxième année.",
            "Les médiateurs disent se sentir « moins seuls avec ce qu'ils vivent » (entretiens annuels).",
        ),
        "difficulties": _bullets(
            "Le débriefing est vite sacrifié quand le service finit tard : il est compté dans le temps de travail.",
            "Les écrits de débriefing doivent rester factuels : relecture par le coordinateur et rappel des règles "
            "de confidentialité.",
            "Il a fallu faire accepter l'analyse de pratiques par des agents qui craignaient d'être jugés.",
        ),
        "success_factors": _bullets(
            "Un temps de débriefing payé et protégé.",
            "Des consignes de retrait écrites et connues du PC.",
            "Un intervenant extérieur neutre.",
            "Un retour systématique aux conducteurs.",
        ),
        "perspectives": "Associer les conducteurs volontaires à une séance d'analyse de pratiques par trimestre.",
        "contact": "Coordination médiation réseau, Val de Brenne — mediation-reseau@valdebrenne.example",
    },
)

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
        "objectives": _numbered(
            "Aider les habitants à faire leurs démarches sans faire à leur place.",
            "Ne jamais connaître, noter ni conserver un identifiant ou un mot de passe.",
            "Rendre les personnes plus autonomes d'une démarche à l'autre.",
            "Orienter vers un aidant habilité quand il faut agir pour le compte de la personne.",
        ),
        "actions": _numbered(
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
        "partners": _bullets(
            "CAF et caisse de retraite : fiches pas à pas, interlocuteur dédié pour les situations bloquées.",
            "Centre communal d'action sociale : orientation des situations urgentes.",
            "Médiathèque : ateliers d'initiation au numérique.",
            "Structure habilitée Aidants Connect du territoire : démarches faites pour le compte de la personne.",
        ),
        "results": _bullets(
            "Plus aucun identifiant ni mot de passe conservé par l'équipe (vérifié à chaque point mensuel).",
            "Environ 1 000 accompagnements sur l'année.",
            "Environ un tiers des personnes qui reviennent font désormais une partie de la démarche seules.",
            "Source : tableau de fréquentation anonyme (date, type de démarche, niveau d'autonomie).",
        ),
        "difficulties": _bullets(
            "Certaines personnes insistent pour qu'on fasse à leur place : il faut du temps pour expliquer la règle.",
            "Les démarches urgentes (droits suspendus) mettent la règle sous tension : l'orientation doit être "
            "rapide.",
            "Au début, chaque accompagnement prend plus de temps.",
        ),
        "success_factors": _bullets(
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
        "objectives": _bullets(
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
        "objectives": _numbered(
            "Faire baisser les tensions entre jeunes et riverains autour des terrains.",
            "Trouver des règles d'usage acceptées par tous : horaires, bruit, propreté.",
            "Proposer des activités encadrées en début de soirée.",
        ),
        "actions": _numbered(
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
        "partners": _bullets(
            "Service des sports de la ville : créneaux encadrés, matériel.",
            "Centre social : rencontre de début d'été, lien avec les familles.",
            "Bailleur social : information des locataires, affichage.",
            "Police municipale : relais en cas de danger, sans patrouille commune.",
        ),
        "results": _bullets(
            "Environ 35 % d'appels pour bruit en moins autour des terrains entre le premier et le deuxième été "
            "(main courante de la police municipale).",
            "Les règles d'usage ont été respectées la plupart des soirs, selon le carnet de bord des médiateurs.",
            "Une vingtaine de jeunes ont participé régulièrement aux créneaux encadrés.",
        ),
        "difficulties": _bullets(
            "Les renforts saisonniers doivent être formés avant juillet, sinon ils sont mis en difficulté.",
            "Les règles d'usage perdent leur sens si personne ne les rappelle après 22 h.",
            "Certains riverains attendent une « évacuation » des terrains : il faut redire le rôle des médiateurs.",
        ),
        "success_factors": _bullets(
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
