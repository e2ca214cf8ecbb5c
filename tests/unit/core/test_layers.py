"""Packages depend one way: no two packages of ``marketplace`` import each other
(``api`` and the views above the services, the services above the models, shared
helpers below them all). A cycle would mean one rule leaning on another's internals."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import marketplace

ROOT = Path(marketplace.__file__).parent


def _node(parts: list[str]) -> str:
    """A package (a folder under marketplace/) or a top-level module, by its first part."""
    return parts[0]


def _imports() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for path in ROOT.rglob("*.py"):
        module = list(path.relative_to(ROOT).with_suffix("").parts)
        here = module[:-1] if path.name != "__init__.py" else module[:-1]
        source = _node(module) if len(module) > 1 else module[0]
        for statement in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(statement, ast.ImportFrom):
                continue
            if statement.level:
                base = here[:len(here) - (statement.level - 1)]
                target = base + (statement.module.split(".") if statement.module else [])
                if not target:  # ``from . import x`` at the top level
                    target = [alias.name for alias in statement.names][:1]
            elif statement.module and statement.module.startswith("marketplace."):
                target = statement.module.split(".")[1:]
            else:
                continue
            if target and target[0] != source:
                edges[source].add(target[0])
    return edges


def test_no_two_packages_import_each_other():
    edges = _imports()
    both_ways = sorted({tuple(sorted((a, b))) for a, targets in edges.items() for b in targets
                        if a in edges.get(b, set())})
    assert both_ways == []


def test_the_domain_packages_sit_below_the_views_and_the_api():
    edges = _imports()
    for low in ("accounts", "companies", "enterprises", "catalog", "fulfilment", "payments", "audit"):
        assert not edges[low] & {"api", "storefront", "backoffice", "reports"}, low
    assert "orders" not in edges["payments"] and "orders" not in edges["fulfilment"]
