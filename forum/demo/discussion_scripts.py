"""The six demo questions of the field and what the demo members answer (fictitious, guard-proof).

Each script receives the demo people by short key and the topic just opened, and writes
its replies, reactions, solution and read state through the real actions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from forum.accounts.models import User
from forum.discussions.actions import mark_solution, reply, toggle_reaction
from forum.discussions.models import Post, ReactionKind, Topic
from forum.notifications.actions import mark_read, set_subscription
from forum.notifications.models import SubscriptionLevel

THANKS, USEFUL = ReactionKind.THANKS, ReactionKind.USEFUL


def _text(*paragraphs: str) -> str:
    """A post body: one paragraph per argument (single newlines become line breaks)."""
    return "\n\n".join(paragraphs)


def _react(p: dict[str, User], post: Post, *reactions: tuple[str, str]) -> None:
    for who, kind in reactions:
        toggle_reaction(p[who], post, kind)


# --- Q1 -------------------------------------------------------------------------------

def _q1(p: dict[str, User], topic: Topic) -> None:
    karim = reply(p["referent"], topic, _text(
        "Bonsoir Damien,",
        "Nous avons vécu exactement la même chose il y a deux ans. Ce qui a débloqué la situation chez nous :",
        "1. **Un seuil écrit.** Au troisième passage pour la même situation en quinze jours, on bascule en "
        "médiation en différé. On continue à répondre au téléphone, mais le binôme ne se déplace plus que s'il y "
        "a un risque pour quelqu'un.\n"
        "2. **La navette d'abord.** On rencontre chaque voisin séparément, en journée ou en début de soirée, "
        "jamais au moment du bruit. Souvent, le voisin du dessus ne se rend pas compte de ce qui s'entend "
        "(sol mal isolé, horaires décalés, enfants).\n"
        "3. **La rencontre ensuite**, seulement si les deux sont d'accord, dans un lieu neutre (local associatif, "
        "salle du bailleur), avec deux médiateurs.\n"
        "4. **Un point d'étape** un mois plus tard, par téléphone avec chacun.",
        "Pour le bailleur, nous avons sorti les chiffres du carnet de bord : nombre de passages, durée moyenne, "
        "résultat. Quand il a vu qu'un binôme passait près d'un tiers de ses soirées sur une seule situation, "
        "sans amélioration, il a accepté la règle. Elle est maintenant écrite dans la convention annuelle, avec "
        "un retour écrit au bailleur à chaque bascule en différé : l'étape en cours, aucun détail sur les "
        "personnes.",
        "Résultat : la plupart des situations se règlent en deux ou trois rencontres, et les soirées sont de "
        "nouveau disponibles pour les tournées.",
    ))
    lea = reply(p["lea"], topic, _text(
        "Je confirme côté terrain. Deux choses nous aident beaucoup :",
        "- dès le deuxième appel, on explique à la personne qui appelle ce qui va se passer ensuite (« la "
        "prochaine étape, c'est qu'on rencontre votre voisin, puis qu'on vous propose de vous voir tous "
        "ensemble »). Les gens acceptent mieux d'attendre quand ils savent qu'il y a une suite ;\n"
        "- pendant la navette, on propose à chacun de noter pendant une semaine les moments où le bruit gêne "
        "(ou, de l'autre côté, les moments où il y a de l'activité). On parle alors de faits, plus de « il le "
        "fait exprès ».",
        "Et on garde toujours la possibilité de passer le soir si ça dégénère (cris, menaces) : le seuil "
        "concerne le bruit du quotidien, pas les urgences.",
    ), reply_to=karim)
    # Léa read the topic up to her own reply; what follows stays unread for her.
    mark_read(p["lea"], topic, lea.number, True)
    reply(p["animation"], topic, _text(
        "Merci pour ces retours très concrets.",
        "@Léa Morvan, est-ce que vous pourriez partager ici la grille d'observation dont vous parlez, en version "
        "vierge ? D'autres équipes du pôle la réclament.",
        "Damien, si vous le souhaitez, on peut mettre le sujet à l'ordre du jour de la prochaine rencontre du "
        "pôle Pays de la Loire : plusieurs villes ont des conventions avec leur bailleur qui fixent ce type de "
        "limite, ce serait utile de les comparer.",
    ))
    damien = reply(p["damien"], topic, _text(
        "Merci à tous, c'est exactement ce qu'il me fallait.",
        "J'ai présenté la règle du troisième passage à notre responsable, avec les chiffres de notre carnet de "
        "bord sur les deux derniers mois. Elle la proposera au bailleur au prochain comité de suivi. En "
        "attendant, on commence la navette dès la semaine prochaine. Je vous dirai comment ça se passe.",
        "(Certains détails de ma première question ont été modifiés.)",
    ), reply_to=karim)
    mark_solution(p["damien"], karim)
    _react(p, karim, ("damien", THANKS), ("damien", USEFUL), ("animation", USEFUL), ("teddy", USEFUL),
           ("lea", THANKS))
    _react(p, lea, ("damien", THANKS), ("admin", USEFUL), ("referent", THANKS))
    _react(p, damien, ("referent", THANKS))


# --- Q2 -------------------------------------------------------------------------------

def _q2(p: dict[str, User], topic: Topic) -> None:
    nadia = reply(p["admin"], topic, _text(
        "Bonjour Aurélie,",
        "Le service médiation du réseau Val de Brenne (pôle Centre-Val de Loire) a fait le choix du binôme à "
        "bord il y a deux ans, sur trois lignes de soirée, du jeudi au samedi. Le binôme garde un lien radio "
        "permanent avec le PC et chaque service se termine par un débriefing d'un quart d'heure.",
        "Leur constat : la présence à bord rassure les conducteurs bien plus qu'une équipe qui arrive après "
        "coup, et les tensions au terminus ont nettement baissé quand les voyageurs ont pris l'habitude de voir "
        "les mêmes visages. Ils ont aussi mis en place une analyse de pratiques mensuelle avec un intervenant "
        "extérieur, qui a beaucoup compté après des agressions verbales.",
        "Je leur propose de venir témoigner dans cette discussion.",
    ))
    julien = reply(p["moderation"], topic, _text(
        "Sur le retrait, quel que soit le format, ce qui fait la différence :",
        "- des consignes écrites, connues des agents **et** des conducteurs, validées avec le PC ;\n"
        "- un code simple à la radio pour annoncer que le binôme se retire, sans avoir à s'expliquer devant les "
        "voyageurs ;\n"
        "- la règle « on ne reste jamais seul, on ne poursuit jamais » ;\n"
        "- le passage de relais prévu à l'avance (police, secours) : qui appelle, qui attend où ;\n"
        "- un débriefing le soir même, même court, avec une trace écrite limitée aux faits, sans identité des "
        "voyageurs.",
        "Pour l'équipe mobile, attention au temps de trajet : une tension au terminus dure souvent moins "
        "longtemps que le temps qu'il faut pour arriver.",
    ))
    teddy = reply(p["teddy"], topic, _text(
        "Chez nous, on a testé l'équipe mobile en véhicule sur des lignes de cars entre les hauts et le littoral. "
        "Utile pour couvrir les arrêts isolés, mais les conducteurs nous ont dit qu'ils se sentaient seuls entre "
        "deux passages.",
        "On est revenus à un format mixte : le véhicule sert à se déplacer d'un point à l'autre, mais l'équipe "
        "monte à bord pour les derniers trajets de la soirée. Autre avantage du véhicule : il ramène l'équipe en "
        "fin de service, ce qui compte quand on finit tard.",
    ))
    reply(p["aurelie"], topic, _text(
        "Merci Nadia, oui, je veux bien échanger avec eux.",
        "Avec six agents, nous ne pourrons pas faire à la fois du binôme à bord et une équipe mobile. La piste "
        "qui se dessine ressemble à ce que décrit Teddy : binôme à bord sur la ligne la plus tendue, puis "
        "présence au terminus à l'heure des derniers départs le vendredi. Je note aussi le code radio pour le "
        "retrait, nous n'en avons pas aujourd'hui.",
    ), reply_to=nadia)
    _react(p, nadia, ("aurelie", THANKS))
    _react(p, julien, ("aurelie", USEFUL), ("referent", USEFUL), ("teddy", USEFUL))
    _react(p, teddy, ("aurelie", USEFUL))


# --- Q3 -------------------------------------------------------------------------------

def _q3(p: dict[str, User], topic: Topic) -> None:
    sophie = reply(p["animation"], topic, _text(
        "Bonjour Inès,",
        "Dans les écoles où la régie intervient, la présentation aux familles se fait en trois temps :",
        "1. un mot court dans le cahier de liaison, qui annonce le projet et la date d'une rencontre ;\n"
        "2. un café des parents animé par la médiatrice, avec un ou deux anciens pair-médiateurs qui racontent "
        "leur année. C'est de loin ce qui convainc le plus ;\n"
        "3. l'autorisation, envoyée seulement après la rencontre.",
        "Sur la peur des cours « ratés » : montrez le calendrier des séances de formation, calé avec les "
        "enseignants sur des temps qu'ils ont choisis, et rappelez que les interventions se font pendant la "
        "récréation. Sur la peur d'être mêlé aux histoires des autres : expliquez la règle du relais. Les "
        "situations graves ne sont jamais gérées par les enfants, elles sont toujours confiées à un adulte.",
    ))
    nadia = reply(p["admin"], topic, _text(
        "Pour l'autorisation parentale, un modèle simple tient sur une page. Les rubriques :",
        "- le projet en quelques lignes et son objectif (apprendre à écouter et à apaiser les petits conflits) ;\n"
        "- le calendrier des séances de formation et le créneau d'intervention ;\n"
        "- ce à quoi l'élève s'engage : volontariat, discrétion sur ce qu'il entend, relais à un adulte ;\n"
        "- la possibilité d'arrêter à tout moment, sans avoir à se justifier ;\n"
        "- la signature des responsables légaux.",
        "Le document signé reste à l'école. Inutile de demander autre chose que ce qui sert au projet.",
    ))
    reply(p["ines"], topic, _text(
        "Merci Sophie, l'idée de faire témoigner d'anciens pair-médiateurs au café des parents est excellente, "
        "je la garde. On fera aussi une présentation courte à la réunion de rentrée de chaque école.",
        "Et merci Nadia pour les rubriques : je reprends cette trame pour notre modèle.",
    ), reply_to=sophie)
    mark_solution(p["ines"], sophie)
    _react(p, sophie, ("ines", THANKS), ("ines", USEFUL), ("referent", USEFUL))
    _react(p, nadia, ("ines", THANKS), ("teddy", USEFUL))
    # Léa read this topic to the end.
    mark_read(p["lea"], topic, topic.post_count, True)


# --- Q4 -------------------------------------------------------------------------------

def _q4(p: dict[str, User], topic: Topic) -> None:
    julien = reply(p["moderation"], topic, _text(
        "Bonjour Yacine,",
        "Vous avez eu le bon réflexe avec le cahier. La règle que nous recommandons : aucun identifiant noté ni "
        "conservé, jamais de connexion sans la personne à côté, et c'est elle qui tape son mot de passe (on "
        "tourne l'écran, on regarde ailleurs).",
        "Quand la personne ne peut vraiment pas le faire elle-même, il existe un cadre : **Aidants Connect**. "
        "L'aidant habilité fait la démarche pour le compte de la personne, avec un mandat qu'elle accepte, "
        "limité dans le temps et à certaines démarches. La structure doit être habilitée et les aidants suivent "
        "une courte formation.",
        "Ça protège la personne, et ça vous protège aussi : en cas de litige, vous n'avez jamais eu son mot de "
        "passe.",
    ))
    karim = reply(p["referent"], topic, _text(
        "Pour les personnes qui insistent, nous avons une phrase toute prête à l'accueil : « Je ne garde pas "
        "vos codes pour vous protéger : si quelqu'un les trouvait, il aurait accès à votre argent et à vos "
        "papiers. »",
        "Ensuite, on avance en trois temps sur les démarches qui reviennent souvent : je montre, on fait "
        "ensemble, vous faites et je regarde. En quelques rendez-vous, beaucoup de personnes deviennent "
        "autonomes sur une démarche, et elles en sont fières.",
    ), reply_to=julien)
    yacine = reply(p["yacine"], topic, _text(
        "Merci, c'est très clair. Nous allons demander l'habilitation Aidants Connect pour le PIMMS. En "
        "attendant, on applique la règle « la personne tape elle-même » et la phrase de Karim est affichée au "
        "poste d'accueil.",
    ), reply_to=julien)
    mark_solution(p["yacine"], julien)
    _react(p, julien, ("yacine", THANKS), ("yacine", USEFUL), ("admin", USEFUL), ("claire", USEFUL))
    _react(p, karim, ("yacine", THANKS), ("lea", USEFUL))
    _react(p, yacine, ("moderation", THANKS))
    mark_read(p["lea"], topic, topic.post_count, True)


# --- Q5 -------------------------------------------------------------------------------

def _q5(p: dict[str, User], topic: Topic) -> None:
    julien = reply(p["moderation"], topic, _text(
        "Bonjour Claire,",
        "Vous avez raison de vous poser la question. La charte de référence de la médiation sociale et la norme "
        "AFNOR posent le même principe : discrétion et confidentialité. Une information n'est utilisée qu'avec "
        "l'accord de la personne qui l'a donnée, en dehors des obligations légales (personne en danger, "
        "signalement d'un enfant en danger), qui passent par la voie hiérarchique et non par la cellule de "
        "veille.",
        "Concrètement, vous pouvez partager des constats collectifs : lieux, tranches horaires, types de "
        "troubles, évolution dans le temps, et ce que vous avez déjà tenté. Pas de noms, pas de description qui "
        "permette de reconnaître quelqu'un.",
        "Le plus efficace est une note écrite d'une page, validée par votre élu, présentée au coordonnateur du "
        "CLSPD. Elle évite de rejouer le débat à chaque réunion, et vos médiateurs savent quoi répondre.",
    ))
    # Léa follows the topic and read its beginning; the later replies stay unread.
    set_subscription(p["lea"], topic, SubscriptionLevel.FOLLOW)
    mark_read(p["lea"], topic, julien.number, True)
    karim = reply(p["referent"], topic, _text(
        "Chez nous, la cellule de veille a adopté une charte d'échange d'informations, signée par chaque "
        "institution membre. Elle distingue trois niveaux :",
        "- ce qu'on partage toujours : les constats anonymes (lieux, horaires, types de troubles) ;\n"
        "- ce qu'on partage avec l'accord de la personne : une orientation vers un partenaire, par exemple la "
        "prévention spécialisée ;\n"
        "- ce qu'on ne partage jamais : noms, identités, éléments de vie privée.",
        "Elle a mis quelques mois à être acceptée. Ce qui a convaincu : expliquer que si les jeunes apprennent "
        "qu'on donne des noms, on ne peut plus aller vers eux, et plus personne ne sait ce qui se passe dans "
        "le hall. Depuis, on ne nous demande plus de noms.",
    ))
    claire = reply(p["claire"], topic, _text(
        "Merci, c'est exactement l'appui qu'il me fallait. Je vais rédiger une note d'une page pour le "
        "coordonnateur du CLSPD, avec nos constats collectifs par secteur et par tranche horaire, et proposer "
        "que la prévention spécialisée vienne présenter son travail avec les jeunes à la prochaine cellule.",
        "Est-ce que quelqu'un aurait un exemple de rédaction de charte d'échange ?",
    ), reply_to=julien)
    nadia = reply(p["admin"], topic, _text(
        "@Karim Haddad, seriez-vous d'accord pour partager la charte de votre cellule de veille, sans les noms "
        "des signataires ? Elle répondrait à la question de Claire.",
        "Le sujet revient souvent dans les pôles : nous le proposerons pour la prochaine rencontre nationale.",
    ), reply_to=claire)
    _react(p, julien, ("claire", THANKS), ("animation", USEFUL), ("referent", USEFUL))
    _react(p, karim, ("claire", USEFUL), ("admin", USEFUL))
    _react(p, nadia, ("claire", THANKS))


# --- Q6 -------------------------------------------------------------------------------

def _q6(p: dict[str, User], topic: Topic) -> None:
    karim = reply(p["referent"], topic, _text(
        "Bonjour Teddy,",
        "Nous avons accompagné deux parcours de ce type, un par VAE et un par la formation.",
        "- **VAE** : compter environ un an entre la recevabilité et le jury. La personne écrit son dossier en "
        "décrivant ses activités réelles ; un accompagnateur extérieur l'aide à le structurer. On lui a laissé "
        "une demi-journée par semaine sur le temps de travail, planifiée un trimestre à l'avance.\n"
        "- **Formation au titre MSADS** : plusieurs mois, en alternance avec des périodes en structure. Plus "
        "lourd pour le planning, mais plus rassurant pour quelqu'un qui n'a pas l'habitude de l'écrit.",
        "Côté financement, nous avons combiné le compte personnel de formation de la personne et une prise en "
        "charge par notre opérateur de compétences. Renseignez-vous tôt : les délais de réponse sont longs.",
    ))
    yacine = reply(p["yacine"], topic, _text(
        "Je suis moi-même adulte-relais et je prépare le titre MSADS par la VAE.",
        "Mon conseil : commencer dès maintenant à garder une trace de ses activités, par types (démarches "
        "accompagnées, médiations, partenaires sollicités), sans aucun nom de personne. Quand arrive le "
        "dossier, on a la matière, et on ne dépend pas de sa mémoire.",
    ), reply_to=karim)
    nadia = reply(p["admin"], topic, _text(
        "Pour le maintien du poste : la convention adulte-relais est renouvelable. Préparez la demande avec le "
        "délégué du préfet au moins six mois avant l'échéance, avec un bilan d'activité chiffré (nombre de "
        "médiations, orientations, partenaires) et quelques situations types, généralisées.",
        "Un médiateur en cours de qualification est un argument fort : il montre que le poste est pérenne et "
        "que la structure investit dans la professionnalisation.",
    ))
    reply(p["teddy"], topic, _text(
        "Merci à vous trois. Nous partons sur la VAE, avec une demi-journée par semaine réservée dans le "
        "planning, et je prends rendez-vous avec le délégué du préfet le mois prochain.",
    ), reply_to=karim)
    _react(p, karim, ("teddy", THANKS), ("teddy", USEFUL), ("yacine", USEFUL))
    _react(p, yacine, ("teddy", THANKS), ("referent", THANKS), ("lea", USEFUL))
    _react(p, nadia, ("teddy", USEFUL), ("claire", USEFUL))
    mark_read(p["lea"], topic, topic.post_count, True)


# --- the six questions (domain.md §9.1) ------------------------------------------------

@dataclass(frozen=True)
class Question:
    title: str
    pole: str
    theme: str
    author: str
    body: str
    script: Callable[[dict[str, User], Topic], None]


QUESTIONS = (
    Question(
        "Appels répétés pour du bruit : comment sortir de « un appel = un passage » ?",
        "pays-de-la-loire", "mediation-de-nuit", "damien", _text(
            "Bonsoir à tous,",
            "Depuis deux mois, dans une résidence que nous couvrons (environ 150 logements, un seul bailleur), un "
            "locataire nous appelle presque tous les soirs pour du bruit venant de l'appartement du dessus. On "
            "passe, on sonne ; parfois ça se calme, parfois personne n'ouvre. Le bailleur souhaite qu'on continue "
            "à intervenir à chaque appel. Résultat : un binôme est bloqué une bonne partie de la soirée et on "
            "tourne en rond.",
            "Avez-vous réussi à passer à une médiation en différé (navette, puis rencontre entre voisins) dans ce "
            "genre de cas ? Comment l'avez-vous présenté au bailleur ? Et fixez-vous une limite au nombre de "
            "passages pour une même situation ?",
            "(Certains détails ont été modifiés.)",
        ), _q1),
    Question(
        "Lignes de soirée : binôme à bord ou équipe mobile en véhicule ?",
        "hauts-de-france", "transports", "aurelie", _text(
            "Bonjour,",
            "Sur notre réseau (agglomération moyenne), nous avons 6 agents de médiation et deux lignes de soirée "
            "où les tensions se concentrent au terminus, surtout le vendredi. Aujourd'hui le binôme reste à bord "
            "d'un bus à l'autre. La direction réfléchit à une équipe mobile en véhicule qui rejoindrait les points "
            "chauds.",
            "Ceux qui ont testé les deux : qu'est-ce qui marche le mieux pour la présence auprès des conducteurs "
            "et des voyageurs ? Comment organisez-vous le lien avec le PC et les consignes de retrait quand ça "
            "dégénère ?",
        ), _q2),
    Question(
        "Médiation par les pairs : comment associer les familles sans alourdir le projet ?",
        "occitanie", "milieu-scolaire", "ines", _text(
            "Bonjour à toutes et tous,",
            "Cette année, on lance la médiation par les pairs dans deux écoles élémentaires (CM1-CM2). Les "
            "enseignants suivent, les élèves sont motivés. Mais certains parents ont peur que leur enfant « rate "
            "des cours » ou se retrouve mêlé aux histoires des autres.",
            "Comment présentez-vous le projet aux familles ? Réunion, courrier, café des parents ? Et pour "
            "l'autorisation parentale, vous avez un modèle que vous pourriez partager (sans nom, bien sûr) ?",
        ), _q3),
    Question(
        "Des habitants nous donnent leurs mots de passe : où placer la limite ?",
        "ile-de-france", "acces-aux-droits", "yacine", _text(
            "Bonjour,",
            "À la permanence, de plus en plus de personnes nous demandent de faire leurs démarches en ligne à leur "
            "place (CAF, impôts, prise de rendez-vous) et nous donnent leurs identifiants. Un collègue notait même "
            "des mots de passe sur un cahier « pour aller plus vite » ; on a arrêté tout de suite.",
            "Comment faites-vous pour aider sans faire à la place et sans garder aucun code ? Est-ce que certains "
            "utilisent un dispositif d'habilitation d'aidants (type Aidants Connect) ? Comment l'expliquez-vous "
            "aux personnes qui insistent ?",
        ), _q4),
    Question(
        "Cellule de veille du CLSPD : on nous demande des noms, que répondre ?",
        "grand-est", "tranquillite-partenariats", "claire", _text(
            "Bonjour,",
            "Depuis la rentrée, nous participons à la cellule de veille du CLSPD. Lors de la dernière réunion, on "
            "nous a demandé de donner les noms des jeunes qui se regroupent dans un hall « pour que chacun puisse "
            "agir ». Mes médiateurs ne sont pas à l'aise, et moi non plus.",
            "Comment avez-vous posé le cadre avec vos partenaires ? Partagez-vous uniquement des constats "
            "collectifs (horaires, lieux, types de troubles) ? Avez-vous une charte ou une note écrite sur ce que "
            "vous transmettez ou non ?",
        ), _q5),
    Question(
        "Fin de convention adulte-relais dans 8 mois : quel parcours vers le titre MSADS ?",
        "outre-mer", "formation-professionnalisation", "teddy", _text(
            "Bonjour à tous,",
            "Un de nos médiateurs arrive en fin de convention adulte-relais dans huit mois. Il a l'expérience et "
            "l'envie de continuer, mais aucun diplôme. On pense à la VAE ou à une formation pour le titre MSADS.",
            "Qui a déjà accompagné ce type de parcours ? Combien de temps cela a pris, qui a financé, et comment "
            "avez-vous organisé les absences dans le planning de l'équipe ? Des conseils aussi pour défendre le "
            "maintien du poste auprès des financeurs ?",
        ), _q6),
)
