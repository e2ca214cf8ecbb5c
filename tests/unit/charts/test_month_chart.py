import pytest

from marketplace.charts import EMPTY_TEXT, SERIES_FILLS, month_chart
from marketplace.money import format_satang
from tests.unit.charts.svg import check_frame, parse, tag, texts, with_class

MONTHS = ["ม.ค. 69", "ก.พ. 69", "มี.ค. 69", "เม.ย. 69"]
GROSS = [120_000, 0, 450_000, 1_000_000]
COMMISSION = [12_000, 0, 45_000, 100_000]
NET = [108_000, 0, 405_000, 900_000]
SERIES = [("ยอดขายรวม", GROSS), ("ค่าธรรมเนียม", COMMISSION), ("รายได้สุทธิ", NET)]


def chart(months=MONTHS, series=SERIES, **options):
    options.setdefault("title", "Income by month")
    options.setdefault("value_text", format_satang)
    return month_chart(months, series, **options)


def columns(root):
    return with_class(root, "chart-bar", "rect")


def test_one_column_per_month_and_series():
    root = parse(chart())
    check_frame(root)
    assert "chart-months" in root.get("class").split()
    assert len(columns(root)) == len(MONTHS) * len(SERIES)
    for number in (1, 2, 3):
        assert len(with_class(root, f"chart-series-{number}", "rect")) == len(MONTHS)
        assert len(with_class(root, f"chart-series-{number}", "g")) == 1  # its legend item
    assert len(with_class(root, "chart-month", "g")) == len(MONTHS)


@pytest.mark.parametrize("count", [1, 2, 3])
def test_one_to_three_series(count):
    root = parse(chart(series=SERIES[:count]))
    assert len(columns(root)) == len(MONTHS) * count
    assert len(with_class(root, "chart-legend-item", "g")) == count


def test_column_heights_are_proportional_and_stand_on_the_axis():
    root = parse(chart())
    axis = with_class(root, "chart-axis", "line")[0]
    gridlines = with_class(root, "chart-grid", "line")
    top_value = 1_000_000
    plot_height = float(axis.get("y1")) - float(gridlines[-1].get("y1"))
    for column in columns(root):
        assert float(column.get("y")) + float(column.get("height")) == pytest.approx(float(axis.get("y1")), abs=0.01)
    heights = [float(column.get("height")) for column in columns(root)]
    values = [GROSS[month] if series == 0 else (COMMISSION, NET)[series - 1][month]
              for month in range(len(MONTHS)) for series in range(3)]
    for height, value in zip(heights, values):
        assert height == pytest.approx(plot_height * value / top_value, abs=0.01)


def test_gridlines_are_round_values_labelled_by_value_text():
    root = parse(chart())
    labels = [element.text for element in with_class(root, "chart-axis-label", "text")]
    assert labels == ["฿0.00", "฿2,000.00", "฿4,000.00", "฿6,000.00", "฿8,000.00", "฿10,000.00"]
    assert len(with_class(root, "chart-grid", "line")) == 5


def test_tick_text_can_be_shorter_than_value_text():
    root = parse(chart(tick_text=lambda satang: format_satang(satang).removesuffix(".00")))
    labels = [element.text for element in with_class(root, "chart-axis-label", "text")]
    assert labels[:2] == ["฿0", "฿2,000"]
    tooltips = [column.find("{http://www.w3.org/2000/svg}title").text for column in columns(root)]
    assert tooltips[0] == "ม.ค. 69 · ยอดขายรวม: ฿1,200.00"


def test_month_labels_go_on_one_line_when_they_fit_and_on_two_when_they_do_not():
    labels = [element.text for element in with_class(parse(chart()), "chart-month-label", "text")]
    assert labels == MONTHS
    months = ["ก.ค. 68", "ส.ค. 68", "ก.ย. 68", "ต.ค. 68", "พ.ย. 68", "ธ.ค. 68", "ม.ค. 69", "ก.พ. 69"]
    root = parse(chart(months=months, series=[("ยอดขาย", list(range(8)))]))
    check_frame(root)
    labels = [element.text for element in with_class(root, "chart-month-label", "text")]
    assert labels == [line for month in months for line in month.split(" ")]


def test_crowded_month_labels_are_thinned_but_every_column_keeps_its_tooltip():
    months = [f"เดือนที่ {index:02d} ปี 2569" for index in range(1, 25)]
    root = parse(chart(months=months, series=[("ยอดขาย", list(range(1, 25)))]))
    check_frame(root)
    groups = with_class(root, "chart-month", "g")
    labelled = [group for group in groups if with_class(group, "chart-month-label")]
    assert 1 < len(labelled) < len(months)
    assert labelled[0] is groups[0]
    assert all(column.find("{http://www.w3.org/2000/svg}title") is not None for column in columns(root))


def test_legend_names_every_series_in_its_colour():
    root = parse(chart())
    items = with_class(root, "chart-legend-item", "g")
    assert ["".join(item.find("{http://www.w3.org/2000/svg}text").itertext()) for item in items] == [
        name for name, _ in SERIES]
    assert [item.find("{http://www.w3.org/2000/svg}rect").get("fill") for item in items] == list(SERIES_FILLS)


def test_texts_are_escaped():
    markup = chart(months=["<b>M</b>", "A & B"], series=[("<script>x</script>", [1, 2])])
    assert "<script>" not in str(markup) and "<b>" not in str(markup)
    shown = texts(parse(markup))
    assert "<b>M</b>" in shown and "A & B" in shown


@pytest.mark.parametrize(("months", "series"), [([], [("Gross", [])]), (MONTHS, [("Gross", [0, 0, 0, 0])])])
def test_nothing_to_draw_shows_the_empty_state_on_the_axis(months, series):
    root = parse(chart(months=months, series=series))
    check_frame(root)
    assert EMPTY_TEXT in texts(root)
    assert all(float(column.get("height")) == 0 for column in columns(root))
    assert not with_class(root, "chart-grid")


@pytest.mark.parametrize("series", [[], SERIES + [("extra", GROSS)], [("short", [1, 2])], [("neg", [1, -2, 3, 4])]])
def test_bad_series_are_refused(series):
    with pytest.raises(ValueError):
        chart(series=series)


def test_a_long_legend_wraps_and_stays_inside():
    series = [("ยอดขายรวมของวิสาหกิจชุมชนทุกแห่งในจังหวัด", GROSS), ("ค่าธรรมเนียมของตลาด", COMMISSION),
              ("รายได้สุทธิที่กลับคืนสู่ชุมชนผู้ผลิต", NET)]
    root = parse(chart(series=series))
    check_frame(root)
    swatches = [float(rect.get("y")) for rect in with_class(root, "chart-legend-swatch", "rect")]
    assert len(set(swatches)) > 1


def test_the_description_labels_it_too():
    root = parse(chart(description="Gross, commission and net per month"))
    assert [tag(root[0]), tag(root[1])] == ["title", "desc"]
    assert root.get("aria-labelledby") == f"{root.get('id')}-title {root.get('id')}-desc"
