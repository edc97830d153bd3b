"""The URL list matches tests/route-list.txt, so links people saved or printed keep working.

When a route is added on purpose, regenerate the list with:
    python -m tests.test_routes > tests/route-list.txt
"""

from __future__ import annotations

from pathlib import Path

from portal import create_app

LIST = Path(__file__).with_name("route-list.txt")


def route_lines() -> list[str]:
    """Return one line per URL rule: the methods and the rule, sorted."""
    app = create_app({"TESTING": True, "SECRET_KEY": "routes", "DATABASE": ":memory:"})
    lines = []
    for rule in app.url_map.iter_rules():
        methods = ",".join(sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}))
        lines.append(f"{methods:10} {rule.rule}")
    return sorted(lines)


def test_url_list_is_unchanged():
    assert route_lines() == LIST.read_text(encoding="utf-8").splitlines()


if __name__ == "__main__":
    print("\n".join(route_lines()))
