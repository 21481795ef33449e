package mercato.review;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import mercato.platform.db.ReadPools;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;
import java.util.function.Function;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.db.Sql;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;
import mercato.review.api.ReviewEvents;

/**
 * The review use cases, one method per bus address. Every change runs in one transaction
 * that locks the target's rating summary first, changes the review, recomputes the summary
 * and appends the review event (and, for a product whose figures changed, rating-changed).
 * A hidden review exists only for its author and admins; to anyone else it is 404.
 */
final class Reviews {
  private final Pool pool;
  private final ReadPools reads;
  private final Outbox outbox;
  private final Peers peers;
  private final ReviewConfig config;

  Reviews(Pool pool, ReadPools reads, Outbox outbox, Peers peers, ReviewConfig config) {
    this.pool = pool;
    this.reads = reads;
    this.outbox = outbox;
    this.peers = peers;
    this.config = config;
  }

  /** Body {productId | companyId | sellerId, rating, title, text}; the author is the calling customer. */
  Future<?> create(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    if (!principal.is("customer")) {
      throw Problem.forbidden("Only customers write reviews.");
    }
    JsonObject body = envelope.bodyObject();
    Fields.only(body, ReviewRules.CREATE_FIELDS, "is not allowed (the author and the verification are not given)");
    Target target = ReviewRules.target(body);
    int rating = ReviewRules.rating(body);
    String title = ReviewRules.text(body, "title", config.titleMaxLength());
    String text = ReviewRules.text(body, "text", config.textMaxLength());
    UUID author = UUID.fromString(principal.sub());
    return peers.requireTarget(target, envelope.requestId())
        .compose(v -> peers.purchased(author, target, envelope.requestId()))
        .compose(purchased -> {
          if (!purchased && !config.acceptUnverified()) {
            throw new Problem(ProblemType.PURCHASE_REQUIRED,
                "Only customers who bought " + (target.isProduct() ? "this product" : "from this company")
                    + " may review it.");
          }
          Review review = new Review(Ids.uuid7(), author, target.isProduct() ? target.id() : null,
              target.isProduct() ? null : target.id(), rating, title, text, purchased, Review.PUBLISHED, null, null);
          return change(target, ReviewEvents.CREATED, tx -> ReviewRepository.insert(tx, review));
        })
        .recover(failure -> Future.failedFuture(alreadyReviewed(failure)))
        .map(saved -> saved.toJson());
  }

  Future<?> list(Envelope envelope) {
    ReviewListing listing = ReviewListing.of(envelope.principal(), envelope.query(), config.defaultPageSize());
    return reads.read(envelope, from -> {
      Future<RatingSummary> summary = listing.target() == null ? Future.succeededFuture()
          : RatingSummaries.find(from, listing.target());
      return Future.all(ReviewRepository.list(from, listing), summary);
    }).map(both -> {
      JsonObject page = listing.page(both.resultAt(0));
      if (listing.target() != null) {
        page.put("summary", both.<RatingSummary>resultAt(1).toJson());
      }
      return page;
    });
  }

  Future<?> get(Envelope envelope) {
    UUID id = Fields.pathId(envelope, "review_id");
    return ReviewRepository.find(pool, id, false)
        .map(review -> visible(review, envelope.principal()).toJson());
  }

  /**
   * The author edits rating, title and text (an unverified review becomes verified once the
   * author has bought the target); an admin moderates with {status} alone. Others: 403, or
   * 404 for a review they cannot see.
   */
  Future<?> update(Envelope envelope) {
    UUID id = Fields.pathId(envelope, "review_id");
    Principal principal = envelope.requirePrincipal();
    JsonObject body = envelope.bodyObject();
    if (principal.isAdmin()) {
      String status = ReviewRules.status(body);
      UUID admin = UUID.fromString(principal.sub());
      return existing(id, principal).compose(found -> change(found.target(), ReviewEvents.MODERATED,
              tx -> ReviewRepository.find(tx, id, true).compose(current -> current == null
                  ? Future.failedFuture(Problem.notFound("No such review."))
                  : ReviewRepository.moderate(tx, id, status, admin))))
          .map(saved -> saved.toJson());
    }
    if (body.containsKey("status")) {
      throw Problem.invalidField("/status", "only admins moderate reviews");
    }
    ReviewRules.Edit edit = ReviewRules.edit(body, config);
    return existing(id, principal).compose(found -> {
      authored(found, principal);
      // Upgrading an unverified review is a bonus: when the order domain does not answer, the edit still goes through.
      Future<Boolean> verified = found.verifiedPurchase() ? Future.succeededFuture(true)
          : peers.purchased(found.authorId(), found.target(), envelope.requestId()).otherwise(false);
      return verified.compose(purchased -> change(found.target(), ReviewEvents.UPDATED,
          tx -> ReviewRepository.find(tx, id, true).compose(current -> {
            authored(current, principal);
            return ReviewRepository.edit(tx, id, edit, purchased);
          })));
    }).map(saved -> saved.toJson());
  }

  /** The author or an admin deletes; the summary is recomputed without it. */
  Future<?> delete(Envelope envelope) {
    UUID id = Fields.pathId(envelope, "review_id");
    Principal principal = envelope.requirePrincipal();
    return existing(id, principal).compose(found -> {
      if (!principal.isAdmin()) {
        authored(found, principal);
      }
      return change(found.target(), ReviewEvents.DELETED, tx -> ReviewRepository.delete(tx, id)
          .map(deleted -> {
            if (deleted == null) {
              throw Problem.notFound("No such review.");
            }
            return deleted;
          }));
    }).mapEmpty();
  }

  /**
   * One change of {@code target}'s reviews: lock the summary, apply {@code step}, recompute,
   * then the review event and, for a product whose figures moved, rating-changed.
   */
  private Future<Review> change(Target target, String eventType, Function<SqlConnection, Future<Review>> step) {
    return pool.withTransaction(tx -> RatingSummaries.lock(tx, target)
        .compose(v -> step.apply(tx))
        .compose(review -> RatingSummaries.recompute(tx, target).compose(summary -> {
          Future<Void> events = outbox.append(tx, Event.of(eventType, review.id().toString(), review.eventData()));
          if (summary != null && target.isProduct()) {
            String product = target.id().toString();
            events = events.compose(v -> outbox.append(tx,
                Event.of(ReviewEvents.RATING_CHANGED, product, summary.eventData(product))));
          }
          return events.map(review);
        })));
  }

  /** The review as the caller may see it, or 404. */
  private Future<Review> existing(UUID id, Principal principal) {
    return ReviewRepository.find(pool, id, false).map(review -> visible(review, principal));
  }

  private static Review visible(Review review, Principal principal) {
    boolean sees = review != null && (review.published() || (principal != null
        && (principal.isAdmin() || review.writtenBy(principal.sub()))));
    if (!sees) {
      throw Problem.notFound("No such review.");
    }
    return review;
  }

  private static void authored(Review review, Principal principal) {
    if (review == null) {
      throw Problem.notFound("No such review.");
    }
    if (!review.writtenBy(principal.sub())) {
      throw Problem.forbidden("Only the author changes a review.");
    }
  }

  private static Throwable alreadyReviewed(Throwable failure) {
    String violated = Sql.uniqueViolation(failure);
    if (violated != null && ReviewRepository.ONE_PER_TARGET.contains(violated)) {
      return new Problem(ProblemType.ALREADY_REVIEWED,
          "You have reviewed this already; edit your review instead.");
    }
    return failure;
  }
}
