"""The template engine: content is escaped for Markdown (and so for HTML) on the way out, our
own Markup passes, links are relative to the page, and only web addresses become links."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import jinja2
import pytest
import yaml
from markupsafe import Markup

from generator import site
from generator.emitters import Page
from generator.render import render_page
from generator.site import Link, root_of
from generator.templating import environment
from generator.text import md_inline
from tests.generator.test_text import site_render


class _Anchors(HTMLParser):
    """The links of an HTML fragment: (href, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append((dict(attrs).get("href") or "", ""))
            self._open = True

    def handle_endtag(self, tag: str) -> None:
        self._open = self._open and tag != "a"

    def handle_data(self, data: str) -> None:
        if self._open:
            self.links[-1] = (self.links[-1][0], self.links[-1][1] + data)


HOSTILE = "<script>alert(1)</script> *nadruk* [klik](javascript:x) `code` & | #"


def render(source: str, **context: Any) -> str:
    return environment().from_string(source).render(**context)


def test_content_is_escaped_for_markdown_and_html() -> None:
    out = render("{{ value }}", value=HOSTILE)
    assert out == md_inline(HOSTILE)
    assert "<script" not in out and "*nadruk*" not in out and "[klik](" not in out


@pytest.mark.parametrize("value", [12, 3.5, "€ 1.115.000", "a_b"])
def test_other_values_are_printed_through_the_same_escaping(value: object) -> None:
    assert render("{{ value }}", value=value) == md_inline(value)


def test_none_prints_nothing() -> None:
    assert render("[{{ value }}]", value=None) == "[]"


def test_markup_built_in_python_passes_as_it_is() -> None:
    assert render("{{ value }}", value=Markup("<b>vet</b>")) == "<b>vet</b>"


def test_a_value_is_escaped_once_also_through_a_macro() -> None:
    source = "{% macro cell(x) %}<td>{{ x }}</td>{% endmacro %}{{ cell(value) }}"
    assert render(source, value="<b>") == f"<td>{md_inline('<b>')}</td>"


def test_an_undefined_name_is_an_error_not_an_empty_string() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("{{ missing }}")


@pytest.mark.parametrize(
    ("page", "root"),
    [(site.HOME, ""), (site.INTERVENTIONS, "../"), (site.page_path("mechanism", "x"), "../")],
)
def test_links_are_relative_to_the_page(page: str, root: str) -> None:
    assert root_of(page) == root
    target = Link("Rol*modellen", site.page_path("mechanism", "rolmodellen"))
    source = "{{ t | link }}|{{ p | href }}|{{ p | html_href }}"
    out = render(source, t=target, p=site.BUDGET, root=root)
    link, href, html_href = out.split("|")
    assert link == f"[{md_inline('Rol*modellen')}]({root}mechanismen/rolmodellen.md)"
    assert href == f"{root}bijlagen/begroting.md"
    assert html_href == f"{root}bijlagen/begroting.html"


def test_a_link_label_cannot_break_out_of_the_link() -> None:
    label = "a](https://evil.example) [b"
    out = render("{{ t | link }}", t=Link(label, "themas/x.md"), root="")
    parser = _Anchors()
    parser.feed(site_render(out))
    assert parser.links == [("themas/x.md", label)]


def test_several_links_are_joined() -> None:
    targets = [Link("A", "themas/a.md"), Link("B", "themas/b.md")]
    assert render("{{ t | links }}", t=targets, root="../") == (
        "[A](../themas/a.md), [B](../themas/b.md)"
    )


def test_a_rendered_page_links_from_its_own_depth() -> None:
    template = environment().from_string("{{ paths.BUDGET | href }}")
    pages = {
        path: template.render(root=root_of(path))
        for path in (site.HOME, site.page_path("intervention", "mentor"))
    }
    assert pages == {
        "index.md": "bijlagen/begroting.md",
        "interventies/mentor.md": "../bijlagen/begroting.md",
    }


def test_render_page_passes_the_pages_depth_to_the_template() -> None:
    class Loader(jinja2.BaseLoader):
        def get_source(self, environment: jinja2.Environment, template: str) -> Any:
            return "{{ front_matter }}\n{{ paths.HOME | href }}", None, lambda: True

    env = environment().overlay(loader=Loader())
    out = render_page(env, Page("gebieden/centrum.md", "x", "Centrum <b>", {}))
    front, link = out.split("\n")
    assert link == "../index.md"
    title = yaml.safe_load(front)["title"]  # YAML front matter, without markup
    assert title.startswith("Centrum") and "<" not in title and "\\" not in title


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a`b`/*x*/_y_/[q]/|p|/?a=1&b=@c~~d!e#f",
        "http://example.org/x](javascript:alert(1))[y",
        "https://www.nijmegen.nl/Súdwest-Fryslân/€",
    ],
)
def test_url_links_to_exactly_the_address(url: str) -> None:
    out = render("{{ u | url }}", u=url)
    parser = _Anchors()
    parser.feed(out)
    assert [href for href, _ in parser.links] == [url]  # character references decoded
    assert out.endswith(f">{md_inline(url)}</a>")


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,x", "ftp://example.org", "//example.org", "mentor.md"],
)
def test_url_refuses_anything_but_a_web_address(url: str) -> None:
    with pytest.raises(ValueError):
        render("{{ u | url }}", u=url)
