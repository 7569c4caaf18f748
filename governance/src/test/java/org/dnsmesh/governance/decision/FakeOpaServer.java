package org.dnsmesh.governance.decision;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dnsmesh.governance.bench.OpaDataApiServer;

/**
 * The OPA stand-in ({@link OpaDataApiServer}: no opa binary can be installed here) with the ways a real server can
 * fail: in {@link Mode#NORMAL} it answers as the embedded decision point would (so the wire format is what is under
 * test); the other modes answer HTTP 500, slowly, garbage, a wrongly typed or an undefined result. Every request is
 * recorded.
 */
final class FakeOpaServer extends OpaDataApiServer {
  enum Mode { NORMAL, UNDEFINED, HTTP_500, SLOW, GARBAGE, WRONG_TYPE }

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.NORMAL;

  FakeOpaServer(PolicyDecisionPoint answers) throws IOException {
    super(answers);
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  List<String> requests() {
    return requests;
  }

  @Override
  protected boolean intercept(HttpExchange exchange, String path, String body) throws IOException {
    requests.add(exchange.getRequestMethod() + " " + path + " " + body);
    switch (mode) {
      case HTTP_500 -> send(exchange, 500, "{\"code\":\"internal_error\",\"message\":\"boom\"}");
      case SLOW -> {
        sleepQuietly(1_500);
        send(exchange, 200, "{\"result\":true}");
      }
      case GARBAGE -> send(exchange, 200, "<html>not json");
      case WRONG_TYPE -> send(exchange, 200, "{\"result\":\"yes\"}");
      case UNDEFINED -> send(exchange, 200, "{}");
      case NORMAL -> {
        return false;
      }
    }
    return true;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
