"""Reviews: the buyer rates a delivered line (product and service apart); anyone reads
a listing's reviews."""

from __future__ import annotations

from flask import request

from ..catalog.queries import listing_for_viewer
from ..db import utcnow
from ..extensions import db
from ..pagination import parse_limit
from ..orders.reviews import line_for_consumer, reviews_for_listing, submit_review
from . import bp
from .auth import authenticated_user, current_api_user
from .body import json_body
from .openapi import PAGE_QUERY, obj, ref, spec
from .serializers import iso


def _review_json(review) -> dict:
    return {"id": review.id, "product_rating": review.product_rating, "product_text": review.product_text,
            "reviewer_name": review.reviewer_name, "created_at": iso(review.created_at)}


@bp.get("/listings/<int:id>/reviews")
@spec(summary="A listing's reviews, newest first (the product part, signed with a first name)",
      query=[PAGE_QUERY[1]],
      responses={200: obj({"items": {"type": "array", "items": ref("ListingReview")}}, required=["items"])},
      errors=(404, 422))
def listing_reviews(id: int):
    listing = listing_for_viewer(db.session, id, current_api_user())
    limit = parse_limit(request.args.get("limit"))
    return {"items": [_review_json(review) for review in reviews_for_listing(db.session, listing.id, limit)]}


@bp.post("/orders/<int:id>/lines/<int:line_id>/review")
@spec(summary="Review a delivered (or completed) line: the product, and separately the company's service",
      auth=True, body=ref("ReviewRequest"), responses={201: ref("Review")}, errors=(400, 401, 404, 409, 422),
      description="One review per order line (409 `review_exists`); only once its fulfilment is delivered "
                  "or completed (409 `not_delivered`). The product rating counts for the producer, the "
                  "service rating for the provincial company.")
def review_line(id: int, line_id: int):
    consumer = authenticated_user()
    body = json_body()
    line = line_for_consumer(db.session, consumer, id, line_id)
    review = submit_review(db.session, consumer, line.id, product_rating=body.get("product_rating"),
                           product_text=body.get("product_text"), service_rating=body.get("service_rating"),
                           service_text=body.get("service_text"), now=utcnow())
    db.session.commit()
    return {"id": review.id, "order_line_id": review.order_line_id, "listing_id": review.listing_id,
            "product_rating": review.product_rating, "product_text": review.product_text,
            "service_rating": review.service_rating, "service_text": review.service_text,
            "created_at": iso(review.created_at)}, 201
