"""Reading the charts back: every chart must be one well-formed ``<svg>`` element that
an ``xml.etree`` parser accepts, labelled for assistive technology and drawn inside its viewBox."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markupsafe import Markup

from marketplace.charts import text_width

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(chart: Markup) -> ET.Element:
    assert isinstance(chart, Markup)
    root = ET.fromstring(str(chart))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def with_class(root: ET.Element, css: str, name: str | None = None) -> list[ET.Element]:
    """The elements (named ``name``, when given) under ``root`` that have the CSS class ``css``."""
    return [element for element in root.iter()
            if (name is None or tag(element) == name) and css in element.get("class", "").split()]


def tag(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]


def viewbox(root: ET.Element) -> tuple[float, float]:
    left, top, width, height = (float(part) for part in root.get("viewBox", "").split())
    assert (left, top) == (0, 0)
    return width, height


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter() if tag(element) == "text"]


def check_frame(root: ET.Element) -> None:
    """Scales to its container, labelled by its own title (and description), drawn in its viewBox."""
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert "px" not in (root.get("style") or "")
    assert root.get("preserveAspectRatio") == "xMidYMid meet"
    assert root.get("role") == "img"
    assert "chart" in root.get("class", "").split()
    labelled_by = root.get("aria-labelledby", "").split()
    assert labelled_by
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    assert tag(by_id[labelled_by[0]]) == "title"
    assert tag(root[0]) == "title"
    for extra in labelled_by[1:]:
        assert tag(by_id[extra]) == "desc"
    check_inside(root)


def check_inside(root: ET.Element) -> None:
    """No rectangle, line or (estimated) text reaches outside the viewBox."""
    width, height = viewbox(root)
    for element in root.iter():
        name = tag(element)
        if name == "rect":
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            w, h = float(element.get("width", 0)), float(element.get("height", 0))
            assert w >= 0 and h >= 0
            assert 0 <= x and x + w <= width + 0.01, (element.attrib, width)
            assert 0 <= y and y + h <= height + 0.01, (element.attrib, height)
        elif name == "line":
            for axis, limit in (("x", width), ("y", height)):
                for end in ("1", "2"):
                    assert 0 <= float(element.get(axis + end, 0)) <= limit + 0.01, element.attrib
        elif name == "text":
            size = float(element.get("font-size", 16))
            drawn = text_width("".join(element.itertext()), size)
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            left = {"start": x, "middle": x - drawn / 2, "end": x - drawn}[element.get("text-anchor", "start")]
            assert 0 <= left and left + drawn <= width + 0.01, (element.attrib, "".join(element.itertext()))
            assert 0.7 * size <= y <= height - 0.2 * size + 0.01, (element.attrib, height)
