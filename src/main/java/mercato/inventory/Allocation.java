package mercato.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which warehouses ship an order's lines. The strategy, in order:
 * <ol>
 *   <li>one warehouse that can ship every line whole, the lowest priority number first;</li>
 *   <li>otherwise the fewest warehouses that together ship every line whole (each line from
 *       one warehouse), ties broken by the lower sum of priorities (exact search over up to
 *       {@value #EXACT_LIMIT} candidate warehouses, a greedy cover beyond);</li>
 *   <li>a line that no single warehouse holds whole is split: warehouses already chosen
 *       first, then by priority, taking what each has.</li>
 * </ol>
 * Ties left after priority go to the smaller warehouse id, so a plan is deterministic.
 * Pure: the caller passes the locked rows, so the plan is exact for its transaction.
 */
final class Allocation {
  static final int EXACT_LIMIT = 12;

  /** One line of the order (one product, merged). */
  record Line(int index, UUID productId, int quantity) {}

  /** What a warehouse can give of a product. */
  record Offer(UUID productId, UUID warehouseId, int available, int priority) {}

  /** Units of a product taken from a warehouse. */
  record Pick(UUID productId, UUID warehouseId, int quantity) {}

  /** The picks, or the indexes of lines that cannot be served in full. */
  record Plan(List<Pick> picks, List<Line> short_) {
    boolean feasible() {
      return short_.isEmpty();
    }
  }

  private Allocation() {}

  static Plan plan(List<Line> lines, List<Offer> offers) {
    Map<UUID, List<Offer>> byProduct = new LinkedHashMap<>();
    Map<UUID, Integer> priority = new LinkedHashMap<>();
    for (Offer offer : offers) {
      if (offer.available() > 0) {
        byProduct.computeIfAbsent(offer.productId(), p -> new ArrayList<>()).add(offer);
        priority.put(offer.warehouseId(), offer.priority());
      }
    }
    List<Line> shortLines = new ArrayList<>();
    for (Line line : lines) {
      int total = byProduct.getOrDefault(line.productId(), List.of()).stream().mapToInt(Offer::available).sum();
      if (total < line.quantity()) {
        shortLines.add(line);
      }
    }
    if (!shortLines.isEmpty()) {
      return new Plan(List.of(), shortLines);
    }
    Comparator<UUID> byPriority = Comparator.<UUID>comparingInt(priority::get).thenComparing(UUID::toString);
    // For each line: the warehouses that hold it whole.
    List<Line> wholeLines = new ArrayList<>();
    List<Line> splitLines = new ArrayList<>();
    Map<Integer, Set<UUID>> holders = new LinkedHashMap<>();
    for (Line line : lines) {
      Set<UUID> whole = new LinkedHashSet<>();
      for (Offer offer : byProduct.get(line.productId())) {
        if (offer.available() >= line.quantity()) {
          whole.add(offer.warehouseId());
        }
      }
      if (whole.isEmpty()) {
        splitLines.add(line);
      } else {
        wholeLines.add(line);
        holders.put(line.index(), whole);
      }
    }
    List<UUID> chosen = cover(wholeLines, holders, priority, byPriority);
    List<Pick> picks = new ArrayList<>();
    for (Line line : wholeLines) {
      UUID best = chosen.stream().filter(holders.get(line.index())::contains).min(byPriority).orElseThrow();
      picks.add(new Pick(line.productId(), best, line.quantity()));
    }
    for (Line line : splitLines) {
      List<Offer> sources = new ArrayList<>(byProduct.get(line.productId()));
      sources.sort(Comparator.<Offer>comparingInt(o -> chosen.contains(o.warehouseId()) ? 0 : 1)
          .thenComparing(Offer::warehouseId, byPriority));
      int left = line.quantity();
      for (Offer offer : sources) {
        if (left == 0) {
          break;
        }
        int take = Math.min(left, offer.available());
        picks.add(new Pick(line.productId(), offer.warehouseId(), take));
        left -= take;
        if (!chosen.contains(offer.warehouseId())) {
          chosen.add(offer.warehouseId());
        }
      }
    }
    return new Plan(picks, List.of());
  }

  /** The fewest warehouses (then lowest priority sum) such that each whole line has a holder among them. */
  private static List<UUID> cover(List<Line> lines, Map<Integer, Set<UUID>> holders, Map<UUID, Integer> priority,
      Comparator<UUID> byPriority) {
    if (lines.isEmpty()) {
      return new ArrayList<>();
    }
    Set<UUID> candidateSet = new LinkedHashSet<>();
    holders.values().forEach(candidateSet::addAll);
    List<UUID> candidates = new ArrayList<>(candidateSet);
    candidates.sort(byPriority);
    if (candidates.size() <= EXACT_LIMIT) {
      List<UUID> best = null;
      long[] bestCost = null;
      for (int mask = 1; mask < (1 << candidates.size()); mask++) {
        List<UUID> subset = new ArrayList<>();
        long prioritySum = 0;
        for (int i = 0; i < candidates.size(); i++) {
          if ((mask & (1 << i)) != 0) {
            subset.add(candidates.get(i));
          }
        }
        if (!covers(subset, lines, holders)) {
          continue;
        }
        long rankSum = 0;
        for (UUID w : subset) {
          prioritySum += priority.get(w);
          rankSum += candidates.indexOf(w);
        }
        // Fewer warehouses first, then the lower priority sum, then the earlier ranks (ids).
        long[] cost = {subset.size(), prioritySum, rankSum};
        if (bestCost == null || java.util.Arrays.compare(cost, bestCost) < 0) {
          bestCost = cost;
          best = subset;
        }
      }
      return new ArrayList<>(best);
    }
    List<UUID> chosen = new ArrayList<>();
    List<Line> left = new ArrayList<>(lines);
    while (!left.isEmpty()) {
      UUID pick = null;
      long pickCount = -1;
      for (UUID w : candidates) {
        long count = left.stream().filter(l -> holders.get(l.index()).contains(w)).count();
        if (count > pickCount) {
          pick = w;
          pickCount = count;
        }
      }
      UUID taken = pick;
      chosen.add(taken);
      left.removeIf(l -> holders.get(l.index()).contains(taken));
    }
    return chosen;
  }

  private static boolean covers(List<UUID> subset, List<Line> lines, Map<Integer, Set<UUID>> holders) {
    for (Line line : lines) {
      if (subset.stream().noneMatch(holders.get(line.index())::contains)) {
        return false;
      }
    }
    return true;
  }
}
