"""The toy playground's speed beside the engine's, in one run: one seed of 25,000 steps at n = 7 in a
Web Worker, then 1,000 seeds × 25,000 steps in the page's workers (one per core but one, as the page
runs them; the first run starts them and is not timed), and the numba engine on the same work (`toyviz.toy.train`, kernel time and wall time,
compilation excluded); then the playground's script and data sizes, gzip-compressed.

It drives a built site (`mkdocs build`, default folder `site/`) in Debian's Chromium.

    toyviz bench playground [--site site] [--seeds 1000] [--steps 25000] [--n 7] [--json PATH]
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ["toy.js", "toy_engine.js", "toy_worker.js", "rng.js", "rng_tables.js", "classifier.js"]
API = "toyvizWidgets.find('../playground/toy')[0].api"


def sizes(site: Path) -> dict[str, int]:
    """gzip -9 size of each playground file the toy page loads (bytes)."""
    files = [site / "javascripts/playground" / s for s in SCRIPTS] + [site / "figures/playground/toy_presets.json"]
    return {f.name: len(gzip.compress(f.read_bytes(), 9)) for f in files}


def browser_times(site: Path, n: int, seeds: int, steps: int) -> dict:
    from playwright.sync_api import sync_playwright

    from toyviz.site import browse
    with browse.serve(site, browse.free_port()) as url, sync_playwright() as p:
        b = browse.launch(p)
        page = b.new_page()
        page.goto(url + "playground/toy/", wait_until="load")
        page.wait_for_function("document.querySelector('.tv-widget[data-ready]') !== null", timeout=60_000)
        page.evaluate(f"{API}.set({{n: {n}, optimizer: 'adamw', lr: 1e-3, wd: null, init: 'xavier', steps: {steps}}})")
        timed = f"async (k) => {{ const t = performance.now(); await {API}.runSeeds(k); return (performance.now() - t) / 1000; }}"
        page.evaluate(timed, 1)                                   # warm: worker start, code generation
        one = page.evaluate(timed, 1)
        many = page.evaluate(timed, seeds)
        workers = page.evaluate("Math.max(1, Math.min(8, (navigator.hardwareConcurrency || 2) - 1))")
        b.close()
    return {"one_seed_s": one, "many_seeds_s": many, "workers": workers}


def engine_times(n: int, seeds: int, steps: int) -> dict:
    from toyviz.toy import ToyConfig, train
    train(ToyConfig(n=n, n_seeds=1, steps=10))                      # compile (or load numba's cache)
    out = {}
    for key, k in (("one_seed", 1), ("many_seeds", seeds)):
        t = time.perf_counter()
        run = train(ToyConfig(n=n, n_seeds=k, steps=steps))
        out[key + "_wall_s"], out[key + "_kernel_s"] = time.perf_counter() - t, run.seconds
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="toyviz bench playground", description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    ap.add_argument("--seeds", type=int, default=1000)
    ap.add_argument("--steps", type=int, default=25_000, help="one of the page's step choices")
    ap.add_argument("--n", type=int, default=7)
    ap.add_argument("--json", type=Path, help="also write the numbers here")
    a = ap.parse_args(argv)
    if not (a.site / "playground/toy/index.html").exists():
        print(f"toyviz bench playground: no built playground page under {a.site} (run mkdocs build first)", file=sys.stderr)
        return 2
    size = sizes(a.site)
    web = browser_times(a.site, a.n, a.seeds, a.steps)
    py = engine_times(a.n, a.seeds, a.steps)
    print(f"n = {a.n}, AdamW lr 1e-3, {a.steps:,} steps")
    print(f"{'':34}{'browser (workers)':>20}{'numba engine':>16}{'ratio':>8}")
    print(f"{'one seed':34}{web['one_seed_s']:>19.3f}s{py['one_seed_kernel_s']:>15.3f}s"
          f"{web['one_seed_s'] / py['one_seed_kernel_s']:>8.1f}")
    print(f"{f'{a.seeds:,} seeds':34}{web['many_seeds_s']:>19.2f}s{py['many_seeds_kernel_s']:>15.2f}s"
          f"{web['many_seeds_s'] / py['many_seeds_kernel_s']:>8.1f}")
    print(f"  (browser: {web['workers']} worker(s), times include posting results; engine: kernel time, "
          f"wall {py['many_seeds_wall_s']:.2f} s with recording and loss)")
    print("gzip sizes: " + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in size.items()) +
          f"; total {sum(size.values()) / 1024:.1f} KB")
    if a.json:
        a.json.write_text(json.dumps({"sizes_gzip": size, "browser": web, "engine": py, "n": a.n, "seeds": a.seeds,
                                      "steps": a.steps}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
