"""Photos: the safe upload pipeline, content-addressed storage, and demo pictures.

This is the one module that imports Pillow. Everything an upload goes through is here:

* only JPEG, PNG and WebP are opened (Pillow is told so, which also keeps its other
  decoders away from untrusted bytes);
* a decompression bomb is refused before its pixels are decoded, by Pillow's own limit
  (``Image.MAX_IMAGE_PIXELS``, set explicitly below, its warning turned into an error)
  and by an explicit check against the caller's ``max_pixels``;
* the image is decoded fully, so a truncated file is refused instead of being served
  half grey (``ImageFile.LOAD_TRUNCATED_IMAGES`` stays ``False``);
* the EXIF orientation is applied, colours are brought to sRGB, and the picture is
  re-encoded *from its pixels only*, so no EXIF (GPS!), ICC, XMP or comment survives;
* a large version and a thumbnail are written as WebP under content-hash names, so the
  same photo stored twice is one file.
"""

from __future__ import annotations

import colorsys
import dataclasses
import hashlib
import io
import os
import random
import re
import struct
import tempfile
import threading
import warnings
from pathlib import Path
from typing import IO, Protocol, runtime_checkable

from PIL import Image, ImageCms, ImageDraw, ImageFile, ImageFilter, ImageOps, UnidentifiedImageError

from .errors import PayloadTooLarge, UnsupportedMediaType, ValidationError

DEFAULT_MAX_PIXELS = 40_000_000
"""The largest picture decoded (40 megapixels: above any phone camera, far below a bomb)."""
DEFAULT_MIN_SIDE = 200
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
LARGE_SIDE = 1600
THUMB_SIDE = 400
WEBP_QUALITY = 82

# Pillow's process-wide limits, set explicitly rather than trusting its defaults. The
# warning Pillow gives between one and two times this limit is made an error in
# ``process_upload``; above twice the limit Pillow raises by itself.
Image.MAX_IMAGE_PIXELS = DEFAULT_MAX_PIXELS
ImageFile.LOAD_TRUNCATED_IMAGES = False

# What Pillow calls the formats we accept. A phone's JPEG with a second frame (a depth
# map, a preview) opens as "MPO"; it is a JPEG and is read as one.
_PILLOW_FORMATS = ("JPEG", "PNG", "WEBP")
_ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)
_EXIF_ERRORS = (*_DECODE_ERRORS, KeyError, TypeError, ZeroDivisionError)
_KEY_PATTERN = re.compile(r"^[a-z0-9_-]+(?:/[a-z0-9_-]+)*\.[a-z0-9]+$")

_SRGB = ImageCms.createProfile("sRGB")

# ``warnings.catch_warnings`` saves and restores the process-wide filter list; two threads
# inside it at once could restore each other's filters and leave ours installed for good.
_WARNINGS_LOCK = threading.Lock()


# --------------------------------------------------------------------------- storage

@runtime_checkable
class MediaStorage(Protocol):
    """Where encoded photos live, addressed by keys such as ``listings/ab/abcdef….webp``."""

    def save(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``; storing the same key again is harmless."""

    def exists(self, key: str) -> bool:
        """True when something is stored under ``key``."""

    def delete(self, key: str) -> None:
        """Remove ``key``; removing a key that is not there is not an error."""

    def url_for(self, key: str) -> str:
        """The public URL the browser fetches ``key`` from."""


def _check_key(key: str) -> str:
    """Keys are relative, lower-case paths of safe characters: never ``..`` nor absolute."""
    if not _KEY_PATTERN.fullmatch(key):
        raise ValueError(f"not a valid media key: {key!r}")
    return key


class LocalStorage:
    """Files under a directory (``MEDIA_ROOT``), served from ``base_url`` (``MEDIA_URL``).

    Writes are atomic: the bytes go to a temporary file in the target folder, which is
    then renamed over the key with ``os.replace``, so a reader never sees half a file.
    """

    def __init__(self, root: str | os.PathLike[str], base_url: str) -> None:
        self.root = Path(root)
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"

    def path_for(self, key: str) -> Path:
        """The file that holds ``key``. Raises ``ValueError`` for a malformed key."""
        return self.root.joinpath(*_check_key(key).split("/"))

    def url_for(self, key: str) -> str:
        """``MEDIA_URL`` + key. Raises ``ValueError`` for a malformed key."""
        return self.base_url + _check_key(key)

    def exists(self, key: str) -> bool:
        return self.path_for(key).is_file()

    def save(self, key: str, data: bytes) -> None:
        """Write ``data`` atomically, creating folders. Raises ``ValueError`` for a
        malformed key and ``OSError`` when the disk refuses."""
        target = self.path_for(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".upload-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as temp_file:
                temp_file.write(data)
                temp_file.flush()
                os.fsync(temp_file.fileno())
            # mkstemp makes the file private; the web server that serves MEDIA_ROOT must read it.
            os.chmod(temp_name, 0o644)
            os.replace(temp_name, target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise

    def delete(self, key: str) -> None:
        self.path_for(key).unlink(missing_ok=True)

    def read(self, key: str) -> bytes:
        """The stored bytes. Raises ``FileNotFoundError`` when nothing is stored under ``key``."""
        return self.path_for(key).read_bytes()


class MemoryStorage:
    """A storage that keeps everything in a dict: for tests and throw-away runs."""

    def __init__(self, base_url: str = "/media/") -> None:
        self.files: dict[str, bytes] = {}
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"

    def save(self, key: str, data: bytes) -> None:
        self.files[_check_key(key)] = bytes(data)

    def exists(self, key: str) -> bool:
        return _check_key(key) in self.files

    def delete(self, key: str) -> None:
        self.files.pop(_check_key(key), None)

    def url_for(self, key: str) -> str:
        return self.base_url + _check_key(key)

    def read(self, key: str) -> bytes:
        """The stored bytes. Raises ``FileNotFoundError`` when nothing is stored under ``key``."""
        try:
            return self.files[_check_key(key)]
        except KeyError:
            raise FileNotFoundError(key) from None


def content_key(data: bytes, *, prefix: str = "listings", extension: str = "webp") -> str:
    """``<prefix>/<first two hex digits>/<sha256 of data>.<extension>``."""
    digest = hashlib.sha256(data).hexdigest()
    return f"{prefix}/{digest[:2]}/{digest}.{extension}"


# --------------------------------------------------------------------------- pipeline

@dataclasses.dataclass(frozen=True)
class EncodedImage:
    """One encoded version of a photo, with its content-hash storage key."""

    data: bytes
    width: int
    height: int
    key: str
    content_type: str = "image/webp"


@dataclasses.dataclass(frozen=True)
class ProcessedImage:
    """The outcome of ``process_upload``: a large version and a thumbnail, both WebP,
    plus what the upload was (its format and its size once upright)."""

    large: EncodedImage
    thumb: EncodedImage
    source_format: str
    source_width: int
    source_height: int


def process_upload(
    data: bytes | bytearray | memoryview | IO[bytes],
    *,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    min_side: int = DEFAULT_MIN_SIDE,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    key_prefix: str = "listings",
    field: str = "image",
) -> ProcessedImage:
    """Check, clean and re-encode an uploaded photo.

    Returns a large version (longest side at most 1600 px, never enlarged) and a
    thumbnail (at most 400 px), both WebP re-encoded from the pixels alone, so no
    metadata of the upload survives. Nothing is stored; see ``store_listing_image``.

    Raises:
        PayloadTooLarge: more than ``max_bytes`` bytes (413, code ``too_large``).
        UnsupportedMediaType: not a JPEG, PNG or WebP image (415).
        ValidationError: a corrupt or truncated file (422, code ``corrupt_image``); more
            than ``max_pixels`` pixels (422, ``decompression_bomb``); a longest side
            under ``min_side`` pixels (422, ``image_too_small``). ``fields`` names ``field``.
    """
    raw = _read_bytes(data, max_bytes)
    # Another import may have relaxed these process-wide switches; put them back.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    if Image.MAX_IMAGE_PIXELS is None:
        Image.MAX_IMAGE_PIXELS = DEFAULT_MAX_PIXELS
    with _WARNINGS_LOCK, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image, source_format = _open_and_decode(raw, max_pixels=max_pixels, field=field)
    with image:
        upright = _upright(image)
        if max(upright.size) < min_side:
            width, height = upright.size
            message = (
                f"The photo is too small ({width}×{height} px); "
                f"its longest side must be at least {min_side} px"
            )
            raise ValidationError(message, code="image_too_small", fields={field: message})
        clean = _pixels_only(_to_rgb(upright, field))
    large = _fit(clean, LARGE_SIDE)
    thumb = _fit(large, THUMB_SIDE)
    return ProcessedImage(
        large=_encode_webp(large, key_prefix),
        thumb=_encode_webp(thumb, key_prefix),
        source_format=source_format,
        source_width=clean.width,
        source_height=clean.height,
    )


def store_listing_image(storage: MediaStorage, processed: ProcessedImage) -> tuple[str, str]:
    """Save both versions (skipping a key already stored: same key, same bytes) and
    return ``(large_key, thumb_key)``. Raises whatever the storage raises (``OSError``)."""
    for version in (processed.large, processed.thumb):
        if not storage.exists(version.key):
            storage.save(version.key, version.data)
    return processed.large.key, processed.thumb.key


def _read_bytes(data: bytes | bytearray | memoryview | IO[bytes], max_bytes: int | None) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
    else:
        raw = data.read() if max_bytes is None else data.read(max_bytes + 1)
    if max_bytes is not None and len(raw) > max_bytes:
        raise PayloadTooLarge(f"The photo is larger than {_readable_size(max_bytes)}", max_bytes=max_bytes)
    if not raw:
        raise UnsupportedMediaType("The file is empty; upload a JPEG, PNG or WebP photo")
    return raw


def _readable_size(size: int) -> str:
    megabyte = 1024 * 1024
    return f"{size // megabyte} MB" if size >= megabyte else f"{max(1, size // 1024)} KB"


def _looks_like_accepted_format(raw: bytes) -> bool:
    return raw.startswith(_SIGNATURES) or (raw[:4] == b"RIFF" and raw[8:12] == b"WEBP")


def _bomb_error(max_pixels: int, field: str, pixels: int | None = None) -> ValidationError:
    counted = f" ({pixels:,})" if pixels else ""
    message = f"The photo has too many pixels{counted}; the limit is {max_pixels:,}. Upload a smaller photo"
    return ValidationError(message, code="decompression_bomb", fields={field: message}, max_pixels=max_pixels)


def _open_and_decode(raw: bytes, *, max_pixels: int, field: str) -> tuple[Image.Image, str]:
    """Open with the accepted formats only, check the pixel count, then decode every pixel."""
    try:
        image = Image.open(io.BytesIO(raw), formats=_PILLOW_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb_error(min(max_pixels, Image.MAX_IMAGE_PIXELS or max_pixels), field) from exc
    except UnidentifiedImageError as exc:
        if _looks_like_accepted_format(raw):
            message = "The photo file is damaged and cannot be read"
            raise ValidationError(message, code="corrupt_image", fields={field: message}) from exc
        raise UnsupportedMediaType(
            "Only JPEG, PNG and WebP photos are accepted", fields={field: "not a JPEG, PNG or WebP image"}
        ) from exc
    except _DECODE_ERRORS as exc:
        message = "The photo file is damaged and cannot be read"
        raise ValidationError(message, code="corrupt_image", fields={field: message}) from exc
    try:
        source_format = _ACCEPTED_FORMATS.get(image.format or "")
        if source_format is None:
            raise UnsupportedMediaType(
                f"{image.format} images are not accepted; upload a JPEG, PNG or WebP photo",
                fields={field: "not a JPEG, PNG or WebP image"},
            )
        pixels = image.width * image.height
        if pixels > max_pixels:
            raise _bomb_error(max_pixels, field, pixels)
        try:
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _bomb_error(max_pixels, field, pixels) from exc
        except _DECODE_ERRORS as exc:
            message = "The photo file is incomplete or damaged (was the upload cut off?)"
            raise ValidationError(message, code="corrupt_image", fields={field: message}) from exc
    except BaseException:
        image.close()
        raise
    return image, source_format


def _upright(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation. A damaged EXIF block is ignored, not fatal: the
    metadata is about to be thrown away anyway."""
    try:
        transposed = ImageOps.exif_transpose(image)
    except _EXIF_ERRORS:
        return image
    return transposed if transposed is not None else image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert through the embedded ICC profile, if any, so colours stay right once the
    profile is dropped (a wide-gamut phone photo would otherwise look washed out)."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source_profile, _SRGB, outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
    return converted if converted is not None else image


def _to_rgb(image: Image.Image, field: str) -> Image.Image:
    """RGB, whatever came in: transparency is laid on white, CMYK and grey converted,
    16-bit grey scaled down rather than clipped."""
    image = _to_srgb(image)
    has_transparency = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if has_transparency:
        rgba = image.convert("RGBA")
        canvas = Image.new("RGBA", image.size, (255, 255, 255, 255))
        canvas.alpha_composite(rgba)
        return canvas.convert("RGB")
    if image.mode.startswith("I;16") or image.mode == "I":
        wide = image if image.mode == "I" else image.convert("I")
        return wide.point(lambda value: value * (1 / 256)).convert("L").convert("RGB")
    if image.mode == "RGB":
        return image
    try:
        return image.convert("RGB")
    except ValueError as exc:
        message = f"Photos in the {image.mode} colour mode are not supported"
        raise ValidationError(message, code="unsupported_colour_mode", fields={field: message}) from exc


def _pixels_only(image: Image.Image) -> Image.Image:
    """A brand-new image holding the pixels and nothing else: no ``info``, no EXIF,
    no ICC profile, no XMP, no comment can follow it into the output."""
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    return clean


def _fit(image: Image.Image, longest_side: int) -> Image.Image:
    """The image scaled down so its longest side is at most ``longest_side``; never enlarged."""
    if max(image.size) <= longest_side:
        return image
    scale = longest_side / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode_webp(image: Image.Image, key_prefix: str) -> EncodedImage:
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    data = buffer.getvalue()
    key = content_key(data, prefix=key_prefix)
    return EncodedImage(data=data, width=image.width, height=image.height, key=key)


# --------------------------------------------------------------------------- demo photos

# Hues (0-360) of each category's palette: reds and golds for food, greens for herbs…
_PALETTES: dict[str, tuple[int, ...]] = {
    "food": (18, 35, 8, 45),
    "beverages": (28, 95, 40, 150),
    "textiles": (330, 275, 45, 350),
    "souvenirs": (25, 190, 40, 15),
    "herbal": (95, 130, 60, 160),
    "community-tourism": (200, 140, 35, 175),
}


def _colour(hue: float, saturation: float, lightness: float, alpha: int = 255) -> tuple[int, int, int, int]:
    red, green, blue = colorsys.hls_to_rgb((hue % 360) / 360, lightness, saturation)
    return round(red * 255), round(green * 255), round(blue * 255), alpha


def generate_demo_photo(seed: str, category: str = "souvenirs", size: tuple[int, int] = (1200, 900)) -> bytes:
    """A pleasant abstract picture for the demo catalogue, as JPEG bytes.

    Deterministic: the same ``seed``, ``category`` and ``size`` give the same bytes
    (with the same Pillow and zlib), so demo photos get the same content-hash names
    on every run. ``category`` is a category slug choosing the palette and motif; an
    unknown slug gets the souvenir palette. No text is drawn (Pillow's default font
    has no Thai). Raises ``ValueError`` for a non-positive size.
    """
    width, height = size
    if width <= 0 or height <= 0:
        raise ValueError(f"size must be positive, not {size!r}")
    rng = random.Random(hashlib.sha256(f"{category}\x00{seed}".encode()).digest())
    hues = _PALETTES.get(category, _PALETTES["souvenirs"])
    base_hue = rng.choice(hues) + rng.uniform(-12, 12)

    top = Image.new("RGBA", size, _colour(base_hue, 0.55, 0.78))
    bottom = Image.new("RGBA", size, _colour(base_hue + rng.uniform(-40, 40), 0.6, 0.42))
    ramp = Image.linear_gradient("L").resize(size)
    picture = Image.composite(bottom, top, ramp)

    glow = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(glow)
    for _ in range(9):
        radius = rng.uniform(0.08, 0.3) * min(size)
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        hue = rng.choice(hues) + rng.uniform(-15, 15)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius),
                     fill=_colour(hue, 0.7, rng.uniform(0.55, 0.85), rng.randint(50, 120)))
    picture.alpha_composite(_soften(glow, min(size) / 40))

    motif = Image.new("RGBA", size, (0, 0, 0, 0))
    _MOTIFS.get(category, _draw_baskets)(ImageDraw.Draw(motif), size, rng, hues)
    picture.alpha_composite(motif)

    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _soften(layer: Image.Image, radius: float) -> Image.Image:
    """A Gaussian blur done at a quarter of the size (the result is soft anyway, and it is
    sixteen times less work), on premultiplied alpha so edges do not darken."""
    small = layer.convert("RGBa").resize((max(1, layer.width // 4), max(1, layer.height // 4)),
                                         Image.Resampling.BILINEAR)
    blurred = small.filter(ImageFilter.GaussianBlur(radius / 4))
    return blurred.resize(layer.size, Image.Resampling.BILINEAR).convert("RGBA")


def _draw_plates(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random,
                 hues: tuple[int, ...]) -> None:
    """Food: a few plates seen from above, each with a ring and a heap of colour."""
    width, height = size
    for _ in range(rng.randint(2, 4)):
        radius = rng.uniform(0.12, 0.2) * min(size)
        x, y = rng.uniform(radius, width - radius), rng.uniform(radius, height - radius)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(250, 247, 240, 235))
        ring = radius * 0.82
        draw.ellipse((x - ring, y - ring, x + ring, y + ring),
                     outline=_colour(rng.choice(hues), 0.5, 0.5, 200), width=max(2, int(radius / 18)))
        for _ in range(7):
            dot = radius * rng.uniform(0.1, 0.22)
            dx, dy = rng.uniform(-0.45, 0.45) * radius, rng.uniform(-0.45, 0.45) * radius
            draw.ellipse((x + dx - dot, y + dy - dot, x + dx + dot, y + dy + dot),
                         fill=_colour(rng.choice(hues) + rng.uniform(-10, 10), 0.75, 0.5, 230))


def _draw_bottles(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random,
                  hues: tuple[int, ...]) -> None:
    """Beverages: a row of bottles and jars standing on a shelf line."""
    width, height = size
    shelf = height * 0.82
    draw.rectangle((0, shelf, width, height), fill=(70, 50, 35, 150))
    count = rng.randint(3, 5)
    for index in range(count):
        body_width = width / (count * 1.9)
        x = width * (index + 0.5) / count
        body_height = height * rng.uniform(0.32, 0.5)
        top = shelf - body_height
        colour = _colour(rng.choice(hues) + rng.uniform(-10, 10), 0.65, rng.uniform(0.3, 0.55), 225)
        draw.rounded_rectangle((x - body_width / 2, top, x + body_width / 2, shelf),
                               radius=body_width / 4, fill=colour)
        neck = body_width / 4
        draw.rectangle((x - neck / 2, top - body_height * 0.3, x + neck / 2, top + 4), fill=colour)
        draw.rounded_rectangle((x - body_width / 3, top + body_height * 0.35, x + body_width / 3,
                                top + body_height * 0.65), radius=6, fill=(250, 245, 230, 220))


def _draw_weave(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random,
                hues: tuple[int, ...]) -> None:
    """Textiles: bands of mudmee-like diamonds across the cloth."""
    width, height = size
    band = height / rng.randint(5, 8)
    step = band * 0.9
    for row in range(int(height / band) + 1):
        y = row * band
        colour = _colour(rng.choice(hues), 0.7, rng.uniform(0.3, 0.6), 190)
        accent = _colour(rng.choice(hues) + 30, 0.6, 0.8, 200)
        draw.rectangle((0, y, width, y + band * 0.12), fill=accent)
        x = -step if row % 2 else -step / 2
        while x < width + step:
            middle = y + band / 2
            half = step / 2
            draw.polygon(((x, middle), (x + half, middle - band * 0.32), (x + step, middle),
                          (x + half, middle + band * 0.32)), fill=colour)
            draw.polygon(((x + half * 0.6, middle), (x + half, middle - band * 0.12),
                          (x + step - half * 0.6, middle), (x + half, middle + band * 0.12)), fill=accent)
            x += step


def _draw_baskets(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random,
                  hues: tuple[int, ...]) -> None:
    """Household goods and souvenirs: a woven basket pattern inside a round tray."""
    width, height = size
    radius = min(size) * rng.uniform(0.33, 0.42)
    x, y = width / 2 + rng.uniform(-0.1, 0.1) * width, height / 2
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=_colour(35, 0.45, 0.55, 230))
    strip = radius / 6
    light, dark = _colour(40, 0.5, 0.75, 220), _colour(rng.choice(hues), 0.55, 0.35, 200)
    for row in range(-6, 7):
        for column in range(-6, 7):
            cx, cy = x + column * strip, y + row * strip
            if (column * strip) ** 2 + (row * strip) ** 2 > (radius - strip) ** 2:
                continue
            fill = light if (row + column) % 2 else dark
            inset = strip / 2 - 2
            draw.rectangle((cx - inset, cy - inset, cx + inset, cy + inset), fill=fill)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=_colour(30, 0.5, 0.3, 255),
                 width=max(3, int(radius / 14)))


def _draw_leaves(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random,
                 hues: tuple[int, ...]) -> None:
    """Herbal products: leaves and a mortar bowl."""
    width, height = size
    for _ in range(rng.randint(10, 16)):
        length = min(size) * rng.uniform(0.12, 0.22)
        x, y = rng.uniform(0, width), rng.uniform(0, height * 0.7)
        colour = _colour(rng.choice(hues) + rng.uniform(-10, 10), 0.6, rng.uniform(0.3, 0.5), 210)
        draw.ellipse((x - length, y - length / 3, x + length, y + length / 3), fill=colour)
        draw.line((x - length, y, x + length, y), fill=(235, 245, 220, 180), width=2)
    bowl = min(size) * 0.22
    bx, by = width * rng.uniform(0.3, 0.7), height * 0.8
    draw.pieslice((bx - bowl, by - bowl, bx + bowl, by + bowl), 0, 180, fill=(120, 110, 100, 240))
    draw.rectangle((bx - bowl, by - bowl * 0.06, bx + bowl, by + bowl * 0.06), fill=(150, 140, 128, 240))


def _draw_landscape(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random,
                    hues: tuple[int, ...]) -> None:
    """Community tourism: a sun over layered hills and a river."""
    width, height = size
    sun = min(size) * rng.uniform(0.07, 0.11)
    sx, sy = width * rng.uniform(0.2, 0.8), height * rng.uniform(0.15, 0.3)
    draw.ellipse((sx - sun, sy - sun, sx + sun, sy + sun), fill=(255, 236, 170, 235))
    hill_hue = rng.choice(hues[1:])
    for layer in range(4):
        base = height * (0.45 + layer * 0.12)
        points = [(0.0, float(height))]
        for step in range(9):
            points.append((width * step / 8, base - rng.uniform(0.0, 0.16) * height))
        points.append((float(width), float(height)))
        draw.polygon(points, fill=_colour(hill_hue + layer * 6, 0.4, 0.5 - layer * 0.08, 235))
    draw.polygon(((width * 0.42, height), (width * 0.5, height * 0.8), (width * 0.56, height * 0.8),
                  (width * 0.7, height)), fill=_colour(200, 0.5, 0.6, 220))


_MOTIFS = {
    "food": _draw_plates,
    "beverages": _draw_bottles,
    "textiles": _draw_weave,
    "souvenirs": _draw_baskets,
    "herbal": _draw_leaves,
    "community-tourism": _draw_landscape,
}
