"""The Markdown of data files, rendered by the core alone (no MkDocs)."""

from buergerinfo.views.markup import markdown_paragraphs, plain_text, render_markdown, render_text


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


LINKS = {"0121/2018": "../0121-2018/", "4711": "../4711/"}


def test_known_vorlagen_nummern_in_text_become_links_but_not_in_code_or_links():
    text = "Vorlage 0121/2018. `0121/2018` [0121/2018](https://example.org/) 10121/2018 0121/20189"
    html = render_markdown(text, LINKS)
    assert html == (
        '<p>Vorlage <a href="../0121-2018/">0121/2018</a>. <code>0121/2018</code> '
        '<a href="https://example.org/" rel="noopener noreferrer">0121/2018</a> 10121/2018 0121/20189</p>\n'
    )


def test_a_number_of_digits_only_is_linked_only_after_a_word_that_names_it():
    assert render_markdown("4711 Bäume, siehe Vorlage 4711", LINKS) == (
        '<p>4711 Bäume, siehe Vorlage <a href="../4711/">4711</a></p>\n'
    )


def test_plain_text_fields_are_escaped_and_linked():
    assert render_text("<b>Beschluss</b> zu 0121/2018", LINKS) == (
        '&lt;b&gt;Beschluss&lt;/b&gt; zu <a href="../0121-2018/">0121/2018</a>'
    )


def test_text_for_the_search_index_has_no_tags_and_no_entities():
    assert markdown_paragraphs("Straße & **Weg** <script>alert(1)</script>\n\n- a < b\n- <img src=x onerror=y>c") == [
        "Straße & Weg alert(1)",
        "a < b",
        "c",
    ]
    assert plain_text("  <b onclick=x>fett</b>\n und <!-- weg --> gut ") == "fett und gut"
