"""A listing's photos: add, reorder, cover, delete; with real images drawn by Pillow."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import ExifTags, Image
from sqlalchemy import select

from marketplace.catalog.models import ListingImage
from marketplace.catalog.photos import (
    MAX_PHOTOS, add_photo, delete_photo, keys_in_use, move_photo, readable_size, reorder_photos, set_cover,
)
from marketplace.errors import Conflict, NotFound, PayloadTooLarge, UnsupportedMediaType, ValidationError
from marketplace.media import LocalStorage, MemoryStorage
from tests.factories import gps_exif, make_listing, photo_bytes, png_bomb


@pytest.fixture
def storage() -> MemoryStorage:
    return MemoryStorage()


@pytest.fixture
def listing(session):
    return make_listing(session)


def rows(session, listing) -> list[ListingImage]:
    """The listing's photo rows as stored, in position order."""
    session.expire_all()
    return list(session.scalars(
        select(ListingImage).where(ListingImage.listing_id == listing.id).order_by(ListingImage.position)
    ))


def order_of(session, listing) -> list[int]:
    return [image.id for image in rows(session, listing)]


def add_several(session, storage, listing, count: int) -> list[int]:
    return [add_photo(session, storage, listing, photo_bytes(seed=seed)).id for seed in range(count)]


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


# -- adding ---------------------------------------------------------------------------------------

def test_photos_are_stored_in_two_versions_at_the_next_positions(session, storage, listing):
    first = add_photo(session, storage, listing, photo_bytes((2400, 1800), seed=1))
    second = add_photo(session, storage, listing, photo_bytes((640, 480), seed=2))

    assert [(image.id, image.position) for image in rows(session, listing)] == [(first.id, 0), (second.id, 1)]
    assert listing.cover.id == first.id
    assert (first.width, first.height) == (1600, 1200)
    assert (second.width, second.height) == (640, 480)
    for image in (first, second):
        assert image.large_key != image.thumb_key
        large = Image.open(io.BytesIO(storage.read(image.large_key)))
        thumb = Image.open(io.BytesIO(storage.read(image.thumb_key)))
        assert large.format == thumb.format == "WEBP"
        assert large.size == (image.width, image.height)
        assert max(thumb.size) == 400


def test_gps_and_camera_metadata_never_reach_the_stored_files(session, storage, listing):
    upload = photo_bytes(exif=gps_exif())
    assert Image.open(io.BytesIO(upload)).getexif().get_ifd(ExifTags.IFD.GPSInfo), "the upload must carry GPS"

    image = add_photo(session, storage, listing, upload)

    for key in (image.large_key, image.thumb_key):
        data = storage.read(key)
        stored = Image.open(io.BytesIO(data))
        assert len(stored.getexif()) == 0
        assert "exif" not in stored.info
        assert b"TestCam" not in data


def test_a_rotated_photo_is_stored_upright(session, storage, listing):
    image = add_photo(session, storage, listing, photo_bytes((800, 600), exif=gps_exif(orientation=6)))

    assert (image.width, image.height) == (600, 800)
    assert Image.open(io.BytesIO(storage.read(image.large_key))).size == (600, 800)


def test_the_same_photo_twice_is_one_pair_of_files_and_two_rows(session, listing, tmp_path):
    storage = LocalStorage(tmp_path, "/media/")
    data = photo_bytes(seed=5)

    first = add_photo(session, storage, listing, data)
    second = add_photo(session, storage, listing, data)

    assert first.id != second.id
    assert (first.large_key, first.thumb_key) == (second.large_key, second.thumb_key)
    assert len(stored_files(tmp_path)) == 2
    assert [image.position for image in rows(session, listing)] == [0, 1]


@pytest.mark.parametrize(("upload", "error", "code"), [
    pytest.param(b"Just some notes, not a photo at all.\n" * 20, UnsupportedMediaType, "unsupported_media_type",
                 id="text-file-named-jpg"),
    pytest.param(photo_bytes(image_format="GIF"), UnsupportedMediaType, "unsupported_media_type", id="gif"),
    pytest.param(photo_bytes((1200, 900), quality=90)[:9000], ValidationError, "corrupt_image", id="truncated"),
    pytest.param(png_bomb(20_000, 20_000), ValidationError, "decompression_bomb", id="bomb"),
    pytest.param(photo_bytes((150, 100)), ValidationError, "image_too_small", id="too-small"),
])
def test_refused_uploads_store_nothing(session, storage, listing, upload, error, code):
    with pytest.raises(error) as caught:
        add_photo(session, storage, listing, upload)

    assert caught.value.code == code
    assert storage.files == {}
    assert rows(session, listing) == []


def test_refusals_name_the_field_they_are_given(session, storage, listing):
    with pytest.raises(ValidationError) as caught:
        add_photo(session, storage, listing, photo_bytes((150, 100)), field="photos")
    assert set(caught.value.fields) == {"photos"}


def test_the_byte_limit_is_enforced(session, storage, listing):
    data = photo_bytes((1200, 900), quality=95)
    with pytest.raises(PayloadTooLarge):
        add_photo(session, storage, listing, data, max_bytes=len(data) - 1)
    assert storage.files == {}
    assert add_photo(session, storage, listing, data, max_bytes=len(data)).id


def test_the_pixel_limit_is_enforced(session, storage, listing):
    with pytest.raises(ValidationError) as caught:
        add_photo(session, storage, listing, photo_bytes((1200, 1000)), max_pixels=1_000_000)
    assert caught.value.code == "decompression_bomb"
    assert storage.files == {}


def test_a_listing_has_at_most_so_many_photos(session, storage, listing):
    add_several(session, storage, listing, 2)
    before = dict(storage.files)

    with pytest.raises(Conflict) as caught:
        add_photo(session, storage, listing, photo_bytes(seed=9), max_photos=2)

    assert caught.value.code == "too_many_photos"
    assert "at most 2 photos" in caught.value.message
    assert storage.files == before
    assert len(rows(session, listing)) == 2
    assert MAX_PHOTOS == 10


def test_positions_follow_the_highest_even_after_a_deletion(session, storage, listing):
    first, second, third = add_several(session, storage, listing, 3)
    delete_photo(session, storage, listing, second)

    fourth = add_photo(session, storage, listing, photo_bytes(seed=7)).id

    assert [(image.id, image.position) for image in rows(session, listing)] == [
        (first, 0), (third, 1), (fourth, 2),
    ]


# -- ordering -------------------------------------------------------------------------------------

def test_reorder_sets_every_position_and_the_first_is_the_cover(session, storage, listing):
    ids = add_several(session, storage, listing, 4)

    result = reorder_photos(session, listing, list(reversed(ids)))

    assert [image.id for image in result] == list(reversed(ids))
    assert order_of(session, listing) == list(reversed(ids))
    assert [image.position for image in rows(session, listing)] == [0, 1, 2, 3]
    assert listing.cover.id == ids[-1]


def test_reorder_twice_with_rows_out_of_id_order(session, storage, listing):
    # The unique (listing_id, position) constraint is checked row by row on PostgreSQL:
    # a naive renumbering collides once positions no longer follow ids.
    ids = add_several(session, storage, listing, 4)
    reorder_photos(session, listing, [ids[2], ids[0], ids[3], ids[1]])
    reorder_photos(session, listing, [ids[1], ids[3], ids[0], ids[2]])
    assert order_of(session, listing) == [ids[1], ids[3], ids[0], ids[2]]


@pytest.mark.parametrize("change", ["missing", "duplicate", "foreign", "unknown"])
def test_reorder_needs_exactly_the_listings_photos(session, storage, listing, change):
    ids = add_several(session, storage, listing, 3)
    other = add_photo(session, storage, make_listing(session), photo_bytes(seed=3)).id
    ordered = {
        "missing": ids[:2],
        "duplicate": [ids[0], ids[0], ids[1], ids[2]],
        "foreign": [ids[0], ids[1], other],
        "unknown": [ids[0], ids[1], ids[2], 999_999],
    }[change]

    with pytest.raises(ValidationError) as caught:
        reorder_photos(session, listing, ordered)

    assert "order" in caught.value.fields
    assert order_of(session, listing) == ids


def test_set_cover_keeps_the_others_in_order(session, storage, listing):
    ids = add_several(session, storage, listing, 4)

    set_cover(session, listing, ids[2])

    assert order_of(session, listing) == [ids[2], ids[0], ids[1], ids[3]]
    assert listing.cover.id == ids[2]


def test_set_cover_of_another_listings_photo_is_not_found(session, storage, listing):
    ids = add_several(session, storage, listing, 2)
    other = add_photo(session, storage, make_listing(session), photo_bytes(seed=3)).id

    with pytest.raises(NotFound):
        set_cover(session, listing, other)
    assert order_of(session, listing) == ids


def test_move_up_and_down_stops_at_either_end(session, storage, listing):
    a, b, c = add_several(session, storage, listing, 3)

    move_photo(session, listing, c, -1)
    assert order_of(session, listing) == [a, c, b]
    move_photo(session, listing, a, 1)
    assert order_of(session, listing) == [c, a, b]
    move_photo(session, listing, c, -1)
    move_photo(session, listing, b, 1)
    assert order_of(session, listing) == [c, a, b]
    with pytest.raises(NotFound):
        move_photo(session, listing, 999_999, 1)


# -- deleting -------------------------------------------------------------------------------------

def test_delete_closes_the_gap_and_removes_the_files_once_committed(session, storage, listing):
    a, b, c = add_several(session, storage, listing, 3)
    reorder_photos(session, listing, [c, a, b])  # positions no longer follow ids
    deleted = session.get(ListingImage, a)
    keys = {deleted.large_key, deleted.thumb_key}

    delete_photo(session, storage, listing, a)

    assert [(image.id, image.position) for image in rows(session, listing)] == [(c, 0), (b, 1)]
    assert keys <= set(storage.files), "files stay until the transaction commits"
    session.commit()
    assert not keys & set(storage.files)
    assert len(storage.files) == 4


def test_deleting_the_cover_makes_the_next_photo_the_cover(session, storage, listing):
    a, b = add_several(session, storage, listing, 2)
    delete_photo(session, storage, listing, a)
    assert listing.cover.id == b
    assert listing.cover.position == 0


def test_files_another_photo_uses_are_kept(session, storage, listing):
    data = photo_bytes(seed=4)
    first = add_photo(session, storage, listing, data)
    elsewhere = add_photo(session, storage, make_listing(session), data)
    keys = {first.large_key, first.thumb_key}

    delete_photo(session, storage, listing, first.id)
    session.commit()

    assert keys <= set(storage.files)
    assert keys_in_use(session, keys) == keys
    delete_photo(session, storage, elsewhere.listing, elsewhere.id)
    session.commit()
    assert storage.files == {}


def test_a_small_photo_whose_two_versions_are_one_file_is_deleted_cleanly(session, storage, listing):
    image = add_photo(session, storage, listing, photo_bytes((320, 240)))
    assert image.large_key == image.thumb_key

    delete_photo(session, storage, listing, image.id)
    session.commit()

    assert storage.files == {}


def test_a_rolled_back_deletion_keeps_the_files(session, storage, listing):
    image_id = add_several(session, storage, listing, 1)[0]
    session.commit()
    files = dict(storage.files)

    delete_photo(session, storage, listing, image_id)
    session.rollback()
    session.commit()

    assert storage.files == files
    assert order_of(session, listing) == [image_id]


def test_deleting_another_listings_photo_is_not_found(session, storage, listing):
    mine = add_several(session, storage, listing, 1)
    other_listing = make_listing(session)
    other = add_photo(session, storage, other_listing, photo_bytes(seed=8)).id

    with pytest.raises(NotFound):
        delete_photo(session, storage, listing, other)
    session.commit()

    assert order_of(session, listing) == mine
    assert order_of(session, other_listing) == [other]
    assert len(storage.files) == 4


def test_readable_size():
    assert readable_size(10 * 1024 * 1024) == "10 MB"
    assert readable_size(1536 * 1024) == "1.5 MB"
    assert readable_size(50_000) == "48 KB"
    assert readable_size(10) == "1 KB"
