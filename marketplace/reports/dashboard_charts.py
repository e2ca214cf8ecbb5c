"""The dashboard's charts, drawn on the server as SVG (``charts``) from its figures, with
titles in the reader's language. Each chart's figures are also in a table on the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup

from .. import geo
from ..charts import MONTH_WIDTH, THAI_ABBREVIATIONS, bar_chart, month_chart, province_map
from ..i18n import current_language, localized
from ..money import format_whole_baht
from .dashboard import Dashboard, GroupFigures
from .impact import Impact


def month_label(month: str) -> str:
    """``"2026-12"`` → ``"ธ.ค. 2026"`` / ``"Dec 2026"``."""
    year, number = month.split("-")
    return format_date(dt.date(int(year), int(number), 1), "MMM y")


def _bars(rows: tuple[GroupFigures, ...], *, title: str, description: str) -> Markup:
    return bar_chart([(localized(row, "name"), row.producer_net_satang) for row in rows], title=title,
                     description=description, value_text=format_whole_baht)


def provinces_map(values: dict[str, int], *, title: str, description: str,
                  href: Callable[[str], str | None] | None = None) -> Markup:
    """Thailand's 77 provinces as tiles, shaded by ``values`` (producer net by province
    code), each linked to ``href(code)`` when given."""
    thai = current_language() == "th"
    names = {province.code: province.name_th if thai else province.name_en for province in geo.provinces()}
    return province_map(values, names, title=title, description=description, value_text=format_whole_baht,
                        no_data_label=_("No sales"), legend_title=_("Producers' net"),
                        labels=THAI_ABBREVIATIONS if thai else None, href=href)


WIDE_MONTHS = 1000  # a year of months, side by side on a desktop at the size of the text around it


def _months(board: Dashboard, *, width: int) -> Markup:
    return month_chart(
        [month_label(row.month) for row in board.by_month],
        [(_("Items sold"), [row.items_satang for row in board.by_month]),
         (_("Commission"), [row.commission_satang for row in board.by_month]),
         (_("Producers' net"), [row.producer_net_satang for row in board.by_month])],
        title=_("Income month by month"), value_text=format_whole_baht, width=width, chart_id=f"months-{width}",
        description=_("Items sold, the companies' commission and the producers' net, per month."),
    )


def dashboard_charts(board: Dashboard, *, with_map: bool) -> dict[str, Markup]:
    """Every chart of ``board``, by the name of the section that shows it (the months twice:
    for phones, and wide for desktops)."""
    charts = {
        "months": _months(board, width=MONTH_WIDTH),
        "months_wide": _months(board, width=WIDE_MONTHS),
        "regions": _bars(board.by_region, title=_("Producers' net by region"),
                         description=_("Income returned to communities in each region.")),
        "provinces": _bars(board.by_province[:15], title=_("Producers' net by province (the 15 largest)"),
                           description=_("Income returned to communities in each province.")),
        "kinds": _bars(board.by_kind, title=_("Goods and community tourism"),
                       description=_("Producers' net from goods and from community tours.")),
        "categories": _bars(board.by_category, title=_("Producers' net by category"),
                            description=_("Income returned to communities by product category.")),
    }
    if with_map:
        charts["map"] = provinces_map({row.key: row.producer_net_satang for row in board.by_province},
                                      title=_("Map of producers' net by province"),
                                      description=_("Each square is a province, at its place in Thailand; the "
                                                    "darker, the more income it returned to communities."))
    return charts


def impact_charts(impact: Impact) -> dict[str, Markup]:
    """The impact page's charts: the map of the provinces and the regions, by producer net
    since the beginning."""
    return {
        "map": provinces_map({row.code: row.producer_net_satang for row in impact.provinces},
                             title=_("Map of income returned to communities, by province"),
                             description=_("Each square is a province, at its place in Thailand; the darker, the "
                                           "more income it returned to communities."),
                             href=lambda code: url_for("catalog.province", code=code)),
        "regions": _bars(impact.regions, title=_("Income returned to communities, by region"),
                         description=_("Producers' net since the marketplace began, in each region.")),
    }
