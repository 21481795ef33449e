package mercato;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.RegistrationInfo;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a clustered node's graceful stop: its operations' registrations leave the
 * cluster while their handlers stay, and the node keeps answering for {@code
 * cluster.leaveGraceMs}, until every other node has heard. Undeploying alone removes the
 * handler first and the cluster's entry after, and Vert.x drops, without a reply, a message
 * another node sent in between: that node's caller would wait for its timeout (a 504).
 */
final class ClusterLeave {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterLeave.class);

  private ClusterLeave() {}

  static Future<Void> withdraw(Vertx vertx, ClusterManager cluster, Set<String> addresses, long graceMs) {
    if (cluster == null || addresses.isEmpty() || !cluster.isActive()) {
      return Future.succeededFuture();
    }
    String self = cluster.getNodeId();
    List<Future<Void>> removals = addresses.stream().map(address -> {
      Promise<List<RegistrationInfo>> found = Promise.promise();
      cluster.getRegistrations(address, found);
      return found.future().compose(infos -> Future.all(infos.stream()
          .filter(info -> self.equals(info.nodeId()) && !info.localOnly())
          .map(info -> {
            Promise<Void> removed = Promise.promise();
            cluster.removeRegistration(address, info, removed);
            return removed.future();
          }).toList()).<Void>mapEmpty());
    }).toList();
    return Future.join(removals).transform(done -> {
      if (done.failed()) {
        LOG.warn("cluster: some operations could not be withdrawn before stopping ({}); requests other nodes send them meanwhile may time out",
            done.cause().toString());
      } else {
        LOG.info("cluster: {} operations withdrawn; answering what other nodes still send for {} ms", addresses.size(), graceMs);
      }
      if (graceMs <= 0) {
        return Future.<Void>succeededFuture();
      }
      Promise<Void> waited = Promise.promise();
      vertx.setTimer(graceMs, id -> waited.complete());
      return waited.future();
    });
  }
}
