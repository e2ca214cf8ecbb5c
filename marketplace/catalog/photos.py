"""A listing's photos: add, reorder, choose the cover, delete.

Every upload goes through ``media.process_upload`` (the safe Pillow pipeline) and is
stored through the ``MediaStorage`` interface under content-hash keys, so the same
photo uploaded twice is one pair of files shared by two ``ListingImage`` rows.

Positions are ``0 .. n-1`` with no gaps; position 0 is the cover. The table has a
unique ``(listing_id, position)`` constraint that the database checks row by row,
so renumbering moves every photo to a distinct negative position first, then to its
final place. Changes to one listing's photos lock the listing row (``SELECT … FOR
UPDATE`` on PostgreSQL) so that two uploads at once cannot pick the same position.

A deleted photo's files are removed once the transaction commits, and only when no
photo row still uses them: a rolled-back request never leaves rows pointing at missing
files. A failed request may leave files no row uses; they are harmless (and found by
comparing the storage with the table).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import IO

from sqlalchemy import event, func, or_, select
from sqlalchemy.orm import Session, SessionTransaction

from ..errors import Conflict, NotFound, ValidationError
from ..media import (
    DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_MIN_SIDE, MediaStorage, process_upload, store_listing_image,
)
from .models import Listing, ListingImage

log = logging.getLogger(__name__)

MAX_PHOTOS = 10
"""The most photos one listing may have."""

_PENDING_DELETIONS = "marketplace.media_keys_to_delete"


def add_photo(session: Session, storage: MediaStorage, listing: Listing,
              data: bytes | bytearray | memoryview | IO[bytes], *, max_pixels: int = DEFAULT_MAX_PIXELS,
              min_side: int = DEFAULT_MIN_SIDE, max_bytes: int | None = DEFAULT_MAX_BYTES,
              max_photos: int = MAX_PHOTOS, field: str = "file") -> ListingImage:
    """Check and clean an uploaded photo, store its large version and thumbnail, and
    add it after the listing's other photos (the first photo becomes the cover).

    Nothing is stored and no row is added when the upload is refused.

    Raises:
        Conflict: the listing already has ``max_photos`` photos (409, ``too_many_photos``).
        PayloadTooLarge: more than ``max_bytes`` bytes (413).
        UnsupportedMediaType: not a JPEG, PNG or WebP image (415).
        ValidationError: a damaged or truncated file, a decompression bomb (more than
            ``max_pixels`` pixels) or a photo under ``min_side`` pixels (422; ``fields``
            names ``field``).
        OSError: the storage could not write the files.
    """
    # Decode before taking the listing's lock: Pillow's work must not hold up other edits.
    processed = process_upload(data, max_pixels=max_pixels, min_side=min_side, max_bytes=max_bytes, field=field)
    images = _locked_images(session, listing)
    if len(images) >= max_photos:
        raise Conflict(
            f"A listing can have at most {max_photos} photos; delete one before adding another",
            code="too_many_photos", max_photos=max_photos,
        )
    large_key, thumb_key = store_listing_image(storage, processed)
    next_position = session.scalar(
        select(func.coalesce(func.max(ListingImage.position) + 1, 0)).where(ListingImage.listing_id == listing.id)
    )
    image = ListingImage(
        listing_id=listing.id, position=next_position, large_key=large_key, thumb_key=thumb_key,
        width=processed.large.width, height=processed.large.height,
    )
    session.add(image)
    session.flush()
    session.expire(listing, ["images"])
    return image


def reorder_photos(session: Session, listing: Listing, ordered_ids: Sequence[int]) -> list[ListingImage]:
    """Put the listing's photos in the order of ``ordered_ids``; the first becomes the
    cover. Returns the photos in their new order.

    Raises ``ValidationError`` (422, ``fields["order"]``) unless ``ordered_ids`` holds
    each of the listing's photo ids exactly once.
    """
    images = _locked_images(session, listing)
    by_id = {image.id: image for image in images}
    ids = list(ordered_ids)
    if len(ids) != len(set(ids)) or set(ids) != set(by_id):
        message = "List each of the listing's photos exactly once"
        raise ValidationError(message, fields={"order": message})
    ordered = [by_id[image_id] for image_id in ids]
    _renumber(session, ordered)
    session.expire(listing, ["images"])
    return ordered


def set_cover(session: Session, listing: Listing, image_id: int) -> ListingImage:
    """Make a photo the cover (position 0); the others keep their order.
    Raises ``NotFound`` when the listing has no photo ``image_id``."""
    images = _locked_images(session, listing)
    cover = _find(images, image_id)
    _renumber(session, [cover] + [image for image in images if image is not cover])
    session.expire(listing, ["images"])
    return cover


def move_photo(session: Session, listing: Listing, image_id: int, offset: int) -> ListingImage:
    """Move a photo ``offset`` places (``-1`` earlier, ``1`` later), stopping at either
    end. Raises ``NotFound`` when the listing has no photo ``image_id``."""
    images = _locked_images(session, listing)
    image = _find(images, image_id)
    index = images.index(image)
    target = min(max(index + offset, 0), len(images) - 1)
    if target != index:
        images.insert(target, images.pop(index))
        _renumber(session, images)
        session.expire(listing, ["images"])
    return image


def delete_photo(session: Session, storage: MediaStorage, listing: Listing, image_id: int) -> None:
    """Delete a photo and close the gap it leaves (the next photo becomes the cover
    when the cover is deleted). Its files are removed from ``storage`` once the
    transaction commits, unless another photo row uses the same content-hash keys.
    Raises ``NotFound`` when the listing has no photo ``image_id``."""
    images = _locked_images(session, listing)
    image = _find(images, image_id)
    keys = {image.large_key, image.thumb_key}
    session.delete(image)
    session.flush()  # the row must be gone before another photo takes its position
    _renumber(session, [other for other in images if other is not image])
    session.expire(listing, ["images"])
    delete_files_after_commit(session, storage, keys)


def keys_in_use(session: Session, keys: set[str]) -> set[str]:
    """Those of ``keys`` that some photo row still names (as large or thumbnail version;
    a small photo's two versions are the same file)."""
    if not keys:
        return set()
    rows = session.execute(
        select(ListingImage.large_key, ListingImage.thumb_key)
        .where(or_(ListingImage.large_key.in_(keys), ListingImage.thumb_key.in_(keys)))
    )
    return {key for row in rows for key in row} & keys


def delete_files_after_commit(session: Session, storage: MediaStorage, keys: set[str]) -> None:
    """Remove ``keys`` from ``storage`` when ``session`` commits, except those a photo row
    names by then; forget them when it rolls back."""
    session.info.setdefault(_PENDING_DELETIONS, []).append((storage, set(keys)))


@event.listens_for(Session, "before_commit")
def _keep_files_still_in_use(session: Session) -> None:
    pending = session.info.get(_PENDING_DELETIONS)
    if pending:
        session.flush()
        in_use = keys_in_use(session, set().union(*(keys for _storage, keys in pending)))
        session.info[_PENDING_DELETIONS] = [(storage, keys - in_use) for storage, keys in pending]


@event.listens_for(Session, "after_commit")
def _delete_files(session: Session) -> None:
    for storage, keys in session.info.pop(_PENDING_DELETIONS, ()):
        for key in sorted(keys):
            try:
                storage.delete(key)
            except OSError:
                log.warning("Could not delete the media file %s", key, exc_info=True)


@event.listens_for(Session, "after_soft_rollback")
def _forget_files(session: Session, previous_transaction: SessionTransaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(_PENDING_DELETIONS, None)


def readable_size(size: int) -> str:
    """``10 MB``, ``512 KB``: an upload limit as people read it."""
    megabyte = 1024 * 1024
    if size >= megabyte and size % megabyte == 0:
        return f"{size // megabyte} MB"
    if size >= megabyte:
        return f"{size / megabyte:.1f} MB"
    return f"{max(1, size // 1024)} KB"


def _locked_images(session: Session, listing: Listing) -> list[ListingImage]:
    """Lock the listing row, then read its photos afresh, in order."""
    session.execute(select(Listing.id).where(Listing.id == listing.id).with_for_update())
    return list(session.scalars(
        select(ListingImage)
        .where(ListingImage.listing_id == listing.id)
        .order_by(ListingImage.position, ListingImage.id)
        .execution_options(populate_existing=True)
    ))


def _find(images: list[ListingImage], image_id: int) -> ListingImage:
    for image in images:
        if image.id == image_id:
            return image
    raise NotFound("Photo not found")


def _renumber(session: Session, ordered: list[ListingImage]) -> None:
    """Give ``ordered`` the positions ``0 .. n-1`` without ever breaking the unique
    ``(listing_id, position)`` constraint on the way."""
    if all(image.position == index for index, image in enumerate(ordered)):
        return
    for index, image in enumerate(ordered):
        image.position = -1 - index
    session.flush()
    for index, image in enumerate(ordered):
        image.position = index
    session.flush()
