"""Page frames from stencils (hooks/site_frames.py) give exactly the HTML Material's templates give."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jinja2
import pytest
from conftest import REPO, copy_project, run_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

sys.path.insert(0, str(REPO / "hooks"))
from site_frames import FrameStencils  # noqa: E402

from synthetic import generate  # noqa: E402

FRAME = (
    "<title>{{ page.meta.title }} - Bürgerinfo</title>"
    "{% if page.meta.bi_head %}{{ page.meta.bi_head }}{% endif %}"
    '{% if page.meta.description %}<meta name=description content="{{ page.meta.description }}">{% endif %}'
    '<link rel=canonical href="{{ page.canonical_url }}"><header>{{ page.title }}</header>'
    "{% if '<h1' not in page.content %}<h1>{{ page.title }}</h1>{% endif %}{{ page.content }}<footer>"
)
PAGES = [
    ("Haushalt 2024", "Der Haushalt", "<h1>Haushalt 2024</h1><p>Text</p>"),
    ("Kita &amp; Schule", "", "<h1>Kita</h1>"),
    ("Straße &lt;b&gt;", "Bau &quot;Ost&quot;", "<h1>Straße</h1><p>x</p>"),
    ("Ohne Überschrift", "Beschreibung", "<p>nur Text</p>"),
    ("Radweg", "Radweg 'Nord'", "<h1>Radweg</h1>"),
    ("Brücke", "Neubau", "<h1>Brücke</h1><table></table>"),
    ("Ohne Überschrift 2", "Beschreibung 2", "<p>auch nur Text</p>"),
    ("Ohne Überschrift 3", "Beschreibung 3", "<p>wieder nur Text</p>"),
]


def _config() -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "Bürgerinfo", "site_url": "https://buergerinfo.test/"})
    errors, _warnings = config.validate()
    assert not errors
    return config


def _pages(config: MkDocsConfig) -> list[Page]:
    pages = []
    for number, (title, description, content) in enumerate(PAGES):
        file = File(f"vorlagen/k/{number:04}.md", src_dir=None, dest_dir="/site", use_directory_urls=True)
        page = Page(None, file, config)
        page.title = title
        # Every page names its own feed in the head (hooks/site_exports.py), as generated pages do.
        head = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{number}.atom">'
        page.meta.update({"title": title, "description": description, "bi_head": head})
        page.content = content
        pages.append(page)
    return pages


def _render_all(frame: str) -> tuple[list[str], list[str], dict[str, int]]:
    template = jinja2.Environment().from_string(frame)
    stencils = FrameStencils(template.render)
    pages = _pages(_config())
    through_stencils = [stencils.page_html("vorlagen/2", page, {"page": page}) for page in pages]
    direct = [template.render({"page": page}) for page in pages]
    return through_stencils, direct, stencils.statistics()


def test_stencil_fills_every_value_like_the_template():
    through_stencils, direct, statistics = _render_all(FRAME)
    assert through_stencils == direct
    # Pages with and without their own <h1>, with and without description: three kinds with two or more pages.
    assert statistics["stencils"] == 2, statistics


@pytest.mark.parametrize(
    "change",
    [
        ("<header>{{ page.title }}</header>", "<header>{{ page.title | striptags }}</header>"),
        ("<footer>", "<footer>{{ page.url }}"),
        ("<footer>", "<footer>{{ page.meta.description | upper }}"),
        ('href="{{ page.canonical_url }}"', "href={{ page.canonical_url | tojson }}"),
        ("{{ page.meta.bi_head }}", "{{ page.meta.bi_head | e }}"),
    ],
    ids=["filtered title", "other page value", "changed description", "quoted address", "escaped head"],
)
def test_a_frame_that_uses_the_page_otherwise_is_rendered_normally(change):
    through_stencils, direct, statistics = _render_all(FRAME.replace(*change))
    assert through_stencils == direct
    assert statistics["stencils"] == 0, statistics


def test_synthetic_site_is_the_same_with_and_without_stencils(tmp_path):
    """A real build where stencils are used: every output file equals the one rendered without them."""
    project = copy_project(tmp_path / "project", with_data=False)
    generate(project, 150, seed=5)
    paper = min((project / "data/vorlagen").rglob("*.yml"))
    hostile_title = 'betreff: "<b>Fett</b> & &amp; \\"Zitat\\" \'x\' {{ page.title }} \\ue000"'
    text = re.sub(
        r"^betreff: .*$", lambda _: hostile_title, paper.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE
    )
    paper.write_text(text, encoding="utf-8")

    with_stencils = run_build(project, tmp_path / "with")
    assert with_stencils.returncode == 0, with_stencils.stderr
    without = run_build(project, tmp_path / "without", extra_env={"BUERGERINFO_STENCILS": "0"})
    assert without.returncode == 0, without.stderr

    files_with = _files(tmp_path / "with")
    files_without = _files(tmp_path / "without")
    assert files_with.keys() == files_without.keys()
    differing = [name for name in files_with if files_with[name] != files_without[name]]
    assert differing == []
    hostile_page = (tmp_path / "with" / _url_of(paper) / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Fett&lt;/b&gt; &amp; &amp;amp;" in hostile_page


def test_stencils_are_used_in_a_real_build(tmp_path):
    project = copy_project(tmp_path / "project", with_data=False)
    generate(project, 60, seed=6)
    result = run_build(project, tmp_path / "site", extra_args=["--verbose"])
    assert result.returncode == 0, result.stderr
    used = re.search(r"Bürgerinfo page frames: \{'stencils': (\d+)", result.stdout + result.stderr)
    assert used, result.stdout[-2000:] + result.stderr[-2000:]
    assert int(used.group(1)) >= 3


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def _url_of(paper: Path) -> str:
    return f"vorlagen/{paper.parent.name}/{paper.stem}"


def test_whitespace_runs_become_one_line_break_except_where_white_space_shows():
    """hooks/site_html.py: a run of blanks with a line break renders as one break; verbatim elements keep theirs."""
    from site_html import compact_whitespace

    page = (
        "<ul>\n    \n  <li>a\n      b</li>  \n</ul>\n\n<pre>x\n   y</pre>\n <code>c\n  d</code> <kbd>e\n  f</kbd>"
        "<textarea>\n  g</textarea>\n  <script>var h\n  = 1</script>\n  <p>kein  Umbruch</p>"
    )
    assert compact_whitespace(page) == (
        "<ul>\n<li>a\nb</li>\n</ul>\n<pre>x\n   y</pre>\n<code>c\n  d</code> <kbd>e\n  f</kbd>"
        "<textarea>\n  g</textarea>\n<script>var h\n  = 1</script>\n<p>kein  Umbruch</p>"
    )
    assert compact_whitespace(compact_whitespace(page)) == compact_whitespace(page)


def test_an_inline_svg_leaves_its_namespace_to_the_html_parser_except_where_text_shows_it():
    """hooks/site_html.py: Material's icons name the SVG namespace, which an HTML parser gives every <svg> anyway."""
    from site_html import compact_page

    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>'
    page = f"<label>\n  {svg}\n</label><pre>{svg}</pre><code>{svg}</code>"
    assert compact_page(page) == (
        '<label>\n<svg viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>\n</label>' f"<pre>{svg}</pre><code>{svg}</code>"
    )
