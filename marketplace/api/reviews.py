"""Reviews: the buyer rates a delivered line (product and service apart); anyone reads
a listing's reviews."""

from __future__ import annotations

from ..catalog.queries import listing_for_viewer
from ..db import utcnow
from ..extensions import db
from ..orders.reviews import line_for_consumer, reviews_for_listing, submit_review
from . import bp
from .auth import authenticated_user, current_api_user, require_user
from .declare import operation
from .schemas.catalog import ListingReview, ListingReviewList, Review, ReviewLimit, ReviewRequest


@bp.get("/listings/<int:id>/reviews")
@operation(summary="A listing's reviews, newest first (the product part, signed with a first name)",
           query=ReviewLimit, responses={200: ListingReviewList}, errors=(404,))
def listing_reviews(id: int, query: ReviewLimit):
    listing = listing_for_viewer(db.session, id, current_api_user())
    return ListingReviewList(items=[ListingReview.model_validate(review)
                                    for review in reviews_for_listing(db.session, listing.id, query.limit)])


@bp.post("/orders/<int:id>/lines/<int:line_id>/review")
@require_user
@operation(summary="Review a delivered (or completed) line: the product, and separately the company's service",
           auth=True, body=ReviewRequest, responses={201: Review}, errors=(404, 409),
           description="One review per order line (409 `review_exists`); only once its fulfilment is delivered "
                       "or completed (409 `not_delivered`). The product rating counts for the producer, the "
                       "service rating for the provincial company.")
def review_line(id: int, line_id: int, body: ReviewRequest):
    consumer = authenticated_user()
    line = line_for_consumer(db.session, consumer, id, line_id)
    review = submit_review(db.session, consumer, line.id, product_rating=body.product_rating,
                           product_text=body.product_text, service_rating=body.service_rating,
                           service_text=body.service_text, now=utcnow())
    db.session.commit()
    return Review.model_validate(review), 201
