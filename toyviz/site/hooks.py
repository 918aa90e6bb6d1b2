"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): the site's only build-time logic.

- `{{ n:ID }}` in a page becomes the measured value a claims data figure published under ID (see
  `toyviz.site.numbers`), also inside figure captions; an unknown id aborts the build.
- `{{ figure: ID | caption }}` in a page becomes the built figure (see `toyviz.site.embed`); an unknown
  id aborts the build.
- One generated page per built figure, `gallery/<group>/<name>/`, shows it with its metadata and its
  source script, so every embedded figure links to how it is made; and the gallery, the claims table
  and the CLI reference are generated too (`toyviz.site.pages`), with small thumbnails for the gallery.
- Notebook pages lose nbconvert's MathJax-2 config block and empty `<script src="">` tags: material's
  instant navigation re-creates inline scripts without their `type`, and that block then throws.
- The footer says which build this is: the figures' quality and the commit the site was built from.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from toyviz.site import embed, numbers, pages

_manifest: dict[str, dict] = {}
_values: dict[str, dict] = {}


def _manifest_path(config) -> Path:
    return Path(config["docs_dir"]) / "figures" / "manifest.json"


def build_label(manifest: dict[str, dict], root: Path) -> str:
    """'Figures at preview quality · built from commit 1234abcd' (and whether the tree had changes)."""
    qualities = sorted({e.get("quality") or "unknown" for e in manifest.values()}) or ["no"]
    quality = " and ".join(qualities)
    try:
        run = lambda *args: subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                                           check=True).stdout.strip()
        commit = f"commit {run('rev-parse', '--short=10', 'HEAD')}"
        if run("status", "--porcelain", "--untracked-files=no"):
            commit += " with local changes"
    except (OSError, subprocess.CalledProcessError):
        commit = "an unknown commit (not a git checkout)"
    return f"Figures at {quality} quality · built from {commit}"


def on_config(config):
    global _manifest, _values
    root = Path(config["config_file_path"]).parent
    _manifest = embed.load_manifest(_manifest_path(config))
    embed.add_sizes_and_descriptions(_manifest, _manifest_path(config).parent, root)
    try:
        _values = numbers.load_values(_manifest_path(config).parent, _manifest)
    except ValueError as e:
        raise PluginError(str(e)) from None
    config["copyright"] = build_label(_manifest, root)
    return config


def _source_markdown(entry: dict, root: Path) -> str:
    script = (root / entry["source"]).read_text()
    reproduces = f"`{entry['reproduces']}`" if entry["reproduces"] else "nothing in the posts (new)"
    return (
        f"# {entry['title']}\n\n"
        f"{{{{ figure: {entry['id']} }}}}\n\n"
        f"| property | value |\n|---|---|\n| id | `{entry['id']}` |\n| kind | {entry['kind']} |\n"
        f"| reproduces | {reproduces} |\n| script | `{entry['source']}` |\n"
        f"| build time | {entry['seconds']:.1f} s ({entry.get('quality') or '?'} quality) |\n\n"
        f"Rebuild it with `toyviz figures build --only {entry['id']}`.\n\n"
        f"```python\n{script}\n```\n"
    )


def on_files(files, config):
    root = Path(config["config_file_path"]).parent
    for entry in _manifest.values():
        files.append(File.generated(config, embed.source_page(entry["id"]),
                                    content=_source_markdown(entry, root)))
    claims = pages.load_claims(Path(config["docs_dir"]) / "figures", _manifest)
    generated = {"gallery/index.md": pages.gallery(_manifest),
                 "claims.md": pages.claims_page(claims, _manifest, _values),
                 "reproduce/cli.md": pages.cli_reference()}
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_post_build(config):
    pages.write_thumbnails(_manifest, _manifest_path(config).parent, Path(config["site_dir"]) / "gallery")


def on_page_markdown(markdown, page, config, files):
    try:
        markdown = numbers.replace_numbers(markdown, _values, plain_lines=embed.FIGURE_TAG)
        return embed.replace_tags(markdown, _manifest, page.url, link_source=not page.file.generated_by)
    except (embed.UnknownFigure, numbers.UnknownNumber) as e:
        raise PluginError(f"{page.file.src_uri}: {e}") from None


_NBCONVERT_MATHJAX = re.compile(r"<script[^>]*>\s*(?:\(function\(\)\s*\{)?[^<]*MathJax\.Hub\.Config.*?</script>", re.S)
_EMPTY_SCRIPT = re.compile(r'<script[^>]*src=""[^>]*>\s*</script>')


def on_post_page(output, page, config):
    if page.file.src_uri.endswith((".ipynb", ".py")):
        output = _EMPTY_SCRIPT.sub("", _NBCONVERT_MATHJAX.sub("", output))
    return output
