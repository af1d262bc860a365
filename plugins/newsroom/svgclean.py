"""SVG drawings cleaned of what could run or fetch before they are published (pure).

An SVG is a document: opened from the site's own address (a reader following the image
link), its scripts run as the site, with its readers' cookies. Every SVG is parsed with
lxml, as browsers parse it (internal entities expanded, the internal DTD's default
attributes applied, nothing loaded from elsewhere), and published without scripts,
``foreignObject`` (HTML inside the drawing), event handlers, links and references out of
the drawing (``javascript:``, other sites and files), styles that load from elsewhere,
processing instructions (``xml-stylesheet`` runs XSLT) and animations that rewrite a link.
Elements are kept from an allow-list of SVG's drawing elements and of the namespaces drawing
programs write (Inkscape, Illustrator…). A drawing that has none of this is published byte
for byte; a cleaned one is written again by lxml, without its DOCTYPE.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

SVG = "http://www.w3.org/2000/svg"
XML = "http://www.w3.org/XML/1998/namespace"
ELEMENTS = frozenset(
    "svg g defs symbol use title desc metadata switch view a path rect circle ellipse line polyline polygon text "
    "tspan textPath image style linearGradient radialGradient stop pattern clipPath mask marker filter mpath "
    "animate animateMotion animateTransform set feBlend feColorMatrix feComponentTransfer feComposite "
    "feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB "
    "feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight "
    "feSpecularLighting feSpotLight feTile feTurbulence".split()
)
ANIMATIONS = frozenset({"animate", "animateMotion", "animateTransform", "set"})
# What drawing programs add beside the drawing; browsers show none of it and run none of it.
EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
        "http://ns.adobe.com/Extensibility/1.0/",
        "http://ns.adobe.com/Graphs/1.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
        "http://ns.adobe.com/Variables/1.0/",
        "http://ns.adobe.com/ImageReplacement/1.0/",
        "http://www.bohemiancoding.com/sketch/ns",
    }
)
INLINE_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/=\s]*", re.IGNORECASE)
_CSS_REFERENCE = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_CSS_LOADS = ("@import", "@font-face", "image-set(", "expression(", "\\")
_PLAIN_VALUE = re.compile(r"[^:(\\]*\Z").match  # no scheme, reference or escape: a number, a colour, a path
_LOOKED_AT = frozenset({"href", "style", "base"})  # looked at whatever their value
_CONTROL = dict.fromkeys(range(0x21), None)  # browsers ignore whitespace and control characters in a scheme


class SvgError(ValueError):
    """The file cannot be read as an SVG drawing; ``line`` is where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class _NothingFromElsewhere(etree.Resolver):
    """Every external DTD or entity reads as empty, as in a browser: no file or URL is opened."""

    def resolve(self, url: str | None, pubid: str | None, context: Any) -> Any:
        return self.resolve_string("", context)


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(
        resolve_entities="internal", attribute_defaults=True, load_dtd=False, no_network=True, huge_tree=False
    )
    parser.resolvers.add(_NothingFromElsewhere())
    return parser


def _css_problem(css: str) -> str | None:
    """Why a style would load something from elsewhere, or None."""
    lowered = css.lower()
    if any(token in lowered for token in _CSS_LOADS):
        return "a style that loads from elsewhere"
    if any(not target.startswith("#") for target in _CSS_REFERENCE.findall(css)):
        return "a style that loads from elsewhere"
    return None


def _attribute_problem(element: str, name: str, value: str) -> str | None:
    """What an attribute would do that a published drawing may not, or None."""
    local = name.rpartition("}")[2]
    packed = value.translate(_CONTROL).lower()
    if local.lower().startswith("on"):
        return f"an event handler ({local})"
    if "javascript:" in packed or "vbscript:" in packed:
        return "a javascript: link"
    if local == "href":
        if value.strip().startswith("#") or (element in ("image", "feImage") and INLINE_IMAGE.fullmatch(value)):
            return None
        return "a reference to another file or site"
    if name == f"{{{XML}}}base" or "data:" in packed:
        return "a reference to another file or site"
    if local == "style" or "url(" in packed or "\\" in value:  # CSS: presentation attributes too
        return _css_problem(value)
    return None


def _element_problem(element: Any, name: str) -> str | None:
    """Why an SVG element goes with all it holds, or None."""
    if name == "style":
        return _css_problem("".join(element.itertext()))
    if name in ANIMATIONS:
        target = element.get("attributeName", "").strip()
        if target.lower().startswith("on") or target.split(":")[-1] == "href":
            return "an animation that changes a link"
    return None


def _clean_attributes(root: Any, notes: set[str]) -> None:
    """Remove from ``root`` and its descendants the attributes that may not be published."""
    for element in root.iter(etree.Element):
        for name, value in element.items():
            local = name.rpartition("}")[2]
            if _PLAIN_VALUE(value) and local not in _LOOKED_AT and local[:2].lower() != "on":
                continue  # most of a drawing's attributes: decided without a closer look
            wrong = _attribute_problem(element.tag.rpartition("}")[2], name, value)
            if wrong:
                notes.add(wrong)
                del element.attrib[name]


def _clean(parent: Any, notes: set[str]) -> None:
    """Remove from ``parent``'s descendants the elements that may not be published, noting what they were."""
    for child in list(parent):
        if isinstance(child, etree._Comment):
            continue
        if not isinstance(child.tag, str):
            gone: str | None = "a processing instruction"  # or an entity that could not be expanded
        else:
            namespace, _, local = child.tag[1:].rpartition("}") if child.tag[0] == "{" else ("", "", child.tag)
            if namespace == SVG and local in ELEMENTS:
                gone = _element_problem(child, local)
            elif namespace in EDITOR_NAMESPACES:
                gone = None
            else:
                gone = f"a <{local}> element"
        if gone:
            notes.add(gone)
            _remove(child)
            continue
        _clean(child, notes)


def _remove(element: Any) -> None:
    """Take ``element`` out, keeping the text that follows it."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def clean_svg(data: bytes) -> tuple[bytes, tuple[str, ...]]:
    """The bytes to publish for an SVG file and what was removed (sorted); ``data`` itself when nothing was.

    Raises ``SvgError`` when the file is not a well-formed SVG drawing.
    """
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise SvgError(f"it is not well-formed XML ({exc.msg})", exc.lineno or None) from exc
    if etree.QName(root).namespace != SVG or etree.QName(root).localname != "svg":
        raise SvgError('its top element is not <svg xmlns="http://www.w3.org/2000/svg">', root.sourceline)
    notes: set[str] = set()
    if any(not isinstance(n, etree._Comment) for n in [*root.itersiblings(preceding=True), *root.itersiblings()]):
        notes.add("a processing instruction")  # xml-stylesheet: left out when the root alone is written
    _clean(root, notes)  # the elements first: what they held goes with them
    _clean_attributes(root, notes)
    if not notes:
        return data, ()
    declared = data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml")
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n' if declared else b""
    return declaration + etree.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n", tuple(sorted(notes))
