"""tools/mutate: a mutation check of the engines, the code that compares current with wanted state and decides the
writes. Each mutant (a comparison flipped, a condition negated, and/or swapped, a call statement dropped, check mode
ignored, a returned boolean flipped) is applied alone to a copy of the collection, and the engine's unit tests run
against it; a mutant is killed when they fail. Fails below 90% killed. Run through tools/mutate."""

import ast
import copy
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UTILS = "plugins/module_utils"
TESTS = "tests/unit/plugins/module_utils"
# engine file -> (the functions that decide writes, the unit tests that must catch a broken one)
ENGINES = {
    UTILS + "/_common/ensure.py": (("differences", "ensure"), [TESTS + "/_common", TESTS + "/_okta"]),
    UTILS + "/_okta/saml_app.py": (
        (
            "ensure_absent",
            "ensure_present",
            "_update",
            "_keep_one_of_concurrent_creates",
            "_logo_matches",
            "_signing_key",
            "_plan_groups",
        ),
        [TESTS + "/_okta"],
    ),
    UTILS + "/_okta/app_groups.py": (
        ("_assigned", "plan_assignments", "apply_assignments", "ensure_group_assignments"),
        [TESTS + "/_okta"],
    ),
    UTILS + "/_twilio/sso.py": (
        (
            "ensure_profile_present",
            "ensure_profile_absent",
            "_create_profile",
            "_update_profile",
            "_plan_test_and_enforcement",
            "_test_and_enforce",
        ),
        [TESTS + "/_twilio/test_sso.py"],
    ),
    UTILS + "/_twilio/enforcement.py": (("domain_problems", "enforcement_view"), [TESTS + "/_twilio/test_sso.py"]),
    UTILS + "/_twilio_org/managed_user.py": (("ensure_managed_user",), [TESTS + "/_twilio_org"]),
}
TARGET = 0.9
FLIPS = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}


def mutation_sites(function):
    """(description, apply(node)) for every mutation inside one function definition."""
    sites = []
    for node in ast.walk(function):
        if isinstance(node, ast.Compare):
            for index, op in enumerate(node.ops):
                if type(op) in FLIPS:
                    sites.append((node, "flip %s" % type(op).__name__, ("flip", index)))
        elif isinstance(node, (ast.If, ast.While, ast.IfExp)):
            sites.append((node, "negate condition", ("negate",)))
        elif isinstance(node, ast.BoolOp):
            sites.append((node, "swap %s" % type(node.op).__name__, ("swap",)))
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            sites.append((node, "drop call %s" % ast.unparse(node.value.func), ("drop",)))
        elif isinstance(node, ast.Name) and node.id == "check_mode" and isinstance(node.ctx, ast.Load):
            sites.append((node, "ignore check_mode", ("false",)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            sites.append((node, "flip %s" % node.value, ("not_constant",)))
    return sites


class Mutate(ast.NodeTransformer):
    def __init__(self, target, how):
        self.target, self.how = target, how

    def visit(self, node):
        if node is not self.target:
            return self.generic_visit(node)
        kind = self.how[0]
        if kind == "flip":
            node.ops[self.how[1]] = FLIPS[type(node.ops[self.how[1]])]()
        elif kind == "negate":
            node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
        elif kind == "swap":
            node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        elif kind == "drop":
            return ast.Pass()
        elif kind == "false":
            return ast.Constant(value=False)
        elif kind == "not_constant":
            return ast.Constant(value=not node.value)
        return node


def mutants(source, functions):
    tree = ast.parse(source)
    positions = [i for i, n in enumerate(tree.body) if isinstance(n, ast.FunctionDef) and n.name in functions]
    for position in positions:
        function = tree.body[position]
        for index, (_node, description, how) in enumerate(mutation_sites(function)):
            mutated = copy.deepcopy(tree)
            target = mutation_sites(mutated.body[position])[index][0]
            yield (
                "%s: %s (line %d)" % (function.name, description, target.lineno),
                ast.unparse(ast.fix_missing_locations(Mutate(target, how).visit(mutated))),
            )


def main():
    work = tempfile.mkdtemp(prefix="mutate-")
    collection = os.path.join(work, "ansible_collections", "twilio_okta", "sso")
    shutil.copytree(ROOT, collection, ignore=shutil.ignore_patterns(".venv*", ".build", ".git", "__pycache__"))
    env = dict(os.environ, PYTHONPATH="%s:%s" % (work, os.path.join(collection, "tests")), PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-header"]
    baseline = subprocess.run(
        command + sorted({t for _f, tests in ENGINES.values() for t in tests}),
        cwd=collection,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if baseline.returncode:
        sys.exit("the unit tests fail without any mutation:\n" + baseline.stdout[-3000:])
    total = killed = 0
    survivors = []
    try:
        for path, (functions, tests) in ENGINES.items():
            target = os.path.join(collection, path)
            with open(target, encoding="utf-8") as handle:
                original = handle.read()
            for description, source in mutants(original, functions):
                with open(target, "w", encoding="utf-8") as handle:
                    handle.write(source)
                run = subprocess.run(command + tests, cwd=collection, env=env, capture_output=True, check=False)
                total += 1
                if run.returncode:
                    killed += 1
                else:
                    survivors.append("%s %s" % (path, description))
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(original)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    score = killed / total if total else 0.0
    for survivor in survivors:
        print("survived: %s" % survivor)
    print(
        "mutants killed by the unit tests: %d of %d (%.0f%%, target %.0f%%)"
        % (killed, total, 100 * score, 100 * TARGET)
    )
    return 0 if score >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
