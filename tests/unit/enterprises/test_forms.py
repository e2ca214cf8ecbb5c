"""Helpers of the enterprise forms that need no request."""

from __future__ import annotations

from marketplace.i18n import thai_sort_key


def test_thai_names_sort_by_their_first_consonant_not_a_leading_vowel():
    names = ["เชียงใหม่", "กรุงเทพมหานคร", "แพร่", "ชลบุรี", "ตาก", "ไม่มี"]
    assert sorted(names, key=thai_sort_key) == ["กรุงเทพมหานคร", "ชลบุรี", "เชียงใหม่", "ตาก", "แพร่", "ไม่มี"]
    assert thai_sort_key("ก") == "ก"
