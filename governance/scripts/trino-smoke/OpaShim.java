import com.fasterxml.jackson.databind.*;
import com.fasterxml.jackson.databind.node.*;
import com.sun.net.httpserver.*;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.*;
import org.dnsmesh.governance.decision.*;
import org.dnsmesh.governance.policy.*;

/**
 * Serves Trino's OPA plugin from TrinoOpaAdapter (embedded decisions), standing in for an OPA server
 * running the bundle; logs the first input of every operation. Args: policy, tables, (unused: masks carry no key), port.
 * The user named by -Dloader (data loading only) gets no masks, because Trino refuses INSERT into masked tables.
 */
public class OpaShim {
  public static void main(String[] args) throws Exception {
    var policy = PolicyLoader.load(Path.of(args[0]));
    var tables = PolicyLoader.loadTables(Path.of(args[1]));
    var adapter = new TrinoOpaAdapter(new EmbeddedPolicyDecisionPoint(policy, tables, new MaskExpressions()));
    ObjectMapper json = new ObjectMapper();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[3])), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/v1/data/dnsmesh/trino/", ex -> {
      try (ex) {
        String rule = ex.getRequestURI().getPath().substring("/v1/data/dnsmesh/trino/".length());
        JsonNode input = json.readTree(ex.getRequestBody()).get("input");
        String op = input.path("action").path("operation").asText();
        if (seen.add(rule + " " + op)) System.out.println("first " + rule + " " + op + " " + input.path("action"));
        ObjectNode out = json.createObjectNode();
        boolean loader = input.path("context").path("identity").path("user").asText().equals(System.getProperty("loader", "")) && rule.contains("mask");
        switch (rule) {
          case "allow" -> out.put("result", adapter.allow(input));
          case "batch" -> { ArrayNode a = out.putArray("result"); adapter.batch(input).forEach(a::add); }
          case "row_filters" -> { ArrayNode a = out.putArray("result"); adapter.rowFilters(input).forEach(f -> a.addObject().put("expression", f.expression())); }
          case "column_mask" -> adapter.columnMask(input).ifPresent(e -> out.putObject("result").put("expression", e).put("identity", "mesh-masking"));
          case "batch_column_masks" -> { ArrayNode a = out.putArray("result"); if (!loader) adapter.batchColumnMasks(input).forEach(m -> { ObjectNode n = a.addObject().put("index", m.index()); n.putObject("viewExpression").put("expression", m.expression()).put("identity", "mesh-masking"); }); }
          default -> { }
        }
        byte[] bytes = out.toString().getBytes();
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
      } catch (Exception e) { e.printStackTrace(); }
    });
    server.start();
    System.out.println("shim up");
  }
}
