"""Reference data: the 15 poles (13 regions, Outre-mer, National) and the 17 themes.

The data is written here, frozen: administrators edit poles and themes afterwards, and a later
change to the reference list is a new migration, never an edit of this one.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

POLES: tuple = (
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
THEMES: tuple = (
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

poles = sa.table(
    'poles',
    sa.column('slug', sa.String), sa.column('name', sa.String), sa.column('insee_codes', sa.String),
    sa.column('position', sa.Integer), sa.column('active', sa.Boolean),
)
themes = sa.table(
    'themes',
    sa.column('slug', sa.String), sa.column('name', sa.String), sa.column('description', sa.String),
    sa.column('position', sa.Integer), sa.column('active', sa.Boolean), sa.column('restricted', sa.Boolean),
)


def upgrade():
    op.bulk_insert(poles, pole_rows())
    op.bulk_insert(themes, theme_rows())


def downgrade():
    op.execute(themes.delete())
    op.execute(poles.delete())
