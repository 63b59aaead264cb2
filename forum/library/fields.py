"""The fields of a good-practice sheet, described once: the form, the page, the guard, the diff
and the search index all read this table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SheetField:
    name: str
    label: str
    required: bool
    hint: str = ""
    long: bool = False      # Markdown, rendered and stored as <name>_html
    max_length: int = 0     # for short fields


FIELDS: tuple[SheetField, ...] = (
    SheetField("title", "Titre", True, "Décrivez l'action, pas le lieu : ex. « Fiche de liaison nuit → bailleur ».",
               max_length=120),
    SheetField("summary", "En bref", True, "3 lignes : quoi, pour qui, quel résultat.", max_length=400),
    SheetField("territory", "Territoire", True, "Échelle commune ou quartier. Jamais une adresse.", max_length=200),
    SheetField("context", "Contexte et constat de départ", True, "Quel problème ? Comment l'avez-vous repéré ?",
               long=True),
    SheetField("objectives", "Objectifs", True, "Une ligne par objectif (liste avec « - » ou « 1. »).", long=True),
    SheetField("actions", "Description de l'action", True, "Déroulé, horaires, fréquence, outils.", long=True),
    SheetField("period", "Période et durée", True, "Depuis quand, à quel rythme, sur quels créneaux.", max_length=300),
    SheetField("human_resources", "Moyens humains", True, "Nombre d'agents, profils, encadrement.", long=True),
    SheetField("fte", "Équivalents temps plein (ETP)", False, "Par exemple : 2,5.", max_length=20),
    SheetField("material_resources", "Moyens matériels", False, "", long=True),
    SheetField("budget_amount", "Budget indicatif", False,
               "Ordre de grandeur suffisant, par exemple « environ 3 000 € par an ».", max_length=200),
    SheetField("budget", "Financements", False, "Qui finance quoi, dans les grandes lignes.", long=True),
    SheetField("partners", "Partenaires", True, "Institutions et leur rôle, pas de noms de personnes.", long=True),
    SheetField("results", "Résultats et évaluation", True, "Qu'est-ce qui a changé ? Comment le savez-vous ?",
               long=True),
    SheetField("difficulties", "Difficultés et points de vigilance", True, "", long=True),
    SheetField("success_factors", "Facteurs de réussite, conditions pour reproduire", True,
               "Ce qu'il faut réunir pour refaire l'action ailleurs.", long=True),
    SheetField("perspectives", "Perspectives", False, "", long=True),
    SheetField("contact", "Coordonnées", True,
               "Fonction et structure, avec une adresse de service. "
               "Si une personne est nommée, elle a donné son accord.",
               max_length=300),
)

BY_NAME = {field.name: field for field in FIELDS}
LONG = tuple(field.name for field in FIELDS if field.long)
TEXT = tuple(field.name for field in FIELDS)

# The form and the page, section by section.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("L'essentiel", ("title", "summary")),
    ("Où et par qui", ("territory",)),
    ("Le projet", ("context", "objectives", "actions", "period")),
    ("Les moyens", ("human_resources", "fte", "material_resources", "budget_amount", "budget", "partners")),
    ("Le bilan", ("results", "difficulties", "success_factors", "perspectives")),
    ("Contact", ("contact",)),
)
