"""The shape of the code, checked: one owner per table, one transaction per action, no cycles.

Read from the source (the AST), so that a new module that breaks a rule fails here rather than
in a review.
"""

from __future__ import annotations

import ast
from pathlib import Path

from forum.extensions import db

ROOT = Path(__file__).resolve().parents[1]
FORUM = ROOT / "forum"

# Modules that write their feature's tables. Besides actions.py: the helpers that only add to
# the caller's transaction (journal, mail outbox, search outbox) and the library's other actions.
WRITERS = {"actions.py", "admin_actions.py", "attachments.py", "promotion.py", "digest.py", "mail.py", "counters.py",
           "audit.py", "outbox.py", "cases.py", "statements.py", "sanctions.py", "watchwords.py", "restructure.py",
           "redaction.py", "reports.py", "moderated.py", "states.py"}
# Where a transaction may end: the unit of work, and the two background loops that claim rows
# one batch at a time (sending mail, applying the search outbox); errors.py rolls back a 500.
COMMITTERS = {"forum/transaction.py", "forum/notifications/mail.py", "forum/search/outbox.py", "forum/errors.py",
              "forum/pages/health.py"}


def _modules():
    for path in sorted(FORUM.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _feature(module_path: str) -> str:
    """« forum/library/actions.py » -> « library »."""
    parts = Path(module_path).parts
    return parts[1] if len(parts) > 2 else ""


def _owners() -> dict[str, str]:
    """Model class name -> the feature whose models.py defines it."""
    return {mapper.class_.__name__: mapper.class_.__module__.split(".")[1] for mapper in db.Model.registry.mappers}


def _written_models(tree: ast.AST, owners: dict[str, str]) -> set[str]:
    """Models a module inserts (constructs and adds), updates or deletes in SQL."""
    written = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in ("update", "delete", "insert", "insert_new") and node.args and isinstance(node.args[0], ast.Name):
            written.add(node.args[0].id)
        elif name == "add" and node.args and isinstance(node.args[0], ast.Call) \
                and isinstance(node.args[0].func, ast.Name):
            written.add(node.args[0].func.id)
        elif name in owners and isinstance(node.func, ast.Name):
            written.add(name)  # a row constructed outside models is a row about to be added
    return {model for model in written if model in owners}


def test_only_writer_modules_write_and_only_their_own_feature_s_tables(app):
    owners = _owners()
    wrong = []
    for path, tree in _modules():
        relative = str(path.relative_to(ROOT))
        if path.name == "models.py" or path.parent.name == "demo":
            continue
        for model in _written_models(tree, owners):
            if path.name not in WRITERS:
                wrong.append(f"{relative} writes {model} but is not an action module")
            elif owners[model] != _feature(relative):
                wrong.append(f"{relative} writes {model}, which belongs to {owners[model]}")
    assert wrong == []


def test_transactions_end_only_in_the_unit_of_work(app):
    ending = set()
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("commit", "rollback") \
                    and "session" in ast.unparse(node.value):
                ending.add(str(path.relative_to(ROOT)))
    assert ending <= COMMITTERS


def test_views_never_touch_the_session():
    offenders = [str(path.relative_to(ROOT)) for path, _tree in _modules()
                 if path.name.endswith("views.py") and "db.session" in path.read_text(encoding="utf-8")]
    assert offenders == []


def _changes_state(function: ast.FunctionDef) -> bool:
    """It adds, deletes or updates rows, or sets an attribute of an object it was given."""
    arguments = {argument.arg for argument in function.args.args + function.args.kwonlyargs}
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            called = ast.unparse(node.func)
            if called in ("db.session.add", "db.session.delete", "insert_new") or called.endswith(".set_body"):
                return True
            if called == "db.session.execute" and node.args and isinstance(node.args[0], ast.Call) \
                    and ast.unparse(node.args[0].func).split(".")[0] in ("update", "delete", "insert"):
                return True
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
            if isinstance(node, ast.AugAssign) else []
        for target in targets:
            for leaf in ast.walk(target):
                if isinstance(leaf, ast.Attribute) and isinstance(leaf.value, ast.Name) and leaf.value.id in arguments:
                    return True
    return False


# Public steps that only add to the transaction of the action calling them (never on their own).
STEPS = {
    "working_revision",  # library: the revision a change goes into (save_sheet, attachments)
    "sheet_event", "topic_started", "replied", "solution_marked",  # notifications written with their event
    "change_state", "count_reply",  # discussions: a post's conditional state change, within an action
    "answer_edit_request", "hold_published",  # discussions: what an author's edit answers, within edit_post
}


def test_public_actions_that_change_something_are_units_of_work():
    missing = []
    for path, tree in _modules():
        if path.name not in ("actions.py", "admin_actions.py", "attachments.py", "promotion.py"):
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and _changes_state(node) \
                    and node.name not in STEPS:
                if "atomic" not in {ast.unparse(decorator) for decorator in node.decorator_list}:
                    missing.append(f"{path.relative_to(ROOT)}:{node.name}")
    assert missing == []


def _imports() -> dict[str, set[str]]:
    """Module -> the forum modules it imports (lazy imports inside functions included)."""
    names = {}
    for path, _tree in _modules():
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path

    def resolve(name: str) -> str | None:
        while name and name not in names:
            name = name.rpartition(".")[0]
        return name or None

    edges = {module: set() for module in names}
    for module, path in names.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            for target in targets:
                found = resolve(target)
                if found and found != module and not module.startswith(found + "."):
                    edges[module].add(found)
    return edges


def test_there_is_no_import_cycle():
    edges = _imports()
    cycles, state = [], {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(edges[module]):
            if state.get(target) == "open":
                cycles.append(" -> ".join(trail[trail.index(target):] + [target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert len(edges) > 100 and cycles == []
