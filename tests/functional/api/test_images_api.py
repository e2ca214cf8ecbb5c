"""POST /listings/{id}/images: multipart uploads through the safe photo pipeline, every
refusal writing nothing, and only the listing's own producers allowed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import ExifTags, Image
from sqlalchemy import select

from marketplace.catalog.models import ListingImage
from marketplace.media import MemoryStorage
from tests.factories import gps_exif, make_enterprise, make_listing, make_user, photo_bytes, png_bomb

SMALL_LIMIT = 60_000


@pytest.fixture
def producer(session):
    return make_user(session)


@pytest.fixture
def listing(session, producer):
    return make_listing(session, enterprise=make_enterprise(session, members=(producer,)))


@pytest.fixture
def media_root(app_config) -> Path:
    return Path(app_config["MEDIA_ROOT"])


def images_url(listing) -> str:
    return f"/api/v1/listings/{listing.id}/images"


def post_file(client, listing, content: bytes, name: str = "photo.jpg", headers=None, field: str = "file"):
    return client.post(images_url(listing), data={field: (io.BytesIO(content), name)},
                       content_type="multipart/form-data", headers=headers or {})


def photo_rows(session, listing) -> list[tuple]:
    session.expire_all()
    return [
        (image.id, image.position, image.large_key, image.thumb_key)
        for image in session.scalars(
            select(ListingImage).where(ListingImage.listing_id == listing.id).order_by(ListingImage.position)
        )
    ]


def files_in(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def key_of(url: str) -> str:
    assert url.startswith("/media/listings/")
    return url.removeprefix("/media/")


# -- success --------------------------------------------------------------------------------------

def test_an_upload_answers_201_with_the_image_and_the_files_exist(client, session, listing, producer, bearer,
                                                                  media_root):
    upload = photo_bytes((2000, 1500), exif=gps_exif())
    assert Image.open(io.BytesIO(upload)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    response = post_file(client, listing, upload, headers=bearer(producer))

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert set(body) >= {"id", "url", "thumb_url", "width", "height"}
    assert (body["width"], body["height"]) == (1600, 1200)
    for url, longest in ((body["url"], 1600), (body["thumb_url"], 400)):
        stored = media_root / key_of(url)
        assert stored.is_file()
        data = stored.read_bytes()
        picture = Image.open(io.BytesIO(data))
        assert picture.format == "WEBP"
        assert max(picture.size) == longest
        assert len(picture.getexif()) == 0 and b"TestCam" not in data
    assert photo_rows(session, listing)[0][:2] == (body["id"], 0)
    served = client.get(body["url"])
    assert served.status_code == 200
    assert served.get_data() == (media_root / key_of(body["url"])).read_bytes()
    served.close()

    shown = client.get(f"/api/v1/listings/{listing.id}").get_json()
    assert shown["images"] == [body]


def test_photo_links_come_from_the_apps_storage(app, client, session, listing, producer, bearer):
    storage = MemoryStorage("https://cdn.example.test/otop/")
    app.extensions["media_storage"] = storage

    body = post_file(client, listing, photo_bytes((800, 600)), headers=bearer(producer)).get_json()

    assert body["url"].startswith("https://cdn.example.test/otop/listings/")
    assert storage.exists(body["url"].removeprefix(storage.base_url))
    shown = client.get(f"/api/v1/listings/{listing.id}").get_json()
    assert shown["images"] == [body]
    page = client.get(f"/listings/{listing.id}").get_data(as_text=True)
    assert body["url"] in page


def test_a_rotated_photo_comes_back_upright(client, listing, producer, bearer):
    response = post_file(client, listing, photo_bytes((800, 600), exif=gps_exif(orientation=6)),
                         headers=bearer(producer))
    assert response.status_code == 201
    assert (response.get_json()["width"], response.get_json()["height"]) == (600, 800)


def test_png_and_webp_are_accepted_and_positions_follow(client, session, listing, producer, bearer):
    headers = bearer(producer)
    first = post_file(client, listing, photo_bytes(image_format="PNG", seed=1), "a.png", headers).get_json()
    second = post_file(client, listing, photo_bytes(image_format="WEBP", seed=2), "b.webp", headers).get_json()
    assert [row[:2] for row in photo_rows(session, listing)] == [(first["id"], 0), (second["id"], 1)]


def test_the_same_photo_twice_is_one_pair_of_files_and_two_rows(client, session, listing, producer, bearer,
                                                                media_root):
    headers, data = bearer(producer), photo_bytes(seed=7)

    first = post_file(client, listing, data, headers=headers).get_json()
    second = post_file(client, listing, data, "again.jpg", headers=headers).get_json()

    assert first["id"] != second["id"]
    assert (first["url"], first["thumb_url"]) == (second["url"], second["thumb_url"])
    assert len(photo_rows(session, listing)) == 2
    assert len(files_in(media_root)) == 2


# -- refusals: nothing is written -----------------------------------------------------------------

@pytest.mark.parametrize(("content", "name", "status", "code"), [
    pytest.param(b"Harvest notes: 12 baskets.\n" * 40, "notes.jpg", 415, "unsupported_media_type", id="text-as-jpg"),
    pytest.param(photo_bytes(image_format="GIF"), "anim.gif", 415, "unsupported_media_type", id="gif"),
    pytest.param(photo_bytes((1200, 900), quality=90)[:9000], "cut.jpg", 422, "corrupt_image", id="truncated"),
    pytest.param(png_bomb(20_000, 20_000), "bomb.png", 422, "decompression_bomb", id="bomb"),
    pytest.param(photo_bytes((150, 100)), "tiny.jpg", 422, "image_too_small", id="too-small"),
    pytest.param(b"", "empty.jpg", 415, "unsupported_media_type", id="empty"),
])
def test_refused_uploads_write_nothing(client, session, listing, producer, bearer, media_root, content, name,
                                       status, code):
    response = post_file(client, listing, content, name, headers=bearer(producer))

    assert response.status_code == status
    error = response.get_json()["error"]
    assert error["code"] == code
    assert error["message"]
    if status == 422:
        assert set(error["fields"]) == {"file"}
    assert photo_rows(session, listing) == []
    assert files_in(media_root) == []


def test_a_body_that_is_not_multipart_is_415(client, session, listing, producer, bearer):
    response = client.post(images_url(listing), data=photo_bytes(), content_type="image/jpeg",
                           headers=bearer(producer))
    assert response.status_code == 415
    assert response.get_json()["error"]["code"] == "unsupported_media_type"
    assert photo_rows(session, listing) == []


def test_a_missing_file_field_is_422(client, session, listing, producer, bearer):
    response = post_file(client, listing, photo_bytes(), field="photo", headers=bearer(producer))
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"file": "required"}
    assert photo_rows(session, listing) == []


@pytest.fixture
def small_uploads(app_config):
    """A small ``MAX_CONTENT_LENGTH``, set before the app is built."""
    app_config["MAX_CONTENT_LENGTH"] = SMALL_LIMIT


def test_a_body_over_the_limit_is_413_before_it_is_read(small_uploads, client, session, listing, producer, bearer,
                                                        media_root):
    big = photo_bytes((1600, 1200), quality=98)
    assert len(big) > SMALL_LIMIT

    response = post_file(client, listing, big, headers=bearer(producer))

    assert response.status_code == 413
    error = response.get_json()["error"]
    assert error["code"] == "too_large"
    assert error["message"] == "The upload is larger than 58 KB"
    assert error["max_bytes"] == SMALL_LIMIT
    assert photo_rows(session, listing) == []
    assert files_in(media_root) == []
    small = post_file(client, listing, photo_bytes((400, 300)), headers=bearer(producer))
    assert small.status_code == 201


def test_at_most_ten_photos(client, session, listing, producer, bearer, media_root):
    for position in range(10):
        session.add(ListingImage(listing_id=listing.id, position=position, large_key=f"listings/aa/{position}.webp",
                                 thumb_key=f"listings/aa/{position}.webp", width=400, height=300))
    session.flush()

    response = post_file(client, listing, photo_bytes(), headers=bearer(producer))

    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "too_many_photos"
    assert len(photo_rows(session, listing)) == 10
    assert files_in(media_root) == []


# -- who may upload -------------------------------------------------------------------------------

def test_anonymous_callers_are_401(client, session, listing, media_root):
    response = post_file(client, listing, photo_bytes())
    assert response.status_code == 401
    assert photo_rows(session, listing) == [] and files_in(media_root) == []


@pytest.mark.parametrize("who", ["other_producer", "consumer"])
def test_anyone_but_the_enterprises_producers_gets_404(client, session, listing, bearer, media_root, who):
    caller = make_user(session)
    if who == "other_producer":
        make_enterprise(session, members=(caller,))

    response = post_file(client, listing, photo_bytes(), headers=bearer(caller))

    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    assert photo_rows(session, listing) == []
    assert files_in(media_root) == []


def test_a_missing_listing_is_404(client, producer, bearer):
    response = client.post("/api/v1/listings/999999/images", data={"file": (io.BytesIO(photo_bytes()), "a.jpg")},
                           content_type="multipart/form-data", headers=bearer(producer))
    assert response.status_code == 404


def test_the_route_is_described_as_a_multipart_upload(client):
    operation = client.get("/api/v1/openapi.json").get_json()["paths"]["/listings/{id}/images"]["post"]
    body = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert body == {"$ref": "#/components/schemas/ImageUpload"}
    assert operation["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Image"}
    assert {"401", "404", "409", "413", "415", "422"} <= set(operation["responses"])
    assert operation["security"] == [{"bearerAuth": []}]
