"""Server-rendered SVG charts: horizontal bars, monthly columns and a tile map of Thailand.

A low-level helper, like ``money``: it knows nothing of models, requests or gettext. The
pages hand it already-translated words and a ``value_text`` function that turns a value
into text (``money.format_satang`` for satang), and get back one ``<svg>`` element as
``Markup`` to drop into a template. No JavaScript, no outside service.

Every chart

* scales to its container: a ``viewBox``, ``width="100%"`` and a ``max-width`` in ``rem``
  equal to the viewBox width, so text drawn at 14–16 viewBox units is 14–16 px on a wide
  screen and never smaller than about 10 px in a 300 px column on a phone;
* is an image to assistive technology (``role="img"``, ``aria-labelledby`` naming its
  ``<title>`` and ``<desc>``): the page puts the same figures in a table under it, so the
  inner labels are for eyes only. Links inside (``href=``) are shortcuts for the pointer
  and are kept out of the tab order; the table under the chart carries the same links;
* escapes every text it is given, and shortens long labels with an ellipsis while the
  full text stays in a ``<title>`` tooltip;
* draws with CSS classes (listed in ``CSS_CLASSES``) and presentation attributes for its
  default colours, which any stylesheet rule on those classes overrides.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from markupsafe import Markup, escape

ValueText = Callable[[int], str]

INK = "#231f1c"
INK_SOFT = "#5f5750"
GRID_LINE = "#e7dfd4"
EMPTY_TEXT = "—"

# Greens and teals for money, told apart by lightness as well as hue; the first two stand out
# from the page at 3:1 or more.
BAR_FILL = "#23744a"
SERIES_FILLS = ("#1b6f5f", "#3f9a82", "#b5dcb0")

CSS_CLASSES = (
    "chart", "chart-bars", "chart-months", "chart-map",
    "chart-row", "chart-bar", "chart-label", "chart-value", "chart-empty",
    "chart-grid", "chart-axis", "chart-axis-label", "chart-month", "chart-month-label",
    "chart-series-1", "chart-series-2", "chart-series-3",
    "chart-legend", "chart-legend-item", "chart-legend-swatch", "chart-legend-title",
    "map-tile", "map-label", "map-step-1", "map-step-2", "map-step-3", "map-step-4", "map-step-5",
    "map-step-none",
)

_ROUND_MANTISSAS_TENTHS = (10, 15, 20, 25, 30, 40, 50, 60)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_URL_IGNORED = re.compile("[\x00-\x20\x7f]")  # what browsers drop from a URL before reading its scheme
_LINK_SCHEMES = ("", "http", "https")
_SVG_NS = "http://www.w3.org/2000/svg"


# ---------------------------------------------------------------------------------------
# Numbers


def round_numbers(up_to: int) -> Iterable[int]:
    """The round positive integers (1, 1.5, 2, 2.5, 3, 4, 5 or 6 times a power of ten) in
    increasing order, ending with the first one that is at least ``up_to``."""
    exponent = 0
    while True:
        for tenths in _ROUND_MANTISSAS_TENTHS:
            scaled = tenths * 10 ** exponent
            if scaled % 10:
                continue
            yield scaled // 10
            if scaled // 10 >= up_to:
                return
        exponent += 1


def nice_step(raw: float) -> int:
    """The smallest round integer (see ``round_numbers``) at least ``raw``, and at least 1."""
    needed = max(1, math.ceil(raw))
    return next(number for number in round_numbers(needed) if number >= needed)


def nice_ticks(maximum: int, *, most: int = 5) -> list[int]:
    """Gridline values from 0 up to the first round step at or above ``maximum``, with at
    most ``most`` steps above zero: ``nice_ticks(251) == [0, 60, 120, 180, 240, 300]``.

    Because round numbers from 10 up are less than 5/3 times apart, the step count is ``most``
    or ``most - 1`` for a ``maximum`` of 30 or more (with the default five); smaller counts may
    get three steps. A maximum of
    zero or less gives ``[0]``: nothing to scale, the caller shows an empty chart."""
    if maximum <= 0:
        return [0]
    step = nice_step(maximum / most)
    top = math.ceil(maximum / step) * step
    return list(range(0, top + 1, step))


# ---------------------------------------------------------------------------------------
# Text


def _clusters(text: str) -> list[str]:
    """``text`` cut into what a reader sees as characters: a Thai consonant keeps its vowel
    and tone marks, so an ellipsis never strands a mark."""
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.category(char) in ("Mn", "Me"):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _cluster_width(cluster: str) -> float:
    base = cluster[0]
    if base.isspace():
        return 0.3
    if unicodedata.east_asian_width(base) in ("W", "F"):
        return 1.0
    if base in "il.,:;'|!()[]":
        return 0.35
    if base in "MWmwฒฌฆฑฬษ@%":
        return 0.85
    return 0.6


def text_width(text: str, font_size: float) -> float:
    """An estimate, in viewBox units, of how wide ``text`` is drawn at ``font_size``; generous
    enough for the usual Thai and Latin faces (Thai above and below marks take no width)."""
    return sum(_cluster_width(cluster) for cluster in _clusters(text)) * font_size


def ellipsize(text: str, max_width: float, font_size: float) -> str:
    """``text`` if it fits in ``max_width``, else its longest beginning that fits with "…"."""
    if text_width(text, font_size) <= max_width:
        return text
    room = max_width - text_width("…", font_size)
    kept: list[str] = []
    used = 0.0
    for cluster in _clusters(text):
        used += _cluster_width(cluster) * font_size
        if used > room:
            break
        kept.append(cluster)
    return "".join(kept).rstrip() + "…"


def _wrap_month(text: str) -> list[str]:
    """A month label on one line, or on two at its last space ("ม.ค. 69" → "ม.ค.", "69")."""
    head, space, tail = text.rpartition(" ")
    return [head, tail] if space and head.strip() else [text]


# ---------------------------------------------------------------------------------------
# SVG building


def _clean(text: str) -> str:
    """Text without the control characters that XML cannot hold."""
    return _XML_INVALID.sub("", text)


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _attributes(attributes: Mapping[str, object]) -> str:
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        text = _number(value) if isinstance(value, float) else str(value)
        parts.append(f' {name}="{escape(_clean(text))}"')
    return "".join(parts)


def _element(tag: str, attributes: Mapping[str, object] | None = None, *children: str) -> Markup:
    """``<tag attributes>children</tag>``: plain ``str`` children are escaped, ``Markup`` ones kept."""
    inner = "".join(child if isinstance(child, Markup) else str(escape(_clean(child))) for child in children)
    opening = f"<{tag}{_attributes(attributes or {})}"
    return Markup(f"{opening}>{inner}</{tag}>" if children else f"{opening}/>")


def _title(text: str) -> Markup:
    return _element("title", None, text)


def _text(x: float, y: float, text: str, *, css: str, size: float, fill: str = INK, anchor: str = "start",
          weight: str | None = None) -> Markup:
    return _element("text", {
        "class": css, "x": float(x), "y": float(y), "font-size": float(size), "fill": fill,
        "text-anchor": anchor, "font-weight": weight,
    }, text)


def _link(href: str | None, *children: str) -> Markup:
    """The children, wrapped in a pointer-only link when there is an ``href``. Only relative
    and http(s) links: a ``javascript:`` one built from stored data must not become a script."""
    if href is None:
        return Markup("").join(children)
    if urlsplit(_URL_IGNORED.sub("", href)).scheme.lower() not in _LINK_SCHEMES:
        raise ValueError(f"not a relative or http(s) link: {href!r}")
    return _element("a", {"href": href, "tabindex": "-1"}, *children)


def _chart_id(kind: str, *parts: object) -> str:
    digest = hashlib.sha1(repr((kind, parts)).encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"chart-{digest[:10]}"


def _svg(kind: str, width: float, height: float, *, title: str, description: str, chart_id: str,
         body: Sequence[str]) -> Markup:
    labelled_by = f"{chart_id}-title" + (f" {chart_id}-desc" if description else "")
    head = [_element("title", {"id": f"{chart_id}-title"}, title)]
    if description:
        head.append(_element("desc", {"id": f"{chart_id}-desc"}, description))
    return _element("svg", {
        "xmlns": _SVG_NS, "class": f"chart {kind}", "id": chart_id, "role": "img",
        "aria-labelledby": labelled_by, "viewBox": f"0 0 {_number(width)} {_number(height)}",
        "width": "100%", "preserveAspectRatio": "xMidYMid meet",
        "style": f"max-width:{_number(width / 16)}rem;height:auto",
        "font-size": "16", "fill": INK,
    }, *head, *body)


def _check_not_negative(values: Iterable[int], what: str) -> None:
    for value in values:
        if value < 0:
            raise ValueError(f"{what} cannot be negative, got {value}")


# ---------------------------------------------------------------------------------------
# Bar chart

BAR_WIDTH = 480
_BAR_PAD = 8
_BAR_LABEL_SIZE = 17
_BAR_VALUE_SIZE = 16
_BAR_LABEL_LINE = 25
_BAR_HEIGHT = 20
_BAR_ROW = 58
_EMPTY_HEIGHT = 96


def bar_chart(bars: Sequence[tuple[str, int]], *, title: str, value_text: ValueText, description: str = "",
              href: Sequence[str | None] | None = None, chart_id: str | None = None) -> Markup:
    """Horizontal bars, one row per ``(label, value)`` in the given order: the label on its own
    line (shortened with "…" when it is too long, in full in the row's tooltip), the bar below
    it with ``value_text(value)`` at its end. Bar lengths are proportional to the values.

    ``href``, when given, holds one link (or ``None``) per bar. No bars, or only zeros, draw
    the empty state "—". Raises ``ValueError`` for a negative value or when ``href`` and
    ``bars`` differ in length. ``chart_id`` names the element (and prefixes its inner ids);
    by default it is derived from the content, so that the same chart gets the same id.
    """
    _check_not_negative((value for _, value in bars), "a bar")
    if href is not None and len(href) != len(bars):
        raise ValueError(f"{len(href)} links for {len(bars)} bars")
    chart_id = chart_id or _chart_id("bars", title, description, tuple(bars), tuple(href or ()))
    largest = max((value for _, value in bars), default=0)
    if largest == 0:
        return _svg("chart-bars", BAR_WIDTH, _EMPTY_HEIGHT, title=title, description=description,
                    chart_id=chart_id, body=[_empty_state(BAR_WIDTH / 2, _EMPTY_HEIGHT / 2)])
    texts = [value_text(value) for _, value in bars]
    value_room = max(text_width(text, _BAR_VALUE_SIZE) for text in texts) + 8
    inner = BAR_WIDTH - 2 * _BAR_PAD
    longest_bar = inner - value_room
    rows = []
    for index, ((label, value), text) in enumerate(zip(bars, texts)):
        top = _BAR_PAD + index * _BAR_ROW
        length = longest_bar * value / largest
        bar_top = top + _BAR_LABEL_LINE
        row = [
            _title(f"{label}: {text}"),
            _text(_BAR_PAD, top + 18, ellipsize(label, inner, _BAR_LABEL_SIZE), css="chart-label",
                  size=_BAR_LABEL_SIZE),
            _element("rect", {"class": "chart-bar", "x": float(_BAR_PAD), "y": float(bar_top), "width": length,
                              "height": float(_BAR_HEIGHT), "rx": 3.0, "fill": BAR_FILL}),
            _text(_BAR_PAD + length + 6, bar_top + _BAR_HEIGHT / 2 + 0.36 * _BAR_VALUE_SIZE, text,
                  css="chart-value", size=_BAR_VALUE_SIZE, weight="600"),
        ]
        rows.append(_link(href[index] if href is not None else None,
                          _element("g", {"class": "chart-row"}, *row)))
    height = 2 * _BAR_PAD + len(bars) * _BAR_ROW - (_BAR_ROW - _BAR_LABEL_LINE - _BAR_HEIGHT)
    return _svg("chart-bars", BAR_WIDTH, height, title=title, description=description, chart_id=chart_id,
                body=rows)


def _empty_state(centre_x: float, centre_y: float) -> Markup:
    return _text(centre_x, centre_y + 0.36 * 28, EMPTY_TEXT, css="chart-empty", size=28, fill=INK_SOFT,
                 anchor="middle")


# ---------------------------------------------------------------------------------------
# Monthly columns

MONTH_WIDTH = 480
_MONTH_PAD = 8
_MONTH_TEXT_SIZE = 16
_MONTH_LEGEND_ROW = 26
_MONTH_PLOT_HEIGHT = 220
_MONTH_LABEL_LINE = 19


def month_chart(months: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], *, title: str,
                value_text: ValueText, description: str = "", tick_text: ValueText | None = None,
                chart_id: str | None = None, width: int = MONTH_WIDTH) -> Markup:
    """Grouped columns, ``width`` units wide (a wider chart for wide screens keeps its text
    the same size): one group per month (labels as the caller formats them, e.g.
    "ม.ค. 69", put on two lines at the last space when they do not fit on one), one column per series in each group
    (1 to 3 series of ``(name, values)``, one value per month), a legend of the series above,
    and 4–5 round gridlines (see ``nice_ticks``) labelled with ``tick_text``, by default
    ``value_text``: a shorter one (whole baht, no ".00") leaves the columns more room. When the month
    labels do not fit side by side only every second (third…) one is shown; every column's
    tooltip names its month, series and value.

    No months, or only zeros, draw the axis with the empty state "—". Raises ``ValueError`` for
    no series or more than three, a series whose length is not the number of months, or a
    negative value."""
    if not 1 <= len(series) <= len(SERIES_FILLS):
        raise ValueError(f"between 1 and {len(SERIES_FILLS)} series, got {len(series)}")
    for name, values in series:
        if len(values) != len(months):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(months)} months")
        _check_not_negative(values, "a monthly value")
    chart_id = chart_id or _chart_id("months", title, description, tuple(months),
                                     tuple((name, tuple(values)) for name, values in series))
    size = _MONTH_TEXT_SIZE
    legend, legend_height = _series_legend([name for name, _ in series], width - 2 * _MONTH_PAD)
    largest = max((value for _, values in series for value in values), default=0)
    ticks = nice_ticks(largest)
    tick_texts = [(tick_text or value_text)(tick) for tick in ticks]
    gutter = max(text_width(text, size) for text in tick_texts) + 8
    plot_left = _MONTH_PAD + gutter
    plot_width = width - _MONTH_PAD - plot_left
    plot_top = _MONTH_PAD + legend_height + 12
    plot_bottom = plot_top + _MONTH_PLOT_HEIGHT
    body: list[str] = [legend]
    top = ticks[-1]
    for tick, text in zip(ticks, tick_texts):
        y = plot_bottom - (_MONTH_PLOT_HEIGHT * tick / top if top else 0)
        body.append(_element("line", {"class": "chart-grid" if tick else "chart-axis", "x1": plot_left,
                                      "x2": float(width - _MONTH_PAD), "y1": y, "y2": y,
                                      "stroke": GRID_LINE if tick else INK_SOFT, "stroke-width": 1.0}))
        body.append(_text(plot_left - 6, y + 0.36 * size, text, css="chart-axis-label", size=size, fill=INK_SOFT,
                          anchor="end"))
    label_lines = 1
    if not months or largest == 0:
        body.append(_empty_state(plot_left + plot_width / 2, plot_top + _MONTH_PLOT_HEIGHT / 2))
    if months:
        group = plot_width / len(months)
        wrapped = [[month] for month in months]
        if max(text_width(month, size) for month in months) + 4 > group:
            wrapped = [_wrap_month(month) for month in months]
        label_lines = max(len(lines) for lines in wrapped)
        widest = max(text_width(line, size) for lines in wrapped for line in lines)
        every = max(1, math.ceil((widest + 4) / group))
        column = group * 0.8 / len(series)
        for index, month in enumerate(months):
            left = plot_left + index * group + group * 0.1
            columns: list[str] = []
            for number, (name, values) in enumerate(series, start=1):
                height = _MONTH_PLOT_HEIGHT * values[index] / top if top else 0.0
                columns.append(_element(
                    "rect", {"class": f"chart-bar chart-series-{number}", "x": left + (number - 1) * column,
                             "y": plot_bottom - height, "width": column, "height": height,
                             "fill": SERIES_FILLS[number - 1]},
                    _title(f"{month} · {name}: {value_text(values[index])}")))
            if index % every == 0:
                centre = plot_left + (index + 0.5) * group
                for line_number, line in enumerate(wrapped[index]):
                    columns.append(_text(centre, plot_bottom + 4 + (line_number + 1) * _MONTH_LABEL_LINE, line,
                                         css="chart-month-label", size=size, fill=INK_SOFT, anchor="middle"))
            body.append(_element("g", {"class": "chart-month"}, *columns))
    height = plot_bottom + 8 + label_lines * _MONTH_LABEL_LINE + _MONTH_PAD
    return _svg("chart-months", width, height, title=title, description=description, chart_id=chart_id,
                body=body)


def _series_legend(names: Sequence[str], width: float) -> tuple[Markup, float]:
    """Swatches and names in rows that wrap within ``width``; the legend and its height."""
    size = _MONTH_TEXT_SIZE
    swatch = 12
    items: list[str] = []
    x = y = 0.0
    for number, name in enumerate(names, start=1):
        shown = ellipsize(name, width - swatch - 6, size)
        item_width = swatch + 6 + text_width(shown, size) + 16
        if x and x + item_width > width:
            x, y = 0.0, y + _MONTH_LEGEND_ROW
        items.append(_element(
            "g", {"class": f"chart-legend-item chart-series-{number}"},
            _title(name),
            _element("rect", {"class": "chart-legend-swatch", "x": _MONTH_PAD + x, "y": _MONTH_PAD + y + 4,
                              "width": float(swatch), "height": float(swatch), "rx": 2.0,
                              "fill": SERIES_FILLS[number - 1]}),
            _text(_MONTH_PAD + x + swatch + 6, _MONTH_PAD + y + 10 + 0.36 * size, shown, css="chart-label",
                  size=size)))
        x += item_width
    return _element("g", {"class": "chart-legend"}, *items), y + _MONTH_LEGEND_ROW


# ---------------------------------------------------------------------------------------
# Province tile map

# A 5-step sequential scale after ColorBrewer's BuGn (steps 3, 4, 5, 7 and 9 of 9, the fourth a
# shade darker) and a grey for provinces with nothing to show. Tile labels are dark on the light
# steps and white on the dark ones, at 4.5:1 or more on every step.
MAP_STEP_FILLS = ("#ccece6", "#99d8c9", "#66c2a4", "#1f7f40", "#00441b")
MAP_NO_DATA_FILL = "#f1ede7"
MAP_NO_DATA_STROKE = "#d8cfc3"
MAP_LIGHT_LABEL_STEPS = frozenset({4, 5})

# Where each province sits on the tile map, as (column, row) with row 0 at the top: the
# north from Chiang Rai (57) down to the central plains, the northeast as a block to the
# right from Nong Khai (43) and Bueng Kan (38) down to Buri Ram (31) and Ubon (34), Bangkok
# (10) in the middle of the central provinces, the east coast from Chachoengsao (24) to
# Trat (23) to its lower right, and the peninsula from Phetchaburi (76) down to Yala (95)
# and Narathiwat (96). The crowded central plains are stretched; every province keeps
# most of its neighbours.
TILE_POSITIONS: dict[str, tuple[int, int]] = {
    # North
    "57": (2, 0),
    "58": (0, 1), "50": (1, 1), "56": (2, 1), "55": (3, 1),
    "51": (1, 2), "52": (2, 2), "54": (3, 2),
    "63": (1, 3), "64": (2, 3), "53": (3, 3),
    "62": (2, 4), "65": (3, 4), "67": (4, 4),
    "60": (2, 5), "66": (3, 5),
    # Northeast
    "43": (6, 2), "38": (7, 2),
    "42": (4, 3), "39": (5, 3), "41": (6, 3), "47": (7, 3), "48": (8, 3),
    "36": (5, 4), "40": (6, 4), "46": (7, 4), "49": (8, 4),
    "30": (5, 5), "44": (6, 5), "45": (7, 5), "35": (8, 5), "37": (9, 5),
    "31": (6, 6), "32": (7, 6), "33": (8, 6), "34": (9, 6),
    # Central and west
    "16": (4, 5),
    "61": (1, 6), "18": (2, 6), "17": (3, 6), "19": (4, 6),
    "71": (1, 7), "72": (2, 7), "15": (3, 7), "14": (4, 7),
    "70": (1, 8), "73": (2, 8), "12": (3, 8), "13": (4, 8),
    "75": (1, 9), "74": (2, 9), "10": (3, 9), "11": (4, 9),
    "76": (1, 10), "77": (1, 11),
    # East
    "26": (5, 6),
    "25": (5, 7),
    "24": (5, 8), "27": (6, 8),
    "20": (5, 9), "22": (6, 9),
    "21": (5, 10), "23": (6, 10),
    # South
    "86": (1, 12),
    "85": (0, 13), "84": (1, 13),
    "82": (0, 14), "81": (1, 14), "80": (2, 14),
    "83": (0, 15), "92": (1, 15), "93": (2, 15),
    "91": (1, 16), "90": (2, 16), "94": (3, 16),
    "95": (3, 17), "96": (4, 17),
}

# The official Thai abbreviations of the provinces (อักษรย่อจังหวัด, as on number plates):
# short tile labels for pages in Thai. Pages in other languages keep the default, the code.
THAI_ABBREVIATIONS: dict[str, str] = {
    "10": "กทม.", "11": "สป.", "12": "นบ.", "13": "ปท.", "14": "อย.", "15": "อท.", "16": "ลบ.",
    "17": "สห.", "18": "ชน.", "19": "สบ.", "20": "ชบ.", "21": "รย.", "22": "จบ.", "23": "ตร.",
    "24": "ฉช.", "25": "ปจ.", "26": "นย.", "27": "สก.", "30": "นม.", "31": "บร.", "32": "สร.",
    "33": "ศก.", "34": "อบ.", "35": "ยส.", "36": "ชย.", "37": "อจ.", "38": "บก.", "39": "นภ.",
    "40": "ขก.", "41": "อด.", "42": "ลย.", "43": "นค.", "44": "มค.", "45": "รอ.", "46": "กส.",
    "47": "สน.", "48": "นพ.", "49": "มห.", "50": "ชม.", "51": "ลพ.", "52": "ลป.", "53": "อต.",
    "54": "พร.", "55": "นน.", "56": "พย.", "57": "ชร.", "58": "มส.", "60": "นว.", "61": "อน.",
    "62": "กพ.", "63": "ตก.", "64": "สท.", "65": "พล.", "66": "พจ.", "67": "พช.", "70": "รบ.",
    "71": "กจ.", "72": "สพ.", "73": "นฐ.", "74": "สค.", "75": "สส.", "76": "พบ.", "77": "ปข.",
    "80": "นศ.", "81": "กบ.", "82": "พง.", "83": "ภก.", "84": "สฎ.", "85": "รน.", "86": "ชพ.",
    "90": "สข.", "91": "สต.", "92": "ตง.", "93": "พท.", "94": "ปน.", "95": "ยล.", "96": "นธ.",
}

# The tile map's legend sits in the sea and the neighbours' land at its lower right,
# from this (column, row) to the right and bottom edges of the grid.
MAP_LEGEND_CELL = (3, 11)

MAP_TILE = 40
MAP_GAP = 2
_MAP_CELL = MAP_TILE + MAP_GAP
_MAP_COLUMNS = max(column for column, _ in TILE_POSITIONS.values()) + 1
_MAP_ROWS = max(row for _, row in TILE_POSITIONS.values()) + 1
MAP_WIDTH = _MAP_COLUMNS * _MAP_CELL
MAP_HEIGHT = _MAP_ROWS * _MAP_CELL
_MAP_LABEL_SIZE = 14
_MAP_LEGEND_SIZE = 15
_MAP_LEGEND_ROW = 26


def nearest_round(value: int) -> int:
    """The round number (see ``round_numbers``) closest to a positive ``value``; the lower one on a tie."""
    if value <= 1:
        return 1
    candidates = list(round_numbers(value))
    return min(candidates, key=lambda number: (abs(number - value), number))


def step_bounds(values: Iterable[int], *, steps: int = 5) -> list[int]:
    """Lower bounds of up to ``steps`` classes for the positive ``values``, ascending: the
    smallest value, then the quintiles rounded to round numbers (see ``round_numbers``).

    Quantiles, not equal slices of the maximum, because sales are lopsided: one busy province
    would otherwise leave every other one in the first class. A bound that rounding pushes
    past the largest value, or onto an earlier bound, is dropped, so there may be fewer
    classes than ``steps`` (one when every value is the same) and the top class is never
    empty. No positive value gives ``[]``."""
    positive = sorted(value for value in values if value > 0)
    if not positive:
        return []
    bounds = [positive[0]]
    for index in range(1, steps):
        bound = nearest_round(positive[index * len(positive) // steps])
        if bounds[-1] < bound <= positive[-1]:
            bounds.append(bound)
    return bounds


def step_of(value: int | None, bounds: Sequence[int]) -> int:
    """The colour step (1–5) of ``value`` among classes starting at ``bounds``; 0 for no
    value, zero, or no bounds. With fewer than five classes the steps are spread over the
    scale (two classes are steps 1 and 5) so that neighbouring classes stay easy to tell apart."""
    if value is None or value <= 0 or not bounds:
        return 0
    index = sum(1 for bound in bounds if value >= bound) - 1
    if index < 0:
        return 0
    return _spread_step(index, len(bounds))


def _spread_step(index: int, classes: int) -> int:
    if classes == 1:
        return len(MAP_STEP_FILLS)
    return 1 + math.floor(index * (len(MAP_STEP_FILLS) - 1) / (classes - 1) + 0.5)


def province_map(values: Mapping[str, int], names: Mapping[str, str], *, title: str, value_text: ValueText,
                 no_data_label: str, description: str = "", legend_title: str = "",
                 labels: Mapping[str, str] | None = None, href: Callable[[str], str | None] | None = None,
                 chart_id: str | None = None) -> Markup:
    """A tile-grid cartogram of Thailand: one square per province at ``TILE_POSITIONS``,
    keyed by DOPA province code, all 77 drawn whatever ``values`` holds.

    A province's fill is its step (see ``step_bounds`` and ``step_of``) on a 5-step green
    scale; a province missing from ``values`` or at zero is light grey. Each tile shows its
    label from ``labels`` (``THAI_ABBREVIATIONS`` suits Thai pages; by default the code) and
    carries a tooltip with its name from ``names`` (the code when missing) and
    ``value_text(value)`` or ``no_data_label``. ``href(code)`` may give a link per tile.
    The legend, at the lower right in the sea, lists each step's range as
    ``value_text(low) – value_text(high)`` and ``no_data_label`` for the grey.

    Raises ``ValueError`` for a code that is not a province on the map or a negative value."""
    unknown = sorted(set(values) - set(TILE_POSITIONS))
    if unknown:
        raise ValueError(f"not a province code on the map: {', '.join(unknown)}")
    _check_not_negative(values.values(), "a province's value")
    chart_id = chart_id or _chart_id("map", title, description, legend_title, no_data_label,
                                     sorted(values.items()), sorted(names.items()))
    bounds = step_bounds(values.values())
    tiles = []
    for code, (column, row) in sorted(TILE_POSITIONS.items(), key=lambda item: (item[1][1], item[1][0])):
        value = values.get(code)
        step = step_of(value, bounds)
        name = names.get(code, code)
        shown = value_text(value) if value else (value_text(0) if value == 0 else no_data_label)
        x, y = column * _MAP_CELL + MAP_GAP / 2, row * _MAP_CELL + MAP_GAP / 2
        label = (labels or {}).get(code, code)
        tile = _element(
            "g", {"class": f"map-tile map-step-{step or 'none'}", "data-province": code},
            _title(f"{name}: {shown}"),
            _element("rect", {"x": x, "y": y, "width": float(MAP_TILE), "height": float(MAP_TILE), "rx": 4.0,
                              **_step_paint(step)}),
            _text(x + MAP_TILE / 2, y + MAP_TILE / 2 + 0.36 * _MAP_LABEL_SIZE,
                  ellipsize(label, MAP_TILE - 4, _MAP_LABEL_SIZE), css="map-label", size=_MAP_LABEL_SIZE,
                  fill="#ffffff" if step in MAP_LIGHT_LABEL_STEPS else INK, anchor="middle", weight="600"))
        tiles.append(_link(href(code) if href is not None else None, tile))
    legend = _map_legend(bounds, max(values.values(), default=0), value_text=value_text,
                         no_data_label=no_data_label, legend_title=legend_title)
    return _svg("chart-map", MAP_WIDTH, MAP_HEIGHT, title=title, description=description, chart_id=chart_id,
                body=[*tiles, legend])


def _step_paint(step: int) -> dict[str, object]:
    """The fill of a step; the grey of no data also gets an outline, so it is not read as the lightest step."""
    if step:
        return {"fill": MAP_STEP_FILLS[step - 1]}
    return {"fill": MAP_NO_DATA_FILL, "stroke": MAP_NO_DATA_STROKE, "stroke-width": 1.0}


def _map_legend(bounds: Sequence[int], largest: int, *, value_text: ValueText, no_data_label: str,
                legend_title: str) -> Markup:
    size = _MAP_LEGEND_SIZE
    left = MAP_LEGEND_CELL[0] * _MAP_CELL + 12
    top = MAP_LEGEND_CELL[1] * _MAP_CELL + 10
    swatch = 18
    room = MAP_WIDTH - left - swatch - 8 - 4
    entries: list[tuple[str, int, str]] = []
    for index, low in enumerate(bounds):
        high = bounds[index + 1] if index + 1 < len(bounds) else largest
        text = value_text(low) if low == high else f"{value_text(low)} – {value_text(high)}"
        step = _spread_step(index, len(bounds))
        entries.append((f"map-step-{step}", step, text))
    entries.append(("map-step-none", 0, no_data_label))
    items: list[str] = []
    y = float(top)
    if legend_title:
        items.append(_text(left, y + 0.8 * size, ellipsize(legend_title, MAP_WIDTH - left - 4, size),
                           css="chart-legend-title", size=size, weight="600"))
        y += _MAP_LEGEND_ROW
    for css, step, text in entries:
        items.append(_element(
            "g", {"class": f"chart-legend-item {css}"},
            _title(text),
            _element("rect", {"class": "chart-legend-swatch", "x": float(left), "y": y, "width": float(swatch),
                              "height": float(swatch), "rx": 3.0, **_step_paint(step)}),
            _text(left + swatch + 8, y + swatch / 2 + 0.36 * size, ellipsize(text, room, size), css="chart-label",
                  size=size)))
        y += _MAP_LEGEND_ROW
    return _element("g", {"class": "chart-legend"}, *items)
