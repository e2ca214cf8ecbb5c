import pytest

from marketplace.charts import EMPTY_TEXT, bar_chart
from marketplace.money import format_satang
from tests.unit.charts.svg import check_frame, parse, tag, texts, with_class

BARS = [("ผ้าไหมบ้านหนองบัว", 400_000), ("<script>alert(1)</script> & Co", 100_000), ("จักสาน", 0),
        ("ผ้าคราม", 250_000)]


def chart(bars=BARS, **options):
    options.setdefault("title", "Sales by enterprise")
    options.setdefault("value_text", format_satang)
    return bar_chart(bars, **options)


def test_one_bar_per_row_with_its_label_and_value():
    root = parse(chart())
    check_frame(root)
    assert "chart-bars" in root.get("class").split()
    assert len(with_class(root, "chart-bar", "rect")) == len(BARS)
    shown = texts(root)
    assert [text for text in shown if text in {label for label, _ in BARS}] == [label for label, _ in BARS]
    assert "฿4,000.00" in shown and "฿0.00" in shown


def test_bar_lengths_are_proportional_to_the_values():
    root = parse(chart())
    widths = [float(bar.get("width")) for bar in with_class(root, "chart-bar", "rect")]
    longest = widths[0]
    for width, (_, value) in zip(widths, BARS):
        assert width == pytest.approx(longest * value / 400_000, abs=0.01)
    assert widths[2] == 0


def test_the_value_sits_at_the_end_of_its_bar():
    root = parse(chart())
    for bar, value in zip(with_class(root, "chart-bar", "rect"), with_class(root, "chart-value", "text")):
        assert float(value.get("x")) == pytest.approx(float(bar.get("x")) + float(bar.get("width")) + 6, abs=0.01)


def test_labels_and_values_are_escaped():
    markup = str(chart())
    assert "<script>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in markup
    parse(chart())


def test_control_characters_are_dropped_so_the_svg_stays_xml():
    root = parse(chart([("bad\x00\x07label\x1b", 5)], title="t\x0b"))
    assert "badlabel" in texts(root)


def test_title_and_description_label_the_image():
    root = parse(chart(description="Income per enterprise, last 12 months"))
    title_id, desc_id = root.get("aria-labelledby").split()
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    assert by_id[title_id].text == "Sales by enterprise"
    assert by_id[desc_id].text == "Income per enterprise, last 12 months"


def test_without_a_description_only_the_title_labels_it():
    root = parse(chart())
    assert root.get("aria-labelledby") == f"{root.get('id')}-title"
    assert not [element for element in root.iter() if tag(element) == "desc"]


def test_a_long_label_is_shortened_with_its_full_text_in_the_tooltip():
    label = "วิสาหกิจชุมชนกลุ่มทอผ้าไหมบ้านหนองบัว อำเภอเมือง จังหวัดขอนแก่น ประเทศไทย"
    root = parse(chart([(label, 10)]))
    shown = with_class(root, "chart-label", "text")[0].text
    assert shown.endswith("…") and label.startswith(shown[:-1])
    row = with_class(root, "chart-row", "g")[0]
    assert row.find("{http://www.w3.org/2000/svg}title").text == f"{label}: ฿0.10"


@pytest.mark.parametrize("bars", [[], [("ผ้าไหม", 0), ("จักสาน", 0)]])
def test_nothing_to_draw_shows_the_empty_state(bars):
    root = parse(chart(bars))
    check_frame(root)
    assert texts(root) == [EMPTY_TEXT]
    assert not with_class(root, "chart-bar")


def test_a_negative_value_is_refused():
    with pytest.raises(ValueError):
        chart([("refund", -100)])


def test_links_wrap_their_rows_and_stay_out_of_the_tab_order():
    root = parse(chart(href=["/e/1?tab=sales&x=1", None, None, "/e/4"]))
    links = [element for element in root.iter() if tag(element) == "a"]
    assert [link.get("href") for link in links] == ["/e/1?tab=sales&x=1", "/e/4"]
    assert all(link.get("tabindex") == "-1" for link in links)
    assert "chart-row" in links[0][0].get("class")


def test_links_must_match_the_bars_and_be_relative_or_http():
    with pytest.raises(ValueError):
        chart(href=["/e/1"])
    with pytest.raises(ValueError):
        chart(href=["javascript:alert(1)", None, None, None])


def test_the_same_chart_gets_the_same_id_and_a_given_id_is_used():
    assert parse(chart()).get("id") == parse(chart()).get("id") != parse(chart(BARS[:2])).get("id")
    root = parse(chart(chart_id="sales-chart"))
    assert root.get("id") == "sales-chart"
    assert root.get("aria-labelledby") == "sales-chart-title"


def test_many_bars_and_huge_values_stay_inside_the_view():
    bars = [(f"สินค้าหมายเลข {index} " * 3, index * 123_456_789) for index in range(1, 25)]
    check_frame(parse(chart(bars)))
