"""Photo uploads: ``POST /listings/{id}/images`` (multipart field ``file``)."""

from __future__ import annotations

from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from ..catalog.photos import add_photo, readable_size
from ..catalog.queries import listing_for_producer
from ..catalog.storage import media_storage
from ..errors import PayloadTooLarge, UnsupportedMediaType, ValidationError
from ..extensions import db
from . import bp
from .auth import authenticated_user, require_user
from .declare import operation
from .schemas.catalog import Image, ImageUpload


@bp.post("/listings/<int:id>/images")
@require_user
@operation(summary="Add a photo to a listing", auth=True, body=ImageUpload, body_media_type="multipart/form-data",
           responses={201: Image}, errors=(404, 409, 413, 415, 422),
           description="For the listing's enterprise's producers (404 for anyone else). JPEG, PNG or WebP only (415); "
                       "more than MAX_UPLOAD_BYTES (10 MB by default) is refused before it is read (413); a damaged "
                       "or truncated file, a decompression bomb or a photo whose longest side is under 200 px is 422. "
                       "The photo is turned upright from its EXIF orientation, stripped of all metadata and stored "
                       "as WebP (a large version, longest side 1600 px, and a 400 px thumbnail). A listing has at "
                       "most 10 photos (409 `too_many_photos`); the first one is the cover.")
def add_listing_image(id: int):  # named as in the contract: /listings/{id}/images
    listing = listing_for_producer(db.session, authenticated_user(), id)
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType("Send the photo as multipart/form-data in the field 'file'")
    try:
        upload = request.files.get("file")
    except RequestEntityTooLarge:
        raise PayloadTooLarge(f"The upload is larger than {readable_size(limit)}" if limit else
                              "The upload is too large", max_bytes=limit) from None
    if upload is None:
        raise ValidationError("Send the photo in the multipart field 'file'", fields={"file": "required"})
    image = add_photo(db.session, media_storage(), listing, upload.stream, max_bytes=limit, field="file")
    db.session.commit()
    return Image.of(image), 201
