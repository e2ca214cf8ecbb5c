"""The producer's photo page: upload several photos, move them, pick the cover, delete;
size limits answered on the page; another producer reaches none of it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from marketplace import create_app
from marketplace.catalog.models import ListingImage
from marketplace.catalog.photos import add_photo
from marketplace.media import LocalStorage
from tests.factories import gps_exif, make_enterprise, make_listing, make_user, photo_bytes, png_bomb
from tests.factories import sign_in as sign_in_as

SMALL_LIMIT = 60_000


def sign_in(client, user) -> None:
    """Signed in, reading the pages in English."""
    sign_in_as(client, user)
    client.set_cookie("lang", "en")


@pytest.fixture
def producer(session):
    return make_user(session)


@pytest.fixture
def listing(session, producer):
    return make_listing(session, enterprise=make_enterprise(session, members=(producer,)), title_th="ผ้าไหมแพรวา")


@pytest.fixture
def owner(client, producer, listing):
    sign_in(client, producer)
    return client


@pytest.fixture
def stranger(client, session, listing):
    """Signed in as the producer of another enterprise."""
    other = make_user(session)
    make_enterprise(session, members=(other,))
    sign_in(client, other)
    return client


@pytest.fixture
def media_root(app_config) -> Path:
    return Path(app_config["MEDIA_ROOT"])


@pytest.fixture
def with_photos(session, listing, media_root):
    """Three photos already on the listing; their ids in order."""
    storage = LocalStorage(media_root, "/media/")
    ids = [add_photo(session, storage, listing, photo_bytes(seed=seed)).id for seed in range(3)]
    session.flush()
    return ids


def files_in(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def photo_rows(session, listing) -> list[tuple[int, int, str, str]]:
    session.expire_all()
    return [
        (image.id, image.position, image.large_key, image.thumb_key)
        for image in session.scalars(
            select(ListingImage).where(ListingImage.listing_id == listing.id).order_by(ListingImage.position)
        )
    ]


def order_of(session, listing) -> list[int]:
    return [row[0] for row in photo_rows(session, listing)]


def upload(client, listing, *files: tuple[bytes, str]):
    data = {"photos": [(io.BytesIO(content), name) for content, name in files]}
    return client.post(f"/producer/listings/{listing.id}/photos", data=data, content_type="multipart/form-data")


# -- the page -------------------------------------------------------------------------------------

def test_the_page_needs_a_signed_in_user(client, listing):
    response = client.get(f"/producer/listings/{listing.id}/photos")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_the_page_shows_the_photos_with_the_cover_first(owner, listing, with_photos):
    response = owner.get(f"/producer/listings/{listing.id}/photos")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "ผ้าไหมแพรวา" in html
    assert 'enctype="multipart/form-data"' in html and "multiple" in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html
    positions = [html.index(f'id="photo-{image_id}"') for image_id in with_photos]
    assert positions == sorted(positions)
    assert html.count("Make cover") == 2
    assert "Cover" in html


# -- uploading ------------------------------------------------------------------------------------

def test_several_photos_at_once_are_stored_clean(owner, session, listing, media_root):
    response = upload(owner, listing, (photo_bytes(seed=1, exif=gps_exif()), "home.jpg"),
                      (photo_bytes((900, 600), "PNG", seed=2), "basket.png"),
                      (photo_bytes(seed=3, exif=gps_exif(orientation=6)), "rotated.jpg"))

    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/producer/listings/{listing.id}/photos")
    rows = photo_rows(session, listing)
    assert [position for _id, position, _large, _thumb in rows] == [0, 1, 2]
    rotated = session.get(ListingImage, rows[2][0])
    assert (rotated.width, rotated.height) == (600, 800)
    for _id, _position, large, thumb in rows:
        for key in (large, thumb):
            stored = media_root / key
            assert stored.is_file()
            data = stored.read_bytes()
            assert len(Image.open(io.BytesIO(data)).getexif()) == 0
            assert b"TestCam" not in data
    assert "3 photos added." in owner.get(response.headers["Location"]).get_data(as_text=True)


def test_the_same_photo_twice_is_one_pair_of_files(owner, session, listing, media_root):
    data = photo_bytes(seed=4)
    assert upload(owner, listing, (data, "a.jpg"), (data, "a-copy.jpg")).status_code == 303

    rows = photo_rows(session, listing)
    assert len(rows) == 2
    assert rows[0][2:] == rows[1][2:]
    assert len(files_in(media_root)) == 2


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"Notes about the harvest, not a photo.\n" * 30, "notes.jpg", "notes.jpg: only JPEG, PNG and WebP"),
    (photo_bytes(image_format="GIF"), "animation.gif", "animation.gif: only JPEG, PNG and WebP"),
    (photo_bytes((1200, 900), quality=90)[:9000], "cut.jpg", "cut.jpg: the file is damaged or incomplete"),
    (photo_bytes((150, 100)), "tiny.jpg", "tiny.jpg: the photo is too small"),
])
def test_refused_files_are_named_and_nothing_is_written(owner, session, listing, media_root, content, name,
                                                        message):
    response = upload(owner, listing, (content, name))

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert photo_rows(session, listing) == []
    assert files_in(media_root) == []


def test_a_bomb_is_refused(owner, session, listing, media_root):
    response = upload(owner, listing, (png_bomb(20_000, 20_000), "bomb.png"))

    assert response.status_code == 422
    assert "bomb.png: the photo has too many pixels" in response.get_data(as_text=True)
    assert photo_rows(session, listing) == []
    assert files_in(media_root) == []


def test_good_files_are_kept_when_another_is_refused(owner, session, listing):
    response = upload(owner, listing, (photo_bytes(seed=1), "good.jpg"), (b"GIF89a not really", "bad.jpg"))

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "1 photo added." in html
    assert "bad.jpg: only JPEG, PNG and WebP" in html
    assert len(photo_rows(session, listing)) == 1


def test_choosing_no_file_says_so(owner, session, listing):
    response = owner.post(f"/producer/listings/{listing.id}/photos", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose one or more photos to upload." in response.get_data(as_text=True)


def test_the_photo_limit_is_explained(owner, session, listing, media_root):
    storage = LocalStorage(media_root, "/media/")
    for seed in range(9):
        add_photo(session, storage, listing, photo_bytes((400, 300), seed=seed))

    response = upload(owner, listing, (photo_bytes(seed=20), "tenth.jpg"), (photo_bytes(seed=21), "eleventh.jpg"))

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "eleventh.jpg: a listing can have at most 10 photos" in html
    assert len(photo_rows(session, listing)) == 10
    assert "the most allowed" in owner.get(f"/producer/listings/{listing.id}/photos").get_data(as_text=True)


@pytest.fixture
def small_uploads(app_config):
    """A small ``MAX_CONTENT_LENGTH``, set before the app is built."""
    app_config["MAX_CONTENT_LENGTH"] = SMALL_LIMIT


def test_an_upload_over_the_size_limit_is_refused_on_the_page(small_uploads, owner, session, listing, media_root):
    big = photo_bytes((1600, 1200), quality=98)
    assert len(big) > SMALL_LIMIT

    response = upload(owner, listing, (big, "big.jpg"))

    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "The upload is larger than 58 KB" in html
    assert 'enctype="multipart/form-data"' in html  # the photo page itself, ready for another try
    assert photo_rows(session, listing) == []
    assert files_in(media_root) == []


@pytest.fixture
def csrf_client(small_uploads, app_config, connection, producer):
    """A client of an app with CSRF protection on (as in production), signed in as ``producer``."""
    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    app.extensions["db"].sessionmaker = sessionmaker(bind=connection, join_transaction_mode="create_savepoint",
                                                     expire_on_commit=False)
    client = app.test_client()
    with client.session_transaction() as cookie_session:
        cookie_session["_user_id"] = str(producer.id)
    client.set_cookie("lang", "en")
    return client


def test_the_size_limit_answers_on_the_page_when_csrf_reads_the_form_first(csrf_client, session, listing):
    # CSRF protection reads the form before the view runs, so the 413 is raised there.
    small = csrf_client.post(f"/producer/listings/{listing.id}/photos", content_type="multipart/form-data",
                             data={"photos": [(io.BytesIO(photo_bytes(seed=1)), "small.jpg")]})
    assert small.status_code == 400  # the CSRF check is on: no token, no upload

    response = upload(csrf_client, listing, (photo_bytes((1600, 1200), quality=98), "big.jpg"))

    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "The upload is larger than 58 KB" in html
    assert 'enctype="multipart/form-data"' in html
    assert photo_rows(session, listing) == []


# -- moving, cover, deleting ----------------------------------------------------------------------

def test_move_up_and_down(owner, session, listing, with_photos):
    a, b, c = with_photos
    url = f"/producer/listings/{listing.id}/photos"

    assert owner.post(f"{url}/{c}/move", data={"direction": "up"}).status_code == 303
    assert order_of(session, listing) == [a, c, b]
    owner.post(f"{url}/{a}/move", data={"direction": "down"})
    assert order_of(session, listing) == [c, a, b]
    assert owner.post(f"{url}/{a}/move", data={"direction": "sideways"}).status_code == 400
    assert order_of(session, listing) == [c, a, b]


def test_make_cover(owner, session, listing, with_photos):
    a, b, c = with_photos

    response = owner.post(f"/producer/listings/{listing.id}/photos/{c}/cover")

    assert response.status_code == 303
    assert order_of(session, listing) == [c, a, b]
    assert "The cover photo is changed." in owner.get(response.headers["Location"]).get_data(as_text=True)


def test_delete_removes_the_row_and_its_files(owner, session, listing, with_photos, media_root):
    a, b, c = with_photos
    _id, _position, large, thumb = photo_rows(session, listing)[0]

    response = owner.post(f"/producer/listings/{listing.id}/photos/{a}/delete")

    assert response.status_code == 303
    assert order_of(session, listing) == [b, c]
    assert [row[1] for row in photo_rows(session, listing)] == [0, 1]
    assert not (media_root / large).exists() and not (media_root / thumb).exists()
    assert len(files_in(media_root)) == 4


def test_a_photo_of_another_listing_is_not_found(owner, session, listing, with_photos, media_root):
    other_listing = make_listing(session)
    other = add_photo(session, LocalStorage(media_root, "/media/"), other_listing, photo_bytes(seed=9)).id
    url = f"/producer/listings/{listing.id}/photos/{other}"

    for action, data in (("move", {"direction": "up"}), ("cover", {}), ("delete", {})):
        assert owner.post(f"{url}/{action}", data=data).status_code == 404, action

    assert order_of(session, other_listing) == [other]
    assert order_of(session, listing) == with_photos


# -- another producer -----------------------------------------------------------------------------

def test_another_producer_reaches_nothing(stranger, session, listing, with_photos, media_root):
    before_rows, before_files = photo_rows(session, listing), files_in(media_root)
    base = f"/producer/listings/{listing.id}/photos"
    a, b, c = with_photos

    assert stranger.get(base).status_code == 404
    assert upload(stranger, listing, (photo_bytes(seed=30), "mine.jpg")).status_code == 404
    assert stranger.post(f"{base}/{c}/move", data={"direction": "up"}).status_code == 404
    assert stranger.post(f"{base}/{c}/cover").status_code == 404
    assert stranger.post(f"{base}/{a}/delete").status_code == 404

    assert photo_rows(session, listing) == before_rows
    assert files_in(media_root) == before_files


def test_a_signed_out_visitor_changes_nothing(client, session, listing, with_photos):
    before = photo_rows(session, listing)
    a = with_photos[0]
    for path in ("", f"/{a}/move", f"/{a}/cover", f"/{a}/delete"):
        response = client.post(f"/producer/listings/{listing.id}/photos{path}", data={"direction": "down"})
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")
    assert photo_rows(session, listing) == before
