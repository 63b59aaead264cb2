"""The rule registry: ``can(user, action, obj)`` finds the rule of (action, kind of object).

A pair that has no rule raises ``UnknownRule``: a forgotten rule fails closed, loudly.
``obj`` is an instance, a model class (``can(user, "create", Structure)``) or a string
naming an area (``can(user, "access", "admin")``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.exceptions import Forbidden

from forum.accounts.models import Role, Status


class UnknownRule(LookupError):
    """No rule exists for this (action, kind) pair."""


class NotAllowed(Forbidden):
    """The actor may not do this; rendered as a 403 (or a login redirect for visitors)."""


class _System:
    """The actor of command-line tasks and demo data: every rule lets it through.

    In list filters it reads like an active administrator (what an administrator may list).
    """

    id = None
    role = Role.ADMIN
    status = Status.ACTIVE
    structure_id = None
    animated_pole_ids = frozenset()
    is_authenticated = True
    is_active = True
    display_name = "Système"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()

Rule = Callable[[Any, Any], bool]
_RULES: dict[tuple[str, str], Rule] = {}


def kind_of(obj: Any) -> str:
    """The name rules are registered under for this object."""
    kind = type(obj)
    if kind is str:
        return obj
    return obj.__name__ if kind is type or isinstance(obj, type) else kind.__name__


def rule(action: str, *kinds: str) -> Callable[[Rule], Rule]:
    """Register a rule for an action on one or more kinds of object."""

    def register(func: Rule) -> Rule:
        for kind in kinds:
            key = (action, kind)
            if key in _RULES:
                raise RuntimeError(f"two rules for {key}")
            _RULES[key] = func
        return func

    return register


def can(user: Any, action: str, obj: Any) -> bool:
    """True when ``user`` may do ``action`` on ``obj``; unknown pairs raise."""
    kind = type(obj)  # kind_of, inline: templates ask this dozens of times a page
    key = (action, obj if kind is str else kind.__name__ if not isinstance(obj, type) else obj.__name__)
    try:
        check = _RULES[key]
    except KeyError:
        raise UnknownRule(f"no rule for {key}") from None
    if user is SYSTEM:
        return True
    return bool(check(user, obj))


def require(user: Any, action: str, obj: Any) -> None:
    """Raise ``NotAllowed`` unless ``user`` may do ``action`` on ``obj``."""
    if not can(user, action, obj):
        raise NotAllowed()


def known_rules() -> list[tuple[str, str]]:
    """Every registered (action, kind) pair, for the policy matrix test."""
    return sorted(_RULES)
