"""The producer's pages for a listing's photos: upload several at once, move them up
and down, choose the cover, delete. Every route loads the listing through
``listing_for_producer``, so another producer's listing is a 404 and stays untouched."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import login_required
from flask_wtf import FlaskForm
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import MultipleFileField

from ..accounts.access import current_actor, current_viewer
from ..errorhandlers import error_response
from ..errors import DomainError, NotFound
from ..extensions import db
from ..media import DEFAULT_MIN_SIDE
from .models import Listing
from .photos import MAX_PHOTOS, add_photo, delete_photo, move_photo, readable_size, set_cover
from .queries import listing_for_producer
from .storage import media_storage

bp = Blueprint("photos", __name__, url_prefix="/producer/listings")

ACCEPTED_TYPES = "image/jpeg,image/png,image/webp"
_MOVES = {"up": -1, "down": 1}


class PhotoUploadForm(FlaskForm):
    photos = MultipleFileField(_l("Photos"), render_kw={"accept": ACCEPTED_TYPES, "multiple": True})


def _upload_limit() -> int | None:
    return current_app.config.get("MAX_CONTENT_LENGTH")


def _render(listing: Listing, form: PhotoUploadForm, problems: list[str] | tuple[str, ...] = (), status: int = 200):
    limit = _upload_limit()
    return render_template(
        "photos/index.html", listing=listing, form=form, problems=problems, max_photos=MAX_PHOTOS,
        min_side=DEFAULT_MIN_SIDE, upload_limit=readable_size(limit) if limit else None,
    ), status


def _refusal(filename: str, error: DomainError) -> str:
    """Why one uploaded file was refused, in the reader's language."""
    name = filename[:80]
    limit = _upload_limit()
    messages = {
        "unsupported_media_type": _("%(name)s: only JPEG, PNG and WebP photos are accepted.", name=name),
        "corrupt_image": _("%(name)s: the file is damaged or incomplete and cannot be read.", name=name),
        "decompression_bomb": _("%(name)s: the photo has too many pixels. Upload a smaller photo.", name=name),
        "image_too_small": _("%(name)s: the photo is too small; its longest side must be at least %(size)d pixels.",
                             name=name, size=DEFAULT_MIN_SIDE),
        "unsupported_colour_mode": _("%(name)s: the colours of this photo cannot be read. Save it as an ordinary "
                                     "JPEG and try again.", name=name),
        "too_large": _("%(name)s: the file is larger than %(size)s.", name=name,
                       size=readable_size(limit) if limit else "?"),
        "too_many_photos": _("%(name)s: a listing can have at most %(count)d photos. Delete one first.",
                             name=name, count=MAX_PHOTOS),
    }
    return messages.get(error.code, f"{name}: {error.message}")


@bp.get("/<int:listing_id>/photos")
@login_required
def index(listing_id: int):
    return _render(listing_for_producer(db.session, current_actor(), listing_id), PhotoUploadForm(formdata=None))


@bp.post("/<int:listing_id>/photos")
@login_required
def upload(listing_id: int):
    listing = listing_for_producer(db.session, current_actor(), listing_id)
    form = PhotoUploadForm()
    if not form.validate_on_submit():
        return _render(listing, form, status=422)
    files = [upload for upload in request.files.getlist(form.photos.name) if upload and upload.filename]
    if not files:
        form.photos.errors = [_("Choose one or more photos to upload.")]
        return _render(listing, form, status=422)
    storage, added, problems = media_storage(), 0, []
    for upload in files:
        try:
            add_photo(db.session, storage, listing, upload.stream, max_bytes=_upload_limit(), field="photos")
        except DomainError as error:
            problems.append(_refusal(upload.filename or "", error))
        else:
            added += 1
    db.session.commit()
    if added:
        flash(ngettext("%(num)d photo added.", "%(num)d photos added.", added), "success")
    if problems:
        return _render(listing, PhotoUploadForm(formdata=None), problems, status=422 if not added else 200)
    return redirect(url_for(".index", listing_id=listing.id), 303)


@bp.post("/<int:listing_id>/photos/<int:image_id>/move")
@login_required
def move(listing_id: int, image_id: int):
    listing = listing_for_producer(db.session, current_actor(), listing_id)
    offset = _MOVES.get(request.form.get("direction", ""))
    if offset is None:
        abort(400)
    _photo_change(lambda: move_photo(db.session, listing, image_id, offset))
    return redirect(url_for(".index", listing_id=listing.id), 303)


@bp.post("/<int:listing_id>/photos/<int:image_id>/cover")
@login_required
def cover(listing_id: int, image_id: int):
    listing = listing_for_producer(db.session, current_actor(), listing_id)
    _photo_change(lambda: set_cover(db.session, listing, image_id))
    flash(_("The cover photo is changed."), "success")
    return redirect(url_for(".index", listing_id=listing.id), 303)


@bp.post("/<int:listing_id>/photos/<int:image_id>/delete")
@login_required
def delete(listing_id: int, image_id: int):
    listing = listing_for_producer(db.session, current_actor(), listing_id)
    _photo_change(lambda: delete_photo(db.session, media_storage(), listing, image_id))
    flash(_("The photo is deleted."), "success")
    return redirect(url_for(".index", listing_id=listing.id), 303)


def _photo_change(change: Callable[[], object]) -> None:
    """Run one service on the listing's photos and commit; 404 for a photo of another listing."""
    change()
    db.session.commit()


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error: RequestEntityTooLarge):
    """A body over ``MAX_CONTENT_LENGTH`` is refused before it is read (also by the CSRF
    check, which reads the form first): say so on the photo page itself."""
    limit = _upload_limit()
    message = _("The upload is larger than %(size)s. Choose fewer or smaller photos and try again.",
                size=readable_size(limit) if limit else "?")
    listing_id = (request.view_args or {}).get("listing_id")
    viewer = current_viewer()
    if viewer is not None and listing_id is not None:
        try:
            listing = listing_for_producer(db.session, viewer, listing_id)
        except NotFound:
            pass
        else:
            return _render(listing, PhotoUploadForm(formdata=None), [message], status=413)
    return error_response(413, "too_large", message)
