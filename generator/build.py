"""The pipeline: discover, parse stubs, load cards, build the catalog, render, write."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from .catalog import Catalog, build_catalog
from .checks import apply_levels, check_catalog
from .config import load_config
from .discover import ModelSource, discover
from .history import folder_dates
from .load import load_model
from .records import Model, ModelDates, Problem
from .render import SITE_LAYOUT, Renderer, SiteFiles
from .theme import theme_dirs
from .workers import RenderError, default_jobs, parallel_map, render_units, template_location
from .write import OutputError, check_output, staged_output


class BuildError(Exception):
    """The build cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class BuildOptions:
    catalog: str = "catalog"
    output: str = "site"
    strict: bool = False
    base_url: str | None = None
    theme_dir: str | None = None
    jobs: int | None = None  # worker processes; None: one per core


@dataclass
class BuildResult:
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    written: bool = False

    @property
    def errors(self) -> int:
        return sum(problem.level == "error" for problem in self.problems)

    @property
    def warnings(self) -> int:
        return sum(problem.level == "warning" for problem in self.problems)


def load_catalog(
    root: str, base_url: str | None = None, check_levels: dict[str, str] | None = None
) -> tuple[Catalog, list[Problem]]:
    """Every check the build makes, without rendering: the validator's whole job.

    check_levels set problem codes' levels over catalog.yml's (the MkDocs plugin's `checks` option).
    """
    if not os.path.isdir(root):
        raise BuildError(f"the catalog folder {root} does not exist; pass the folder that holds your model folders")
    config, problems = load_config(root)
    if base_url is not None:
        config = replace(config, base_url=base_url if base_url.endswith("/") else base_url + "/")
    sources, found = discover(root)
    problems += found
    real_root = os.path.realpath(root)
    history = folder_dates(root, (source.rel_dir for source in sources))
    jobs = [(source, real_root, config.max_card_bytes, history.get(source.rel_dir)) for source in sources]
    models: list[Model] = []
    for model, model_problems in parallel_map(_load, jobs, default_jobs()):
        problems += model_problems
        if model is not None:
            models.append(model)
    catalog, catalog_problems = build_catalog(models, config)
    problems += catalog_problems
    problems += check_catalog(catalog, root)
    levels = {**config.check_levels, **(check_levels or {})}
    return catalog, sorted(apply_levels(problems, levels), key=_problem_order)


def _load(job: tuple[ModelSource, str, int, ModelDates | None]) -> tuple[Model | None, list[Problem]]:
    return load_model(*job)


def _problem_order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)


def render_site(renderer: Renderer) -> SiteFiles:
    """Every page in memory (the MkDocs plugin); a broken template or two outputs on one path stop with a message."""
    try:
        return renderer.render()
    except jinja2.TemplateError as error:
        raise BuildError(f"{template_location(error)}: template error: {error}") from None
    except ValueError as error:
        raise BuildError(str(error)) from None


def make_renderer(catalog: Catalog, theme_dir: str | None = None, layout: str = SITE_LAYOUT) -> Renderer:
    return Renderer(catalog, theme_dirs(theme_dir), layout)


def build(options: BuildOptions) -> BuildResult:
    catalog, problems = load_catalog(options.catalog, options.base_url)
    result = BuildResult(catalog, problems)
    try:
        check_output(options.output, options.catalog)
    except OutputError as error:
        raise BuildError(str(error)) from None
    if options.strict and problems:
        return result
    renderer = make_renderer(catalog, options.theme_dir)
    try:
        with staged_output(options.output, options.catalog) as staging:
            _write_units(renderer, renderer.units(), staging, options.jobs or default_jobs())
    except RenderError as error:
        raise BuildError(str(error)) from None
    except OutputError as error:
        raise BuildError(str(error)) from None
    except OSError as error:
        raise BuildError(f"cannot write the site to {options.output}: {error.strerror}") from None
    result.written = True
    return result


def _write_units(renderer: Renderer, names: list[str], folder: Path, jobs: int) -> None:
    written: set[str] = set()
    for output in render_units(renderer, names, folder, jobs):
        clash = written.intersection(output.files)
        if clash:
            raise RenderError(f"two outputs want the path {min(clash)}")
        written.update(output.files)
