import pytest

from marketplace.geo import Region, address_problems, provinces, region_of


def test_every_province_falls_in_a_region():
    regions = {p.code: region_of(p.code) for p in provinces()}
    assert len(regions) == 77
    assert set(regions.values()) == set(Region)


@pytest.mark.parametrize(("code", "region"), [
    ("10", Region.CENTRAL), ("19", Region.CENTRAL), ("20", Region.EAST), ("27", Region.EAST),
    ("30", Region.NORTHEAST), ("49", Region.NORTHEAST), ("50", Region.NORTH), ("67", Region.NORTH),
    ("70", Region.WEST), ("77", Region.WEST), ("80", Region.SOUTH), ("96", Region.SOUTH),
])
def test_range_edges(code, region):
    assert region_of(code) is region


def test_known_provinces():
    assert region_of("50") is Region.NORTH        # Chiang Mai
    assert region_of("34") is Region.NORTHEAST    # Ubon Ratchathani
    assert region_of("84") is Region.SOUTH        # Surat Thani
    assert region_of("20") is Region.EAST         # Chon Buri
    assert region_of("71") is Region.WEST         # Kanchanaburi


@pytest.mark.parametrize("code", ["00", "28", "68", "78", "97"])
def test_codes_outside_every_range_are_refused(code):
    with pytest.raises(ValueError):
        region_of(code)


def test_address_problems():
    assert address_problems("50", "5001", "500101", "50200") == {}
    assert "district_code" in address_problems("50", "1001", "100101")
    assert "subdistrict_code" in address_problems("50", "5001", "500201")
    assert "postal_code" in address_problems("50", "5001", "500101", "10200")
    assert "province_code" in address_problems("99", "5001", "500101")
