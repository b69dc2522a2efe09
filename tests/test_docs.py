"""The documentation: the site builds in strict mode, its generated reference covers the code
(every outcome, command, option, policy, API name and schema field), the output tables' columns are
all documented, and the README stays short with links that resolve."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site, built with the environment's mkdocs in strict mode into a temporary folder."""
    assert MKDOCS.exists(), f"{MKDOCS} is missing: install the docs extra (pip install -e '.[dev]')"
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode == 0, f"mkdocs build --strict failed:\n{run.stdout[-2000:]}\n{run.stderr[-4000:]}"
    assert "WARNING" not in run.stderr, run.stderr
    return out


def text(site: Path, page: str) -> str:
    """The visible text of a page's article (tags dropped, entities decoded)."""
    raw = (site / page / "index.html").read_text(encoding="utf-8")
    article = raw[raw.index("<article") : raw.index("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", "", article))


def test_generated_markers_are_all_replaced(site: Path) -> None:
    for page in site.rglob("index.html"):
        content = page.read_text(encoding="utf-8")
        assert "<!-- generated:" not in content and "<!-- end generated" not in content, page
    sources = [p for p in (ROOT / "docs").rglob("*") if p.is_file()]
    assert not [p for p in sources if p.suffix == ".html"], "generated pages must not be kept in docs/"


def test_outcome_reference_lists_the_registry(site: Path) -> None:
    from meritsim.model.outcomes import REGISTRY

    page = text(site, "reference/outcomes")
    for o in REGISTRY:
        assert o.name in page and o.label_id in page and o.label_en in page, o.name


def test_cli_reference_lists_every_command_and_option(site: Path) -> None:
    import click

    from meritsim.cli import main

    page = text(site, "reference/cli")
    for name, command in main.all_commands().items():
        assert f"meritsim {name}" in page, name
        assert f"Usage: meritsim {name}" in page, name
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    assert opt in page, f"{name} {opt}"


def test_policy_reference_lists_every_registered_policy(site: Path) -> None:
    from meritsim.model.policies import available

    page = text(site, "reference/policies")
    for name, cls in available().items():
        assert name in page and cls.__qualname__ in page, name


def test_api_reference_lists_every_public_name(site: Path) -> None:
    import meritsim

    page = text(site, "reference/python-api")
    for name in meritsim.__all__:
        assert name in page, name
    assert "meritsim.simulate(" in page and "-> Results" in page


def _models(root: type) -> list[type]:
    from pydantic import BaseModel

    seen: list[type] = []

    def nested(annotation) -> list[type]:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return [annotation]
        return [m for a in typing.get_args(annotation) for m in nested(a)]

    def walk(cls: type) -> None:
        if cls not in seen:
            seen.append(cls)
            for field in cls.model_fields.values():
                for model in nested(field.annotation):
                    walk(model)

    walk(root)
    return seen


def test_schema_reference_documents_every_section_and_field(site: Path) -> None:
    from meritsim.model.scenario.schema import Scenario

    raw = (site / "reference/scenario-schema/index.html").read_text(encoding="utf-8")
    for model in _models(Scenario):
        assert f'id="{model.__name__.lower()}"' in raw, model.__name__
        for name, field in model.model_fields.items():
            assert f"<code>{name}</code>" in raw, f"{model.__name__}.{name}"
            if field.description:
                assert html.escape(field.description.split("`")[0][:30], quote=False) in raw, name


def test_bundled_scenarios_and_spec_files_are_listed(site: Path) -> None:
    from meritsim.data.mapping import ImportMapping
    from meritsim.model.scenario import bundled_names
    from meritsim.study.design import SweepSpec
    from meritsim.workbench.batches import BatchSpec

    page = text(site, "reference/scenarios")
    for name in bundled_names():
        assert name in page, name
    specs = text(site, "reference/spec-files")
    for model in (SweepSpec, BatchSpec, ImportMapping):
        for name in model.model_fields:
            assert name in specs, f"{model.__name__}.{name}"


def test_every_output_column_is_documented() -> None:
    """Each column of yearly, org and summary appears in reference/outputs.md."""
    import meritsim

    doc = (ROOT / "docs/reference/outputs.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_0-9]+)`", doc))
    if {"box_1", "box_9"} <= documented:  # written as `box_1` ... `box_9`
        documented |= {f"box_{b}" for b in range(1, 10)}
    result = meritsim.simulate("default", overrides=["organisation.scale=0.05"], replications=1, years=2)
    for table in ("yearly", "org", "outcomes"):
        missing = [c for c in getattr(result, table).columns if c not in documented]
        assert not missing, f"{table} columns missing from docs/reference/outputs.md: {missing}"


def test_readme_is_short_and_its_links_resolve() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = readme.splitlines()
    assert len(lines) <= 150, len(lines)
    for command in ("make run    #", "make test   #"):
        assert any(line.startswith(command) for line in lines), command
    assert "make bench" in readme and "docs/explanation/benchmarks.md" in readme
    assert "docs/howto/import-workforce.md" in readme and "make docs" in readme
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", readme)
    assert links
    for link in links:
        if not link.startswith(("http://", "https://")):
            assert (ROOT / link).is_file(), link
