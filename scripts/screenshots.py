"""Screenshots of built pages at desktop and phone width, light and dark, for review.

Usage: python scripts/screenshots.py SITE_DIR OUT_DIR PAGE [PAGE...]
(PAGE is a path inside the site, such as index.html.)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def main(site: str, out: str, pages: list[str]) -> None:
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context_args = {"executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS, "headless": True}
        for scheme in ("light", "dark"):
            browser = playwright.chromium.launch_persistent_context(profile, color_scheme=scheme, **context_args)
            page = browser.new_page()
            for name in pages:
                for width in (1280, 360):
                    page.set_viewport_size({"width": width, "height": 800})
                    page.goto((Path(site).resolve() / name).as_uri())
                    slug = name.replace("/", "_").removesuffix(".html")
                    page.screenshot(path=f"{out}/{slug}-{width}-{scheme}.png", full_page=True)
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
