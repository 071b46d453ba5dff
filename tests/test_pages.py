"""GitHub Pages: the ready workflow's own commands give a site that works under a sub-path."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from browser import crawl, serve
from conftest import REPO
from playwright.sync_api import Browser

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def workflow_steps() -> list[dict[str, object]]:
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    return [step for job in jobs.values() for step in job["steps"]]


def test_workflow_validates_builds_and_deploys_with_the_official_actions() -> None:
    steps = workflow_steps()
    uses = [str(step["uses"]).split("@")[0] for step in steps if "uses" in step]
    assert uses == [
        "actions/checkout", "actions/setup-python", "actions/configure-pages",
        "actions/upload-pages-artifact", "actions/deploy-pages",
    ]  # fmt: skip
    runs = [str(step["run"]) for step in steps if "run" in step]
    assert any(run.startswith("zoocat validate catalog --format github") for run in runs)
    assert any(run.startswith("zoocat build catalog -o site") for run in runs)
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload-pages-artifact"))
    assert upload["with"] == {"path": "site"}


@pytest.mark.browser
def test_the_workflow_commands_give_a_site_that_works_under_its_sub_path(browser: Browser, tmp_path: Path) -> None:
    """Run the workflow's zoocat steps as the runner would, serve the result under /site/ and crawl it."""
    shutil.copytree(REPO / "catalog", tmp_path / "catalog")
    with serve(tmp_path) as origin:
        env = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "BASE_URL": origin + "site",  # what configure-pages gives: no trailing slash
        }
        for step in workflow_steps():
            run = str(step.get("run", ""))
            if run.startswith("zoocat "):
                result = subprocess.run(["bash", "-c", run], cwd=tmp_path, env=env, capture_output=True, text=True)
                assert result.returncode == 0, (run, result.stderr)
        crawled = crawl(browser, origin, "site/")
        # Canonical links and the sitemap use the full address; each names the page itself.
        for url, html in crawled.html.items():
            canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
            if "/tables/" in url or url.endswith("404.html"):
                continue
            assert canonical is not None, url
            assert urljoin(canonical.group(1), "index.html") == url, url
        sitemap = (tmp_path / "site" / "sitemap.xml").read_text()
        locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
        assert len(locs) > 60
        assert all(loc.startswith(origin + "site/") for loc in locs)
        assert {urljoin(loc, "index.html") for loc in locs} <= crawled.visited
