package mercato.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.buffer.Buffer;
import java.util.UUID;

/**
 * Products as listing pages carry them, already encoded as JSON. A listing reads its rows
 * from the database every time; the encoding of a row is reused only while the row is
 * equal, field for field, to the one it was made from, so a page is never a moment old.
 */
final class EncodedProducts {
  private record Encoded(Product product, Buffer json) {}

  private final Cache<UUID, Encoded> encoded;

  EncodedProducts(int size) {
    this.encoded = Caffeine.newBuilder().maximumSize(size).build();
  }

  /** {@code product}'s client view ({@link Product#toJson}) as JSON bytes. */
  Buffer of(Product product) {
    Encoded known = encoded.getIfPresent(product.id());
    if (known != null && known.product().equals(product)) {
      return known.json();
    }
    Buffer json = product.toJson().toBuffer();
    encoded.put(product.id(), new Encoded(product, json));
    return json;
  }
}
