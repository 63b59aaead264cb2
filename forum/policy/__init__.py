"""Every authorization rule of the forum, with its list filters and audiences: one package.

``can(user, action, obj)`` answers for one object, ``require`` raises a 403; an (action, kind)
pair without a rule raises ``UnknownRule``. Rules live in one module per feature (areas,
accounts, discussions, library, moderation), each beside the list filters and audiences that mirror it:
visibility is one function per kind, written over the models' hybrid attributes, that answers
for an object and gives the WHERE clause of a list (see ``expr``).
"""

from forum.policy import accounts, areas, discussions, library, moderation
from forum.policy.accounts import approvable_accounts, approvers_of, pending_accounts
from forum.policy.discussions import visible_posts, visible_topics
from forum.policy.library import review_queue, reviewers_of, visible_sheets, works_on
from forum.policy.moderation import visible_cases
from forum.policy.registry import SYSTEM, NotAllowed, UnknownRule, can, kind_of, known_rules, require, rule
from forum.policy.roles import (
    active_accounts,
    animated_poles,
    animates,
    curates,
    is_admin,
    is_member,
    is_moderator,
    reviews,
)

__all__ = [
    "SYSTEM", "NotAllowed", "UnknownRule", "accounts", "active_accounts", "animated_poles", "animates",
    "approvable_accounts", "approvers_of", "areas", "can", "curates", "discussions", "is_admin", "is_member",
    "is_moderator", "kind_of", "known_rules", "library", "moderation", "pending_accounts", "require",
    "reviewers_of", "reviews", "rule", "review_queue", "visible_cases", "visible_posts", "visible_sheets",
    "visible_topics", "works_on",
]
