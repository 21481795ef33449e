package mercato.platform.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Packs a subscriber's chains (one subject's deliveries each, in order) into batches of whole chains. */
final class InboxBatches {
  private InboxBatches() {}

  /** Batches of at most {@code max} items, except a chain longer than that, which goes alone; chains are never split. */
  static <T> List<List<List<T>>> pack(Collection<List<T>> chains, int max) {
    List<List<List<T>>> batches = new ArrayList<>();
    List<List<T>> current = new ArrayList<>();
    int size = 0;
    for (List<T> chain : chains) {
      if (!current.isEmpty() && size + chain.size() > max) {
        batches.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(chain);
      size += chain.size();
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }
}
