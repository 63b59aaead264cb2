"""The demo sheets' form and the texts and facets of the three published sheets of domain.md §9.2.

All people, structures and places are fictitious; contacts are generic service addresses.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def numbered(*items: str) -> str:
    """A Markdown numbered list."""
    return "\n".join(f"{number}. {item}" for number, item in enumerate(items, 1))


def bullets(*items: str) -> str:
    """A Markdown bulleted list."""
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
        "objectives": numbered(
            "Transmettre 100 % des signalements techniques avant le début de journée des bailleurs.",
            "Réduire le délai de réparation.",
            "Pouvoir dire aux habitants ce qui a été fait.",
        ),
        "actions": numbered(
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
        "partners": bullets(
            "2 bailleurs sociaux : destinataires des fiches, retour de statut.",
            "Service propreté de la ville : encombrants sur le domaine public.",
            "Chef de projet GUP : animation du point mensuel.",
        ),
        "results": bullets(
            "Délai moyen de traitement passé d'environ 12 jours à environ 4 jours.",
            "Environ 85 % des signalements ont un retour de statut.",
            "Les habitants rencontrés citent plus souvent les médiateurs comme « ceux qui font remonter ».",
            "Source : tableau de suivi mensuel partagé.",
        ),
        "difficulties": bullets(
            "Doublons avec les signalements des gardiens : les catégories et les horaires ont été harmonisés.",
            "Au départ, des photos montraient des personnes : une consigne écrite et une case de vérification ont "
            "été ajoutées.",
            "Le retour d'information aux médiateurs doit être régulier, sinon la motivation baisse.",
        ),
        "success_factors": bullets(
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
        "objectives": numbered(
            "Développer chez les élèves l'écoute et l'expression des émotions.",
            "Diminuer les conflits qui remontent aux adultes.",
            "Repérer plus tôt les situations de harcèlement.",
            "Renforcer le lien avec les familles.",
        ),
        "actions": numbered(
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
        "partners": bullets(
            "Directions d'école et équipes enseignantes : co-pilotage.",
            "Circonscription de l'Éducation nationale : validation.",
            "Service périscolaire de la ville : relais sur le temps de midi.",
            "Associations de parents.",
        ),
        "results": bullets(
            "Environ 40 % de conflits en moins remontés aux adultes entre octobre et juin (cahier de suivi).",
            "Questionnaire climat scolaire : plus d'élèves déclarent « se sentir bien » dans la cour.",
            "Deux situations de harcèlement repérées plus tôt grâce aux pair-médiateurs.",
        ),
        "difficulties": bullets(
            "Le turn-over des animateurs périscolaires oblige à refaire une information chaque trimestre.",
            "Les pair-médiateurs ne doivent pas porter des situations trop lourdes : la règle du relais est rappelée "
            "chaque semaine.",
            "Certains parents craignent le temps « perdu » : montrer que la formation a lieu sur des temps choisis "
            "avec les enseignants.",
        ),
        "success_factors": bullets(
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
        "objectives": numbered(
            "Apaiser les fins de ligne.",
            "Soutenir les conducteurs.",
            "Protéger la santé des médiateurs.",
            "Analyser collectivement les situations difficiles pour améliorer les pratiques.",
        ),
        "actions": numbered(
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
        "partners": bullets(
            "Agglomération (AOM) : mandat du service.",
            "PC de l'exploitant : lien radio, consignes de retrait.",
            "Police municipale et nationale : relais en cas de danger.",
            "Centres sociaux des deux quartiers : actions de sensibilisation.",
        ),
        "results": bullets(
            "Environ 30 % de signalements d'incivilités en moins par les conducteurs sur les 3 lignes (première "
            "année).",
            "Aucun arrêt de travail lié à une agression la deuxième année.",
            "Les médiateurs disent se sentir « moins seuls avec ce qu'ils vivent » (entretiens annuels).",
        ),
        "difficulties": bullets(
            "Le débriefing est vite sacrifié quand le service finit tard : il est compté dans le temps de travail.",
            "Les écrits de débriefing doivent rester factuels : relecture par le coordinateur et rappel des règles "
            "de confidentialité.",
            "Il a fallu faire accepter l'analyse de pratiques par des agents qui craignaient d'être jugés.",
        ),
        "success_factors": bullets(
            "Un temps de débriefing payé et protégé.",
            "Des consignes de retrait écrites et connues du PC.",
            "Un intervenant extérieur neutre.",
            "Un retour systématique aux conducteurs.",
        ),
        "perspectives": "Associer les conducteurs volontaires à une séance d'analyse de pratiques par trimestre.",
        "contact": "Coordination médiation réseau, Val de Brenne — mediation-reseau@valdebrenne.example",
    },
)
