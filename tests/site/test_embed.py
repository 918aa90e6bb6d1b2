"""Embedding figures in pages, and the generated pages, without building the site."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from toyviz.claims import value, write_claims
from toyviz.site import embed, hooks, numbers, pages

MANIFEST = {
    "opt_failure/zones": {"id": "opt_failure/zones", "title": "Latent zones", "kind": "still",
                          "reproduces": "opt_failure/zones.png", "files": ["opt_failure/zones.png"],
                          "source": "figures_src/opt_failure/zones.py", "hash": "x", "seconds": 1.0},
    "ica/learn": {"id": "ica/learn", "title": "Learning A", "kind": "video", "reproduces": None,
                  "files": ["ica/learn.mp4", "ica/learn.png"], "source": "figures_src/ica/learn.py",
                  "hash": "y", "seconds": 2.0},
}


def test_still_becomes_an_image_with_caption_and_source_link():
    html = embed.replace_tags("Text\n\n{{ figure: opt_failure/zones | Look at the slivers }}\n", MANIFEST, "part1/")
    assert '<img src="../figures/opt_failure/zones.png" alt="Look at the slivers"' in html
    assert "<figcaption>Look at the slivers" in html
    assert 'href="../gallery/opt_failure/zones/"' in html


def test_video_has_controls_poster_and_light_preload():
    html = embed.replace_tags("{{ figure: ica/learn }}", MANIFEST, "part2/page/")
    assert '<video controls preload="metadata"' in html
    assert 'poster="../../figures/ica/learn.png"' in html
    assert '<source src="../../figures/ica/learn.mp4" type="video/mp4">' in html
    assert "<figcaption>Learning A" in html  # the title when no caption is given


def test_unknown_id_fails_with_closest_ids():
    with pytest.raises(embed.UnknownFigure, match="opt_failure/zones"):
        embed.replace_tags("{{ figure: opt_failure/zone }}", MANIFEST, "")


def test_unknown_id_aborts_the_mkdocs_build(monkeypatch):
    monkeypatch.setattr(hooks, "_manifest", MANIFEST)
    page = SimpleNamespace(url="part1/", file=SimpleNamespace(src_uri="part1/index.md", generated_by=None))
    with pytest.raises(PluginError, match="part1/index.md: unknown figure id 'nope/x'"):
        hooks.on_page_markdown("{{ figure: nope/x }}", page, {}, None)


def test_claims_page_is_generated_from_data_figures(tmp_path):
    (tmp_path / "opt_failure").mkdir()
    claims = {"claims": [{"post": "optimization-failure", "section": "What is b7?", "claim": "b₇ → 1/n",
                          "measured": "0.1429", "verdict": "agree", "figure": "opt_failure/zones"},
                         {"post": "ica-vs-saes", "section": "E4.2", "claim": "noise does not help",
                          "measured": "error rises after step 40", "verdict": "disagree"}]}
    (tmp_path / "opt_failure" / "claims.json").write_text(json.dumps(claims))
    manifest = dict(MANIFEST, **{"opt_failure/claims": {
        "id": "opt_failure/claims", "title": "Claims", "kind": "data", "reproduces": None,
        "files": ["opt_failure/claims.json"], "source": "s", "hash": "z", "seconds": 0.0}})
    text = pages.claims_page(pages.load_claims(tmp_path, manifest), manifest)
    assert "### What is b7?" in text and "## ICA vs SAEs" in text and "### E4.2" in text
    assert ('<span class="tv-verdict tv-verdict--agree">agree</span> b₇ → 1/n</p>'
            '<p><span class="tv-claim-label">Measured:</span> 0.1429</p>') in text
    assert '<a href="../gallery/opt_failure/zones/">Latent zones</a>' in text
    assert '<span class="tv-verdict tv-verdict--disagree">disagree</span> 1' in text  # the counts


def test_gallery_lists_every_figure_with_thumbnail():
    manifest = {k: dict(e, size=(1600, 1000)) for k, e in MANIFEST.items()}
    text = pages.gallery(manifest)
    assert 'src="thumbs/opt_failure/zones.webp" alt="" width="400" height="250"' in text
    assert 'src="thumbs/ica/learn.webp"' in text
    assert "video · " in text and "reproduces <code>opt_failure/zones.png</code>" in text


def test_gallery_escapes_titles_and_keeps_cards_raw_html():
    """A double quote in a title once ended an alt attribute early and printed the card's markup."""
    entry = dict(MANIFEST["opt_failure/zones"], title='The "two circles" <failure>')
    text = pages.gallery({"opt_failure/zones": entry})
    assert "The &quot;two circles&quot; &lt;failure&gt;" in text
    grid = text.split('<div class="tv-gallery">')[1].split("</div>")[0]
    assert "\n\n" not in grid and "markdown" not in text  # one raw HTML block: no paragraphs inside the grid


def test_thumbnails_are_small_and_keep_the_aspect(tmp_path):
    from PIL import Image
    (tmp_path / "opt_failure").mkdir()
    Image.new("RGB", (1600, 1000), "white").save(tmp_path / "opt_failure" / "zones.png")
    manifest = {"opt_failure/zones": dict(MANIFEST["opt_failure/zones"], size=(1600, 1000))}
    pages.write_thumbnails(manifest, tmp_path, tmp_path / "gallery")
    with Image.open(tmp_path / "gallery" / "thumbs" / "opt_failure" / "zones.webp") as im:
        assert im.size == (400, 250)
    assert not list((tmp_path / "gallery").rglob("*.tmp"))


def test_a_still_with_a_dark_twin_gets_a_thumbnail_per_scheme(tmp_path):
    """The gallery in the dark scheme shows the dark twin's thumbnail (the stylesheet picks by class)."""
    from PIL import Image
    (tmp_path / "opt_failure").mkdir()
    for name, colour in (("zones.png", "white"), ("zones.dark.png", "#1e2129")):
        Image.new("RGB", (1600, 1000), colour).save(tmp_path / "opt_failure" / name)
    entry = dict(MANIFEST["opt_failure/zones"], size=(1600, 1000),
                 files=["opt_failure/zones.png", "opt_failure/zones.dark.png"])
    card = pages.gallery({"opt_failure/zones": entry})
    assert 'class="tv-thumb tv-light" src="thumbs/opt_failure/zones.webp"' in card
    assert 'class="tv-thumb tv-dark" src="thumbs/opt_failure/zones.dark.webp"' in card
    pages.write_thumbnails({"opt_failure/zones": entry}, tmp_path, tmp_path / "gallery")
    thumbs = tmp_path / "gallery" / "thumbs" / "opt_failure"
    with Image.open(thumbs / "zones.webp") as light, Image.open(thumbs / "zones.dark.webp") as dark:
        assert light.size == dark.size == (400, 250)
        assert light.getpixel((5, 5))[0] > 240 and dark.getpixel((5, 5))[0] < 40


def test_figures_carry_their_size_and_videos_their_description(tmp_path):
    import struct
    import zlib
    (tmp_path / "ica").mkdir()
    png = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 640, 360, 8, 2, 0, 0, 0)
           + struct.pack(">I", zlib.crc32(b"IHDR")))
    (tmp_path / "ica" / "learn.png").write_bytes(png)
    (tmp_path / "learn.py").write_text('"""Learning A\n\nThe columns rotate onto the true\ndirections. '
                                       'Scene `LearnA` (toyviz/anim/ica.py).\n"""\n')
    manifest = {"ica/learn": dict(MANIFEST["ica/learn"], source="learn.py")}
    embed.add_sizes_and_descriptions(manifest, tmp_path, tmp_path)
    assert manifest["ica/learn"]["size"] == (640, 360)
    assert manifest["ica/learn"]["description"] == "The columns rotate onto the true directions."
    html = embed.replace_tags("{{ figure: ica/learn }}", manifest, "part2/")
    assert 'width="640" height="360"' in html and "--tv-ratio: 56.250%" in html
    assert 'aria-describedby="fig-ica-learn-text"' in html and "autoplay" not in html
    assert '<p id="fig-ica-learn-text">The columns rotate onto the true directions.</p>' in html


def test_cli_reference_covers_every_command():
    text = pages.cli_reference()
    for command in ("toyviz figures build", "toyviz figures list", "toyviz figures clean", "toyviz render"):
        assert f"## `{command}`" in text
    assert "--quality" in text


# --- measured numbers: {{ n:ID }} ---------------------------------------------------------------------

VALUES = {"toy.recovered_share": {"id": "toy.recovered_share", "text": "84%", "size": "4,000 seeds",
                                  "value": 0.84, "_source": "opt_failure/claims", "_quality": "preview"}}


def test_a_number_tag_becomes_the_published_text_with_its_size_and_quality():
    text = numbers.replace_numbers("Of the seeds, {{ n:toy.recovered_share }} recover.", VALUES)
    assert text == ('Of the seeds, <span class="tv-n" title="4,000 seeds · preview build">84%</span> recover.')


def test_a_number_in_a_figure_caption_is_plain_text_in_the_caption_and_the_alt():
    md = numbers.replace_numbers("{{ figure: opt_failure/zones | {{ n:toy.recovered_share }} recover }}\n",
                                 VALUES, plain_lines=embed.FIGURE_TAG)
    html = embed.replace_tags(md, MANIFEST, "part1/")
    assert 'alt="84% recover"' in html and "<figcaption>84% recover" in html


def test_unknown_number_aborts_the_mkdocs_build_naming_page_and_id(monkeypatch):
    monkeypatch.setattr(hooks, "_manifest", MANIFEST)
    monkeypatch.setattr(hooks, "_values", VALUES)
    page = SimpleNamespace(url="part1/", file=SimpleNamespace(src_uri="part1/index.md", generated_by=None))
    with pytest.raises(PluginError, match="part1/index.md: unknown number id 'toy.recovered_shar'"):
        hooks.on_page_markdown("Text {{ n:toy.recovered_shar }}.", page, {}, None)


def _claims_figure(tmp_path, fig_id: str, values: list[dict]) -> dict:
    path = tmp_path / f"{fig_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_claims(path, [], values)
    return {"id": fig_id, "title": fig_id, "kind": "data", "reproduces": None, "files": [f"{fig_id}.json"],
            "source": "s", "hash": "h", "seconds": 0.0, "quality": "final"}


def test_values_are_loaded_with_their_source_and_listed_on_the_claims_page(tmp_path):
    entry = _claims_figure(tmp_path, "opt_failure/claims", [value("toy.dead", "12", size="200 seeds", value=12)])
    values = numbers.load_values(tmp_path, {entry["id"]: entry})
    assert values["toy.dead"] == {"id": "toy.dead", "text": "12", "size": "200 seeds", "value": 12,
                                  "_source": "opt_failure/claims", "_quality": "final"}
    page = pages.claims_page([], {entry["id"]: entry}, values)
    assert '| <code id="n-toy.dead">toy.dead</code> | 12 | 200 seeds |' in page


def test_a_value_id_published_by_two_figures_names_both(tmp_path):
    a = _claims_figure(tmp_path, "opt_failure/claims", [value("toy.dead", "12", size="200 seeds")])
    b = _claims_figure(tmp_path, "beyond/claims", [value("toy.dead", "13", size="200 seeds")])
    with pytest.raises(ValueError, match="'toy.dead' is published by both opt_failure/claims and beyond/claims"):
        numbers.load_values(tmp_path, {a["id"]: a, b["id"]: b})


@pytest.mark.parametrize("bad", ["nodot", "Upper.case", "toy..x", "toy.x-y"])
def test_a_value_id_must_be_dotted_lower_case_words(bad):
    with pytest.raises(ValueError, match="dotted"):
        value(bad, "1", size="1 run")
