package org.dnsmesh.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium driven over the DevTools protocol with the JDK's WebSocket client (no driver, no
 * npm): navigate, evaluate JavaScript, take a screenshot. Only for the UI smoke test; the browser is
 * found at {@code /usr/bin/chromium} or {@code $CHROMIUM}.
 */
final class ChromeDevTools implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process browser;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  static Optional<Path> executable() {
    String configured = System.getenv("CHROMIUM");
    Path path = Path.of(configured != null ? configured : "/usr/bin/chromium");
    return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
  }

  ChromeDevTools(Path executable) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path profile = Files.createTempDirectory("ui-smoke-chromium");
    // flags from the machine notes: no sandbox as root, nothing that phones home (the network is closed)
    browser = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=" + port,
        "--window-size=1280,900", "about:blank")
        .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    String pageSocket = null;
    Instant deadline = Instant.now().plusSeconds(30);
    while (pageSocket == null && Instant.now().isBefore(deadline)) {
      try {
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
            .build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode target : targets) {
          if (target.path("type").asText().equals("page")) {
            pageSocket = target.path("webSocketDebuggerUrl").asText();
          }
        }
      } catch (IOException e) {
        Thread.sleep(200); // not listening yet
      }
    }
    if (pageSocket == null) {
      browser.destroyForcibly();
      throw new IllegalStateException("Chromium did not open its DevTools port; see " + profile.resolve("chromium.log"));
    }
    socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Listener()).get(10, TimeUnit.SECONDS);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          CompletableFuture<JsonNode> waiting = message.has("id") ? pending.remove(message.get("id").asInt()) : null;
          if (waiting != null) {
            waiting.complete(message);
          }
        } catch (IOException e) {
          // not a message we asked for
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  JsonNode call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    JsonNode result = answer.get(20, TimeUnit.SECONDS);
    if (result.has("error")) {
      throw new IllegalStateException(method + ": " + result.get("error"));
    }
    return result.path("result");
  }

  void navigate(String url) throws Exception {
    call("Page.navigate", Map.of("url", url));
  }

  /** The value of a JavaScript expression (awaited if it is a promise); a thrown error fails. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("JavaScript failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Polls a boolean expression until it is true (errors count as false); answers the page's text when it never is. */
  String awaitTrue(String expression, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      // an element the page has not rendered yet throws: that is "not yet", not a failure
      if (evaluate("(() => { try { return Boolean(" + expression + "); } catch (e) { return false; } })()").asBoolean()) {
        return "";
      }
      Thread.sleep(100);
    }
    return evaluate("document.body ? document.body.innerText : ''").asText();
  }

  void screenshot(Path file) throws Exception {
    JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  @Override
  public void close() throws Exception {
    try {
      socket.abort();
    } finally {
      browser.destroy();
      if (!browser.waitFor(10, TimeUnit.SECONDS)) {
        browser.destroyForcibly();
      }
    }
  }
}
