"""Every action a service records has a label on the audit page, in all nine
languages, so staff read what happened and never a code.

The actions are read from the code itself: every ``audit.record(...)`` call,
following an action passed in from elsewhere (``action=action``, a named
constant, an enum member, an f-string of a parameter) back to the literal
values its callers give. An action the scan cannot follow back to literals
fails too, so a new action can only arrive with its label.
"""

from __future__ import annotations

import ast
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests.paths import ROOT
from uglymugs_app.i18n import CATALOGUE_DIR, LANGUAGES, placeholders, raw_catalogue
from uglymugs_app.pages.audit.state import SUBJECT_TYPES

APP = ROOT / "uglymugs_app"
AUDIT_LABELS = CATALOGUE_DIR / "audit"
# Where audit events are made; anywhere else must go through audit.record.
AUDIT_MODULE = "services/security/audit.py"


class Unresolved(Exception):
    """An action whose values the scan cannot list."""


@dataclass
class Module:
    name: str
    tree: ast.Module
    parents: dict[int, ast.AST] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[id(child)] = node

    def enclosing_function(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        while (node := self.parents.get(id(node))) is not None:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return node
        return None


@dataclass
class Scan:
    """What the scan found: the actions, and each place it could not follow."""

    actions: set[str]
    problems: list[str]
    subjects: set[str] = field(default_factory=set)


def scan(sources: dict[str, str]) -> Scan:
    """The actions recorded by the given modules (``name -> source``)."""
    modules = [Module(name, ast.parse(text)) for name, text in sources.items()]
    constants: dict[tuple[str, str], str] = {}  # (module, NAME) -> value
    members: dict[tuple[str, str], str] = {}  # (Class, MEMBER) -> value (enums)
    for module in modules:
        for node in module.tree.body:
            for name, value in _string_assignments(node):
                constants[(module.name, name)] = value
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    for name, value in _string_assignments(item):
                        members[(node.name, name)] = value

    def callers(module: Module, function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator:
        """Each call of the function: its own module only for a private name."""
        for other in modules:
            if function.name.startswith("_") and other is not module:
                continue
            for node in ast.walk(other.tree):
                if isinstance(node, ast.Call) and _called_name(node) == function.name:
                    yield other, node

    def values(module: Module, node: ast.expr, seen: frozenset[int] = frozenset()) -> set[str]:
        if id(node) in seen:
            raise Unresolved("it depends on itself")
        seen |= {id(node)}
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in members:
                return {members[(node.value.id, node.attr)]}
        if isinstance(node, ast.JoinedStr):
            parts = [
                {part.value} if isinstance(part, ast.Constant) else values(module, part.value, seen)
                for part in node.values
            ]
            return {"".join(chosen) for chosen in itertools.product(*parts)}
        if isinstance(node, ast.Name):
            function = module.enclosing_function(node)
            if function is not None and node.id in _parameters(function):
                return parameter_values(module, function, node.id, seen)
            if (module.name, node.id) in constants:
                return {constants[(module.name, node.id)]}
        raise Unresolved(ast.unparse(node))

    def parameter_values(
        module: Module,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        name: str,
        seen: frozenset[int],
    ) -> set[str]:
        positional = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
        found: set[str] = set()
        for caller_module, call in callers(module, function):
            given = next((k.value for k in call.keywords if k.arg == name), None)
            if given is None and name in positional:
                index = positional.index(name)
                if index < len(call.args) and not any(
                    isinstance(a, ast.Starred) for a in call.args[: index + 1]
                ):
                    given = call.args[index]
            if given is None:
                raise Unresolved(f"{function.name}() called without {name} at line {call.lineno}")
            found |= values(caller_module, given, seen)
        if not found:
            raise Unresolved(f"{function.name}() is never called with {name}")
        return found

    result = Scan(actions=set(), problems=[])
    for module in modules:
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.Call):
                continue
            if _called_name(node) == "AuditEvent" and module.name != AUDIT_MODULE:
                result.problems.append(f"{module.name}:{node.lineno}: use audit.record")
            if not _is_audit_record(node):
                continue
            for keyword, found, what in (
                ("action", result.actions, "actions"),
                ("subject_type", result.subjects, "subjects"),
            ):
                given = next((k.value for k in node.keywords if k.arg == keyword), None)
                try:
                    if given is None:
                        raise Unresolved(f"no {keyword}= keyword")
                    found |= values(module, given)
                except Unresolved as why:
                    result.problems.append(
                        f"{module.name}:{node.lineno}: cannot list {what}: {why}"
                    )
    return result


def _string_assignments(node: ast.stmt) -> Iterator[tuple[str, str]]:
    if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Constant):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                yield target.id, node.value.value


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    arguments = function.args
    return {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _is_audit_record(call: ast.Call) -> bool:
    function = call.func
    return (
        isinstance(function, ast.Attribute)
        and function.attr == "record"
        and isinstance(function.value, ast.Name)
        and function.value.id == "audit"
    )


def _app_sources() -> dict[str, str]:
    return {
        path.relative_to(APP).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(APP.rglob("*.py"))
    }


def _labels(language: str) -> dict[str, str]:
    return json.loads((AUDIT_LABELS / f"{language}.json").read_text(encoding="utf-8"))


def _unlabelled(actions: set[str]) -> dict[str, list[str]]:
    missing = {
        language: sorted(a for a in actions if not raw_catalogue(language).get(a, "").strip())
        for language in sorted(LANGUAGES)
    }
    return {language: keys for language, keys in missing.items() if keys}


@pytest.fixture(scope="module")
def recorded() -> Scan:
    return scan(_app_sources())


def test_the_scan_follows_every_action_back_to_its_values(recorded):
    assert recorded.problems == []
    # One of each way an action reaches audit.record today, so a scan that
    # stopped following one of them fails here rather than passing empty.
    assert {
        "warning.publish",  # a literal
        "police_request.reporter_asked",  # a module constant
        "report.take",  # a parameter of a private helper (cases._assign)
        "region_admin.added",  # a helper named like one in another module (editing._changed)
        "region_contact.added",  # ... and its namesake (local_contacts._changed)
        "code.invite",  # an f-string of an enum member passed positionally
        "applicant.active",  # an f-string of a status (verification._decide)
        "police_export.pdf.refused",  # an f-string of a keyword argument
    } <= recorded.actions


def test_every_recorded_action_has_a_label_in_every_language(recorded):
    assert _unlabelled(recorded.actions) == {}


def test_the_audit_catalogue_labels_exactly_the_recorded_actions(recorded):
    for language in LANGUAGES:
        assert set(_labels(language)) == recorded.actions, language


def test_the_audit_page_offers_and_labels_every_recorded_subject(recorded):
    """The filter lists every kind of subject, each named in her language."""
    assert set(SUBJECT_TYPES) == recorded.subjects
    wanted = {f"audit.subject.{kind}" for kind in recorded.subjects} | {"audit.subject.any"}
    for language in LANGUAGES:
        labels = raw_catalogue(language)
        assert {key for key in wanted if labels.get(key, "").strip()} == wanted, language


def test_labels_are_short_plain_text_with_nothing_filled_in():
    """A label is the same for every event: no placeholder for a name or number."""
    for language in LANGUAGES:
        for action, text in _labels(language).items():
            assert placeholders(text) == set(), f"{language}:{action}"
            assert text == text.strip() and 0 < len(text) <= 70, f"{language}:{action}"
            assert text != action, f"{language}:{action} is its own code"


NEW_SERVICE = """
from uglymugs_app.services.security import audit

STAMPED = "member.stamped"


def paint(session, actor, colour):
    _note(session, actor, f"member.painted_{colour}")
    _note(session, actor, STAMPED)


def repaint(session, actor):
    paint(session, actor, "blue")


def _note(session, actor, action):
    audit.record(session, actor_id=actor, action=action, subject_type="member", subject_id=1)


def guess(session, actor, kind):
    audit.record(session, actor_id=actor, action=kind.value, subject_type="member", subject_id=1)
"""


def test_a_new_action_without_a_label_fails():
    """Proof the guard can fail: a service with new actions, some not followable."""
    found = scan({**_app_sources(), "services/members/painting.py": NEW_SERVICE})
    new = {"member.painted_blue", "member.stamped"}
    assert new <= found.actions
    assert _unlabelled(new) == {language: sorted(new) for language in sorted(LANGUAGES)}
    assert found.problems == [
        "services/members/painting.py:21: cannot list actions: kind.value",
    ]


def test_an_audit_event_made_outside_audit_record_is_a_problem():
    source = "from uglymugs_app.models import AuditEvent\nAuditEvent(action='x.y')\n"
    assert scan({"services/elsewhere.py": source}).problems == [
        "services/elsewhere.py:2: use audit.record"
    ]
