package mercato.platform.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One step after another: the next waits for the previous, the first failure ends it. */
class SequenceTest {
  @Test
  void startsEachStepOnlyWhenThePreviousSucceeded() {
    List<Promise<Void>> pending = new ArrayList<>();
    List<String> started = new ArrayList<>();
    Future<Void> all = Sequence.each(List.of("a", "b", "c"), item -> {
      started.add(item);
      Promise<Void> step = Promise.promise();
      pending.add(step);
      return step.future();
    });
    assertThat(started).containsExactly("a");
    pending.get(0).complete();
    assertThat(started).containsExactly("a", "b");
    assertThat(all.isComplete()).isFalse();
    pending.get(1).complete();
    pending.get(2).complete();
    assertThat(started).containsExactly("a", "b", "c");
    assertThat(all.succeeded()).isTrue();
  }

  @Test
  void stopsAtTheFirstFailure() {
    List<Integer> started = new ArrayList<>();
    Future<Void> all = Sequence.each(List.of(1, 2, 3), item -> {
      started.add(item);
      return item == 2 ? Future.failedFuture(new IllegalStateException("two")) : Future.succeededFuture(item);
    });
    assertThat(started).containsExactly(1, 2);
    assertThat(all.failed()).isTrue();
    assertThat(all.cause()).hasMessage("two");
  }

  @Test
  void nothingToDoIsDone() {
    assertThat(Sequence.each(List.of(), item -> Future.failedFuture("never")).succeeded()).isTrue();
  }
}
