"""The Markdown of data files, rendered by the core alone (no MkDocs)."""

from buergerinfo.markup import render_markdown


def test_raw_html_is_shown_as_text():
    assert render_markdown("<b>fett</b> und <script>alert(1)</script>") == (
        "<p>&lt;b&gt;fett&lt;/b&gt; und &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )


def test_unsafe_link_target_stays_text_and_safe_link_works():
    assert render_markdown("[a](javascript:alert(1))") == "<p>[a](javascript:alert(1))</p>\n"
    assert render_markdown("[Kreis](https://example.org/)") == (
        '<p><a href="https://example.org/" rel="noopener noreferrer">Kreis</a></p>\n'
    )


def test_tables_keep_alignment_and_lists_their_start_number():
    table = render_markdown("| Jahr | Euro |\n|:-|-:|\n| 2019 | 5.000 |")
    assert '<th style="text-align:left">Jahr</th>' in table
    assert '<td style="text-align:right">5.000</td>' in table
    assert render_markdown("21. Punkt\n22. Punkt").startswith('<ol start="21">')


def test_top_level_headings_cannot_compete_with_the_page_title():
    assert render_markdown("# Titel\n\nText") == "Titel\n<p>Text</p>\n"


def test_empty_field_gives_empty_html():
    assert render_markdown(None) == ""
    assert render_markdown("") == ""
