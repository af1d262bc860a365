"""SVG drawings are published without anything that could run or fetch; clean ones byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from newsroom.svgclean import SVG, SvgError, clean_svg
from support.builds import ROOT

OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'


def drawing(inner: str, head: str = "") -> bytes:
    return f'{head}{OPEN}<rect width="10" height="10" fill="url(#g)"/>{inner}</svg>'.encode()


def assert_inert(published: bytes) -> None:
    """Nothing in ``published`` runs, navigates to script or loads from elsewhere."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(published, parser)
    assert b"<!DOCTYPE" not in published and b"<?xml-stylesheet" not in published
    for element in root.iter():
        if not isinstance(element.tag, str):
            assert isinstance(element, etree._Comment)
            continue
        assert etree.QName(element).namespace == SVG
        assert etree.QName(element).localname not in ("script", "foreignObject")
        for name, value in element.attrib.items():
            local = etree.QName(name).localname
            assert not local.lower().startswith("on")
            assert "javascript" not in value.lower().replace("\t", "")
            if local == "href":
                assert value.startswith("#") or value.startswith("data:image/png;base64,")
            assert "https:" not in value


@pytest.mark.parametrize(
    ("data", "removed"),
    [
        (drawing("<script>alert(document.cookie)</script>"), "a <script> element"),
        (drawing('<g onload="alert(1)"/>').replace(b"<svg ", b'<svg onload="x()" ', 1), "an event handler (onload)"),
        (drawing('<a href="javascript:alert(1)"><text>click</text></a>'), "a javascript: link"),
        (drawing('<a xlink:href="java&#9;script:alert(1)"><text>click</text></a>'), "a javascript: link"),
        (drawing('<image href="https://tracker.example/pixel.png"/>'), "a reference to another file or site"),
        (drawing('<use xlink:href="https://evil.example/sprite.svg#a"/>'), "a reference to another file or site"),
        (drawing('<a href="data:text/html,&lt;script&gt;x&lt;/script&gt;"/>'), "a reference to another file or site"),
        (
            drawing('<foreignObject><body xmlns="http://www.w3.org/1999/xhtml">x</body></foreignObject>'),
            "a <foreignObject> element",
        ),
        (drawing('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'), "a <script> element"),
        (drawing('<set attributeName="href" to="javascript:alert(1)"/>'), "an animation that changes a link"),
        (drawing('<animate attributeName="onclick" values="x"/>'), "an animation that changes a link"),
        (drawing("<style>@import url(https://evil.example/a.css);</style>"), "a style that loads from elsewhere"),
        (drawing("<rect style=\"fill: url( 'https://evil.example/x' )\"/>"), "a style that loads from elsewhere"),
        (drawing('<rect fill="u\\72l(https://evil.example/x)"/>'), "a style that loads from elsewhere"),
        (drawing("", head='<?xml-stylesheet type="text/xsl" href="evil.xsl"?>'), "a processing instruction"),
        (drawing("&x;", head='<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]>'), "a <script> element"),
        (drawing("", head='<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]>'), "an event handler (onload)"),
    ],
)
def test_active_content_is_removed_and_named(data: bytes, removed: str) -> None:
    published, notes = clean_svg(data)
    assert removed in notes
    assert_inert(published)
    assert b'<rect width="10" height="10" fill="url(#g)"/>' in published  # the drawing itself stays
    assert clean_svg(published) == (published, ())  # cleaned once is clean
    assert clean_svg(data) == (published, notes)  # the same bytes every build


def test_the_text_after_a_removed_element_stays() -> None:
    published, _ = clean_svg(drawing("<text>Revenue<script>x()</script> in 2026</text>"))
    assert b"<text>Revenue in 2026</text>" in published


def test_an_xml_declaration_is_kept_in_utf8_when_a_drawing_is_cleaned() -> None:
    data = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" onload="x"><title>Café</title></svg>'
    )
    published, _ = clean_svg(data.encode("latin-1"))
    assert published == (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"><title>Caf\xc3\xa9</title></svg>\n'
    )


def test_the_sample_sites_drawings_are_published_byte_for_byte() -> None:
    drawings = sorted((ROOT / "content" / "images").rglob("*.svg"))
    assert len(drawings) > 20
    for path in drawings:
        data = path.read_bytes()
        assert clean_svg(data) == (data, ()), path


def test_what_drawing_programs_write_is_kept() -> None:
    data = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        b"<!-- Created with Inkscape -->\n"
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"'
        b' xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"'
        b' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        b' xmlns:cc="http://creativecommons.org/ns#" width="210mm" height="297mm" inkscape:version="1.3">'
        b'<sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="0.35"/>'
        b"<metadata><rdf:RDF><cc:Work><dc:title>Chart</dc:title></cc:Work></rdf:RDF></metadata>"
        b'<defs><linearGradient id="g"><stop offset="0" style="stop-color:#000"/></linearGradient></defs>'
        b'<g inkscape:label="Layer 1" inkscape:groupmode="layer"><path d="M0 0h10v10z" style="fill:url(#g)"/>'
        b'<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/></g></svg>\n'
    )
    assert clean_svg(data) == (data, ())


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not well-formed XML"),
        (b"<html><body><svg></svg></body></html>", "top element is not <svg"),
        (b"<svg width='1'/>", "top element is not <svg"),  # no namespace: a browser shows it as text
        (drawing("<g>"), "not well-formed XML"),
        (drawing("&e;", head='<!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/passwd">]>'), "not well-formed XML"),
        (
            drawing(
                "&a;",
                head="<!DOCTYPE svg ["
                + "".join(
                    f'<!ENTITY {a} "&{b};&{b};&{b};&{b};&{b};&{b};&{b};&{b};&{b};&{b};">'
                    for a, b in zip("abcdefgh", "bcdefghi", strict=True)
                )
                + '<!ENTITY i "lol">]>',
            ),
            "not well-formed XML",
        ),
    ],
)
def test_what_cannot_be_read_as_a_drawing_is_refused(data: bytes, why: str) -> None:
    with pytest.raises(SvgError, match=why):
        clean_svg(data)


def test_no_file_is_read_for_a_doctype_or_entity(tmp_path: Path) -> None:
    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ATTLIST svg data-secret CDATA "SECRET">')
    data = drawing("", head=f'<!DOCTYPE svg SYSTEM "{secret}">').replace(b"<svg ", b'<svg onload="x" ', 1)
    published, _ = clean_svg(data)
    assert b"SECRET" not in published
