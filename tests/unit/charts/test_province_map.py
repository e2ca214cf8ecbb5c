import pytest

from marketplace import geo
from marketplace.charts import (
    MAP_HEIGHT, MAP_LEGEND_CELL, MAP_NO_DATA_FILL, MAP_STEP_FILLS, MAP_TILE, MAP_WIDTH, THAI_ABBREVIATIONS,
    TILE_POSITIONS, province_map,
)
from marketplace.money import format_satang
from tests.unit.charts.svg import check_frame, parse, tag, with_class

SVG_TITLE = "{http://www.w3.org/2000/svg}title"
NAMES = {province.code: province.name_en for province in geo.provinces()}

# Provinces that share a border, to be kept next to each other (side or corner) on the grid.
BORDERS = """
57-56 57-50 50-58 50-51 51-52 52-56 52-54 54-55 56-55 54-53 53-65 53-64 64-65 64-62 64-63 62-63 62-60
62-65 66-65 66-60 65-67 65-42 60-18 60-61 61-18 61-72 18-17 18-72 17-16 17-15 16-19 16-67 16-30 15-14
15-72 19-14 19-30 19-26 14-13 13-12 12-10 12-73 10-11 10-74 10-73 73-72 73-74 73-70 72-71 71-70 70-74
70-75 74-75 76-75 76-77 77-86 86-85 86-84 85-84 85-82 84-81 84-80 81-82 81-80 81-92 82-83 80-93 80-92
92-93 92-91 91-90 93-90 90-94 90-95 94-95 94-96 95-96 43-41 43-38 41-39 41-40 41-47 39-42 39-40 40-36
40-44 40-46 36-67 36-30 44-46 44-45 44-30 44-31 45-46 45-35 45-32 46-47 46-49 47-48 47-38 48-49 48-38
49-37 49-35 37-34 37-35 35-34 35-33 34-33 33-32 32-31 31-30 31-27 30-26 26-25 25-24 25-27 27-22 24-20
24-22 24-11 20-21 20-22 21-22 22-23
""".split()


def chart(values, **options):
    options.setdefault("title", "Income returned to communities")
    options.setdefault("value_text", format_satang)
    options.setdefault("no_data_label", "No sales yet")
    return province_map(values, NAMES, **options)


def tiles(root):
    return with_class(root, "map-tile", "g")


def step(tile) -> str:
    return next(css for css in tile.get("class").split() if css.startswith("map-step-")).removeprefix("map-step-")


def test_every_province_has_one_tile_of_its_own():
    assert set(TILE_POSITIONS) == {province.code for province in geo.provinces()}
    assert len(TILE_POSITIONS) == 77
    assert len(set(TILE_POSITIONS.values())) == 77
    assert all(column >= 0 and row >= 0 for column, row in TILE_POSITIONS.values())


def test_the_grid_is_shaped_like_thailand():
    column = {code: position[0] for code, position in TILE_POSITIONS.items()}
    row = {code: position[1] for code, position in TILE_POSITIONS.items()}
    chiang_rai, chiang_mai, bangkok, songkhla, narathiwat = "57", "50", "10", "90", "96"
    assert row[chiang_rai] == min(row.values())
    assert row[chiang_rai] < row[chiang_mai] < row[bangkok] < row[songkhla] < row[narathiwat]
    assert max(row.values()) == row[narathiwat]
    assert column["58"] == min(column.values())  # Mae Hong Son on the western border
    northeast = [code for code in TILE_POSITIONS if geo.region_of(code) is geo.Region.NORTHEAST]
    assert min(column[code] for code in northeast) > column[chiang_mai]
    assert max(column.values()) == column["34"]  # Ubon Ratchathani, the far east
    for east_coast in ("20", "21", "22", "23"):  # Chon Buri, Rayong, Chanthaburi, Trat
        assert column[east_coast] > column[bangkok] and row[east_coast] >= row[bangkok]
    south = [code for code in TILE_POSITIONS if geo.region_of(code) is geo.Region.SOUTH]
    assert min(row[code] for code in south) > row[bangkok]


def test_neighbours_stay_neighbours():
    def touching(pair: str) -> bool:
        first, second = pair.split("-")
        (column_a, row_a), (column_b, row_b) = TILE_POSITIONS[first], TILE_POSITIONS[second]
        return max(abs(column_a - column_b), abs(row_a - row_b)) == 1

    kept = [pair for pair in BORDERS if touching(pair)]
    assert len(kept) / len(BORDERS) >= 0.95, sorted(set(BORDERS) - set(kept))


def test_all_77_tiles_are_drawn_in_place_whatever_the_data():
    root = parse(chart({}))
    check_frame(root)
    assert "chart-map" in root.get("class").split()
    drawn = {tile.get("data-province"): tile for tile in tiles(root)}
    assert set(drawn) == set(TILE_POSITIONS)
    for code, (column, row) in TILE_POSITIONS.items():
        rect = drawn[code].find("{http://www.w3.org/2000/svg}rect")
        assert float(rect.get("x")) == pytest.approx(column * (MAP_TILE + 2) + 1)
        assert float(rect.get("y")) == pytest.approx(row * (MAP_TILE + 2) + 1)
        assert step(drawn[code]) == "none"
        assert rect.get("fill") == MAP_NO_DATA_FILL


def test_higher_values_never_get_a_lighter_step():
    values = {code: (index * index * 997) for index, code in enumerate(sorted(TILE_POSITIONS))}
    root = parse(chart(values))
    by_code = {tile.get("data-province"): tile for tile in tiles(root)}
    ranked = sorted(values, key=values.__getitem__)
    steps = [0 if step(by_code[code]) == "none" else int(step(by_code[code])) for code in ranked]
    assert steps == sorted(steps)
    assert set(steps) == {0, 1, 2, 3, 4, 5}
    for code in ranked:
        number = step(by_code[code])
        fill = by_code[code].find("{http://www.w3.org/2000/svg}rect").get("fill")
        assert fill == (MAP_NO_DATA_FILL if number == "none" else MAP_STEP_FILLS[int(number) - 1])


def test_zero_and_missing_provinces_are_grey_and_say_so():
    root = parse(chart({"10": 0, "50": 12_345}))
    by_code = {tile.get("data-province"): tile for tile in tiles(root)}
    assert step(by_code["10"]) == step(by_code["90"]) == "none"
    assert step(by_code["50"]) == "5"
    assert by_code["10"].find(SVG_TITLE).text == "Bangkok: ฿0.00"
    assert by_code["90"].find(SVG_TITLE).text == "Songkhla: No sales yet"
    assert by_code["50"].find(SVG_TITLE).text == "Chiang Mai: ฿123.45"


def test_legend_lists_the_steps_with_their_ranges_and_no_sales():
    values = {code: (index + 1) * 10_000 for index, code in enumerate(sorted(TILE_POSITIONS))}
    root = parse(chart(values, legend_title="Income"))
    legend = with_class(root, "chart-legend", "g")[0]
    entries = ["".join(item.find("{http://www.w3.org/2000/svg}text").itertext())
               for item in with_class(legend, "chart-legend-item", "g")]
    assert len(entries) == 6
    assert entries[0].startswith("฿100.00 – ")
    assert entries[-2].endswith(" – ฿7,700.00")
    assert entries[-1] == "No sales yet"
    swatches = [item.find("{http://www.w3.org/2000/svg}rect").get("fill")
                for item in with_class(legend, "chart-legend-item", "g")]
    assert swatches == [*MAP_STEP_FILLS, MAP_NO_DATA_FILL]
    assert with_class(legend, "chart-legend-title", "text")[0].text == "Income"


def test_a_single_value_gets_the_darkest_step_and_a_one_value_legend():
    root = parse(chart({"50": 5_000}))
    entries = ["".join(item.itertext()) for item in with_class(root, "chart-legend-item", "g")]
    assert entries[0].endswith("฿50.00") and "–" not in entries[0]
    assert "map-step-5" in with_class(root, "chart-legend-item", "g")[0].get("class")


def test_the_legend_sits_where_no_tile_is():
    left, top = MAP_LEGEND_CELL
    assert all(column < left or row < top for column, row in TILE_POSITIONS.values()
               if not (column <= left + 1 and row >= 16))  # the deep south reaches under its left edge
    root = parse(chart({code: 10 ** (index % 9) for index, code in enumerate(TILE_POSITIONS)}, legend_title="รายได้"))
    check_frame(root)
    cell = MAP_TILE + 2
    occupied = {(column, row) for column, row in TILE_POSITIONS.values()}
    for element in with_class(root, "chart-legend", "g")[0].iter():
        if tag(element) in ("rect", "text"):
            column = int(float(element.get("x")) // cell)
            row = int(float(element.get("y")) // cell)
            assert (column, row) not in occupied, (element.attrib, column, row)


def test_names_labels_and_values_are_escaped():
    names = {**NAMES, "10": "<script>alert(1)</script> & Bangkok"}
    markup = province_map({"10": 5}, names, title="<b>map</b>", value_text=lambda value: f"{value} <i>&</i>",
                          no_data_label="none & <none>", labels={"10": "<ก>"})
    text = str(markup)
    assert "<script>" not in text and "<b>" not in text and "<i>" not in text and "<ก>" not in text
    root = parse(markup)
    bangkok = next(tile for tile in tiles(root) if tile.get("data-province") == "10")
    assert bangkok.find(SVG_TITLE).text == "<script>alert(1)</script> & Bangkok: 5 <i>&</i>"


def test_tiles_are_labelled_by_code_or_by_the_given_labels():
    root = parse(chart({}))
    labels = {tile.get("data-province"): "".join(tile.find("{http://www.w3.org/2000/svg}text").itertext())
              for tile in tiles(root)}
    assert labels == {code: code for code in TILE_POSITIONS}
    root = parse(chart({}, labels=THAI_ABBREVIATIONS))
    labels = {tile.get("data-province"): "".join(tile.find("{http://www.w3.org/2000/svg}text").itertext())
              for tile in tiles(root)}
    assert labels["10"] == "กทม." and labels["50"] == "ชม."


def test_thai_abbreviations_cover_every_province_once():
    assert set(THAI_ABBREVIATIONS) == set(TILE_POSITIONS)
    assert len(set(THAI_ABBREVIATIONS.values())) == 77


def test_tiles_link_where_href_gives_a_link():
    root = parse(chart({"10": 5}, href=lambda code: f"/provinces/{code}?a=1&b=2" if code != "96" else None))
    links = [element for element in root.iter() if tag(element) == "a"]
    assert len(links) == 76
    assert all(link.get("tabindex") == "-1" for link in links)
    assert {link.get("href") for link in links} >= {"/provinces/10?a=1&b=2"}


def test_unknown_codes_negative_values_and_script_links_are_refused():
    with pytest.raises(ValueError):
        chart({"99": 5})
    with pytest.raises(ValueError):
        chart({"10": -5})
    with pytest.raises(ValueError):
        chart({}, href=lambda code: "javascript:alert(1)")


def test_size_and_labels():
    root = parse(chart({}, description="Tile map, one square per province"))
    assert root.get("viewBox") == f"0 0 {MAP_WIDTH} {MAP_HEIGHT}"
    assert [tag(root[0]), tag(root[1])] == ["title", "desc"]
    assert root[0].text == "Income returned to communities"


def luminance(colour: str) -> float:
    channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    red, green, blue = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_tile_labels_are_readable_on_every_step():
    values = {code: 10 ** (index % 6) for index, code in enumerate(TILE_POSITIONS)}
    values["10"] = 0
    root = parse(chart(values))
    seen = set()
    for tile in tiles(root):
        fill = tile.find("{http://www.w3.org/2000/svg}rect").get("fill")
        ink = tile.find("{http://www.w3.org/2000/svg}text").get("fill")
        assert contrast(fill, ink) >= 4.5, (step(tile), fill, ink)
        seen.add(step(tile))
    assert seen == {"none", "1", "2", "3", "4", "5"}
