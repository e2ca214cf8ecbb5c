"""The photo pipeline and the media storage, with real images drawn by Pillow in the tests."""

from __future__ import annotations

import io
import re
import stat
import struct
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms, ImageDraw

from marketplace import media
from marketplace.errors import PayloadTooLarge, UnsupportedMediaType, ValidationError
from marketplace.media import (
    DEFAULT_MAX_PIXELS, LocalStorage, MediaStorage, MemoryStorage, generate_demo_photo, process_upload,
    store_listing_image,
)

KEY = re.compile(r"^listings/(?P<prefix>[0-9a-f]{2})/(?P<digest>[0-9a-f]{64})\.webp$")


# --------------------------------------------------------------------------- helpers

def picture(size: tuple[int, int] = (800, 600), mode: str = "RGB") -> Image.Image:
    """A photo-like test picture: a gradient with shapes, so JPEG data is not trivially small."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 4):
        draw.rectangle((0, y, width, y + 3), fill=(40 + y * 180 // height, 120, 200 - y * 150 // height))
    for index in range(12):
        x, y = (index * 97) % width, (index * 61) % height
        draw.ellipse((x, y, x + width // 6, y + height // 6), fill=(250 - index * 15, index * 20, 90))
    return image if mode == "RGB" else image.convert(mode)


def encode(image: Image.Image, image_format: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **params)
    return buffer.getvalue()


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def riff_chunks(data: bytes) -> list[bytes]:
    """The chunk names of a WebP file (``VP8 ``, ``VP8X``, ``EXIF``, ``ICCP``, ``XMP ``…)."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    names, offset = [], 12
    while offset + 8 <= len(data):
        name, size = data[offset:offset + 4], struct.unpack("<I", data[offset + 4:offset + 8])[0]
        names.append(name)
        offset += 8 + size + (size & 1)
    return names


def exif_with_gps(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    exif[ExifTags.Base.Model] = "Phone 12"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (18.0, 47.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (98.0, 59.0, 10.0)
    return exif


def png_bomb(width: int, height: int) -> bytes:
    """A valid one-bit greyscale PNG of ``width`` × ``height`` white pixels, written row by
    row so the test never holds the pixels: hundreds of megapixels in tens of kilobytes."""
    def chunk(name: bytes, payload: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(name + payload))
        return struct.pack(">I", len(payload)) + name + payload + checksum

    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def close_to(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 24) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


# --------------------------------------------------------------------------- metadata and orientation

def test_gps_exif_icc_xmp_and_comment_do_not_survive():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = encode(picture(), "JPEG", exif=exif_with_gps(), icc_profile=srgb, comment=b"shot at home",
                    xmp=b"<x:xmpmeta>secret location</x:xmpmeta>")
    uploaded = decode(source)
    assert uploaded.getexif().get_ifd(ExifTags.IFD.GPSInfo), "the test image must carry GPS data"
    assert {"icc_profile", "xmp", "comment"} <= set(uploaded.info)

    processed = process_upload(source)

    for version in (processed.large, processed.thumb):
        assert riff_chunks(version.data) == [b"VP8 "]  # simple lossy WebP: pixels and nothing else
        output = decode(version.data)
        assert len(output.getexif()) == 0
        assert not {"exif", "icc_profile", "xmp", "comment"} & set(output.info)
        assert b"TestCam" not in version.data and b"secret location" not in version.data


def test_broken_icc_profile_and_exif_are_ignored_not_fatal():
    data = encode(picture(), "JPEG", icc_profile=b"not a colour profile", exif=b"Exif\x00\x00garbage")
    processed = process_upload(data)
    assert riff_chunks(processed.large.data) == [b"VP8 "]


def test_exif_orientation_is_applied():
    source = picture((800, 600))
    draw = ImageDraw.Draw(source)
    draw.rectangle((0, 0, 399, 599), fill=(220, 20, 20))
    draw.rectangle((400, 0, 799, 599), fill=(20, 20, 220))
    data = encode(source, "JPEG", quality=95, exif=exif_with_gps(orientation=6))

    processed = process_upload(data)

    assert (processed.large.width, processed.large.height) == (600, 800)
    assert (processed.source_width, processed.source_height) == (600, 800)
    output = decode(processed.large.data).convert("RGB")
    assert output.size == (600, 800)
    # Orientation 6 means "turn 90° clockwise to view": the left (red) half ends up on top.
    assert close_to(output.getpixel((300, 150)), (220, 20, 20))
    assert close_to(output.getpixel((300, 650)), (20, 20, 220))


# --------------------------------------------------------------------------- refusals

def test_truncated_jpeg_is_refused():
    data = encode(picture((1200, 900)), "JPEG", quality=90)
    with pytest.raises(ValidationError) as caught:
        process_upload(data[: len(data) // 2])
    assert caught.value.status == 422
    assert caught.value.code == "corrupt_image"
    assert "image" in caught.value.fields


def test_truncated_png_is_refused():
    data = encode(picture((600, 400)), "PNG")
    with pytest.raises(ValidationError) as caught:
        process_upload(data[: len(data) // 2])
    assert caught.value.code == "corrupt_image"


def test_damaged_header_of_a_real_format_is_corrupt_not_unsupported():
    data = encode(picture((600, 400)), "PNG")
    with pytest.raises(ValidationError) as caught:
        process_upload(data[:40])
    assert caught.value.status == 422


def test_decompression_bomb_is_refused_before_decoding():
    bomb = png_bomb(20_000, 20_000)
    assert len(bomb) < 200_000
    assert Image.MAX_IMAGE_PIXELS == DEFAULT_MAX_PIXELS
    with pytest.raises(ValidationError) as caught:
        process_upload(bomb)
    assert caught.value.status == 422
    assert caught.value.code == "decompression_bomb"
    assert caught.value.extra["max_pixels"] <= DEFAULT_MAX_PIXELS


def test_pillow_bomb_warning_range_is_an_error_too():
    # Between one and two times Pillow's limit Pillow only warns; the pipeline refuses.
    with pytest.raises(ValidationError) as caught:
        process_upload(png_bomb(8_000, 6_000), max_pixels=10 ** 9)
    assert caught.value.code == "decompression_bomb"


def test_max_pixels_argument_is_enforced():
    data = encode(picture((1200, 1000)), "JPEG")
    with pytest.raises(ValidationError) as caught:
        process_upload(data, max_pixels=1_000_000)
    assert caught.value.code == "decompression_bomb"
    assert caught.value.extra["max_pixels"] == 1_000_000


def test_warning_filters_are_left_as_they_were():
    before = list(warnings.filters)
    process_upload(encode(picture(), "JPEG"))
    with pytest.raises(ValidationError):
        process_upload(png_bomb(20_000, 20_000))
    assert warnings.filters == before


def test_text_file_named_jpg_is_unsupported():
    upload = io.BytesIO(b"this is not a photo, just some text\n" * 20)
    upload.name = "holiday.jpg"
    with pytest.raises(UnsupportedMediaType) as caught:
        process_upload(upload)
    assert caught.value.status == 415


def test_gif_is_unsupported():
    with pytest.raises(UnsupportedMediaType) as caught:
        process_upload(encode(picture((400, 300)), "GIF"))
    assert caught.value.status == 415
    assert "JPEG, PNG" in caught.value.message


def test_empty_upload_is_unsupported():
    with pytest.raises(UnsupportedMediaType):
        process_upload(b"")


def test_too_small_photo_is_refused():
    with pytest.raises(ValidationError) as caught:
        process_upload(encode(picture((150, 120)), "PNG"))
    assert caught.value.code == "image_too_small"
    assert caught.value.status == 422


def test_too_many_bytes_is_refused():
    with pytest.raises(PayloadTooLarge) as caught:
        process_upload(io.BytesIO(encode(picture(), "PNG")), max_bytes=1_000)
    assert caught.value.status == 413
    assert "1 KB" in caught.value.message


# --------------------------------------------------------------------------- colour modes

def test_cmyk_jpeg_becomes_rgb():
    cmyk = Image.new("CMYK", (500, 400), (0, 255, 255, 0))
    processed = process_upload(encode(cmyk, "JPEG", quality=95))
    output = decode(processed.large.data)
    assert output.mode == "RGB"
    assert close_to(output.getpixel((250, 200)), (255, 0, 0), tolerance=30)


def test_rgba_png_is_laid_on_white():
    rgba = Image.new("RGBA", (500, 400), (0, 0, 0, 0))
    ImageDraw.Draw(rgba).rectangle((0, 0, 249, 399), fill=(10, 120, 10, 255))
    processed = process_upload(encode(rgba, "PNG"))
    output = decode(processed.large.data)
    assert output.mode == "RGB"
    assert close_to(output.getpixel((100, 200)), (10, 120, 10))
    assert close_to(output.getpixel((400, 200)), (255, 255, 255), tolerance=6)


def test_palette_png_with_transparency_is_laid_on_white():
    palette = picture((500, 400)).convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    ImageDraw.Draw(palette).rectangle((250, 0, 499, 399), fill=0)
    output = decode(process_upload(encode(palette, "PNG", transparency=0)).large.data)
    assert output.mode == "RGB"
    assert close_to(output.getpixel((400, 200)), (255, 255, 255), tolerance=6)


def test_grey_and_sixteen_bit_grey_become_rgb_without_clipping():
    grey = decode(process_upload(encode(Image.new("L", (400, 300), 90), "PNG")).large.data)
    assert grey.mode == "RGB" and close_to(grey.getpixel((200, 150)), (90, 90, 90), tolerance=4)
    deep = Image.new("I;16", (400, 300), 128 * 256)
    output = decode(process_upload(encode(deep, "PNG")).large.data)
    assert output.mode == "RGB" and close_to(output.getpixel((200, 150)), (128, 128, 128), tolerance=4)


def test_webp_and_mpo_uploads_are_accepted():
    assert process_upload(encode(picture(), "WEBP")).source_format == "WEBP"
    mpo = encode(picture(), "MPO", save_all=True, append_images=[picture((400, 300))])
    assert decode(mpo).format == "MPO"
    assert process_upload(mpo).source_format == "JPEG"


# --------------------------------------------------------------------------- sizes and keys

def test_large_and_thumbnail_sizes():
    processed = process_upload(encode(picture((3000, 2000)), "JPEG"))
    assert (processed.large.width, processed.large.height) == (1600, 1067)
    assert (processed.thumb.width, processed.thumb.height) == (400, 267)
    assert decode(processed.large.data).size == (1600, 1067)
    assert decode(processed.thumb.data).size == (400, 267)
    assert processed.large.content_type == "image/webp"


def test_small_photos_are_never_enlarged():
    processed = process_upload(encode(picture((360, 240)), "PNG"))
    assert (processed.large.width, processed.large.height) == (360, 240)
    assert (processed.thumb.width, processed.thumb.height) == (360, 240)


def test_keys_are_content_hashes():
    processed = process_upload(encode(picture(), "JPEG"))
    for version in (processed.large, processed.thumb):
        match = KEY.match(version.key)
        assert match, version.key
        assert match["digest"].startswith(match["prefix"])
    assert processed.large.key != processed.thumb.key


def test_same_photo_twice_is_one_file(tmp_path: Path):
    storage = LocalStorage(tmp_path, "/media")
    data = encode(picture(), "JPEG", exif=exif_with_gps())
    first = store_listing_image(storage, process_upload(data))
    second = store_listing_image(storage, process_upload(io.BytesIO(data)))
    assert first == second
    files = sorted(path for path in tmp_path.rglob("*") if path.is_file())
    assert [path.relative_to(tmp_path).as_posix() for path in files] == sorted(first)


# --------------------------------------------------------------------------- storage

def test_local_storage_writes_atomically_and_serves_urls(tmp_path: Path):
    storage = LocalStorage(str(tmp_path / "media"), "/media")
    assert isinstance(storage, MediaStorage)
    key = "listings/ab/abcdef.webp"
    assert not storage.exists(key)
    storage.save(key, b"first")
    storage.save(key, b"second")
    assert storage.read(key) == b"second"
    assert storage.path_for(key) == tmp_path / "media" / "listings" / "ab" / "abcdef.webp"
    assert storage.url_for(key) == "/media/listings/ab/abcdef.webp"
    assert stat.S_IMODE(storage.path_for(key).stat().st_mode) == 0o644
    assert [path.name for path in (tmp_path / "media" / "listings" / "ab").iterdir()] == ["abcdef.webp"]
    storage.delete(key)
    storage.delete(key)
    assert not storage.exists(key)


UNSAFE_KEYS = [
    "../escape.webp", "/etc/passwd", "listings/../../x.webp", "a\\b.webp", "", "x", "Listings/A.WEBP",
]


@pytest.mark.parametrize("key", UNSAFE_KEYS)
def test_storage_refuses_unsafe_keys(tmp_path: Path, key: str):
    storage = LocalStorage(tmp_path, "/media/")
    with pytest.raises(ValueError):
        storage.save(key, b"data")
    with pytest.raises(ValueError):
        MemoryStorage().save(key, b"data")


def test_memory_storage():
    storage = MemoryStorage()
    assert isinstance(storage, MediaStorage)
    keys = store_listing_image(storage, process_upload(encode(picture(), "PNG")))
    assert all(storage.exists(key) for key in keys)
    assert storage.url_for(keys[0]) == "/media/" + keys[0]
    with pytest.raises(FileNotFoundError):
        storage.read("listings/00/missing.webp")


# --------------------------------------------------------------------------- demo photos

CATEGORY_SLUGS = ["food", "beverages", "textiles", "souvenirs", "herbal", "community-tourism"]


@pytest.mark.parametrize("category", CATEGORY_SLUGS)
def test_demo_photo_is_deterministic_and_goes_through_the_pipeline(category: str):
    first = generate_demo_photo("5-50-13-12/1-0007/ร่มกระดาษสา", category, size=(480, 360))
    assert first == generate_demo_photo("5-50-13-12/1-0007/ร่มกระดาษสา", category, size=(480, 360))
    assert first != generate_demo_photo("another seed", category, size=(480, 360))
    assert decode(first).size == (480, 360)
    processed = process_upload(first)
    assert processed.large.key == process_upload(first).large.key


def test_demo_photo_default_size_and_bad_size():
    assert decode(generate_demo_photo("x")).size == (1200, 900)
    with pytest.raises(ValueError):
        generate_demo_photo("x", size=(0, 10))


def test_pillow_limits_are_set_explicitly():
    from PIL import ImageFile

    assert Image.MAX_IMAGE_PIXELS == media.DEFAULT_MAX_PIXELS
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
