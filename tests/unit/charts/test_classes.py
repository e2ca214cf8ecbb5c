"""``CSS_CLASSES`` is what a stylesheet may rely on: every class the charts draw is listed, and
every listed class is drawn by some chart."""

from marketplace.charts import CSS_CLASSES, bar_chart, month_chart, province_map
from marketplace.money import format_satang
from tests.unit.charts.svg import parse


def drawn_classes() -> set[str]:
    charts = [
        bar_chart([("a", 5), ("b", 0)], title="t", value_text=format_satang),
        bar_chart([], title="t", value_text=format_satang),
        month_chart(["m1", "m2"], [("a", [1, 2]), ("b", [3, 4]), ("c", [5, 6])], title="t", value_text=format_satang),
        province_map({code: value for code, value in zip(("10", "11", "12", "13", "14"), (1, 10, 100, 1000, 10000))},
                     {}, title="t", value_text=format_satang, no_data_label="none", legend_title="legend"),
    ]
    return {css for chart in charts for element in parse(chart).iter() for css in element.get("class", "").split()}


def test_the_listed_classes_are_the_drawn_ones():
    assert drawn_classes() == set(CSS_CLASSES)
