package org.dnsmesh.catalog.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Products and contract versions in PostgreSQL (schema {@code registry}). */
@ApplicationScoped
public class ProductRepository {
  private static final String PRODUCT_COLUMNS = "domain, name, description, owner_team, owner_contact, tags, status,"
      + " classification, sla::text, output_ports::text, input_ports::text, columns::text, updated_at";
  private static final String CONTRACT_COLUMNS =
      "domain, product, version, document, avro_schema, fingerprint, published_by, published_at";

  private final AgroalDataSource dataSource;
  private final ObjectMapper json;

  public ProductRepository(AgroalDataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  public void upsert(Product product) {
    String sql = "INSERT INTO registry.products (domain, name, description, owner_team, owner_contact, tags, status,"
        + " classification, sla, output_ports, input_ports, columns, search_text, updated_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, now())"
        + " ON CONFLICT (domain, name) DO UPDATE SET description = excluded.description,"
        + " owner_team = excluded.owner_team, owner_contact = excluded.owner_contact, tags = excluded.tags,"
        + " status = excluded.status, classification = excluded.classification, sla = excluded.sla,"
        + " output_ports = excluded.output_ports, input_ports = excluded.input_ports, columns = excluded.columns,"
        + " search_text = excluded.search_text, updated_at = now()";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, product.domain());
      statement.setString(2, product.name());
      statement.setString(3, product.description());
      statement.setString(4, product.ownerTeam());
      statement.setString(5, product.ownerContact());
      statement.setArray(6, connection.createArrayOf("text", product.tags().toArray()));
      statement.setString(7, product.status());
      statement.setString(8, product.classification());
      statement.setString(9, write(product.sla()));
      statement.setString(10, write(product.outputPorts()));
      statement.setString(11, write(product.inputPorts()));
      statement.setString(12, write(product.columns()));
      statement.setString(13, product.searchText());
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot save product " + product.domain() + "." + product.name() + ": " + e.getMessage(), e);
    }
  }

  public Optional<Product> find(String domain, String name) {
    List<Product> found = query("SELECT " + PRODUCT_COLUMNS + " FROM registry.products WHERE domain = ? AND name = ?",
        List.of(domain, name));
    return found.stream().findFirst();
  }

  /**
   * Full-text search (PostgreSQL {@code websearch_to_tsquery} over names, description, tags, columns),
   * filtered by domain, status and classification; an empty query lists everything, best match first.
   */
  public List<Product> search(Optional<String> text, Optional<String> domain, Optional<String> status,
      Optional<String> classification, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + PRODUCT_COLUMNS + " FROM registry.products WHERE true");
    List<Object> parameters = new ArrayList<>();
    text.ifPresent(query -> {
      sql.append(" AND search @@ websearch_to_tsquery('simple', ?)");
      parameters.add(query);
    });
    domain.ifPresent(value -> {
      sql.append(" AND domain = ?");
      parameters.add(value);
    });
    status.ifPresent(value -> {
      sql.append(" AND status = ?");
      parameters.add(value);
    });
    classification.ifPresent(value -> {
      sql.append(" AND classification = ?");
      parameters.add(value);
    });
    if (text.isPresent()) {
      sql.append(" ORDER BY ts_rank(search, websearch_to_tsquery('simple', ?)) DESC, domain, name");
      parameters.add(text.get());
    } else {
      sql.append(" ORDER BY domain, name");
    }
    sql.append(" LIMIT ").append(limit);
    return query(sql.toString(), parameters);
  }

  /** Names of the domain's products that list the table as an output port. */
  public List<String> productsWithOutput(String domain, String namespace, String table) {
    String sql = "SELECT name FROM registry.products WHERE domain = ? AND output_ports @> ?::jsonb";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, domain);
      statement.setString(2, write(List.of(new Product.OutputPort(namespace, table))));
      try (ResultSet rows = statement.executeQuery()) {
        List<String> names = new ArrayList<>();
        while (rows.next()) {
          names.add(rows.getString(1));
        }
        return names;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot find products of table " + namespace + "." + table + ": " + e.getMessage(), e);
    }
  }

  /** Inserts the version; answers false when that version already exists (versions are immutable). */
  public boolean insertContract(ContractVersion contract) {
    String sql = "INSERT INTO registry.contract_versions (" + CONTRACT_COLUMNS + ", schema_identity)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, contract.domain());
      statement.setString(2, contract.product());
      statement.setString(3, contract.version());
      statement.setString(4, contract.document());
      statement.setString(5, contract.avroSchema());
      statement.setString(6, contract.fingerprint());
      statement.setString(7, contract.publishedBy());
      statement.setTimestamp(8, java.sql.Timestamp.from(contract.publishedAt()));
      statement.setString(9, SchemaFingerprints.identity(SchemaFingerprints.parse(contract.avroSchema())));
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot save contract version " + contract.version() + ": " + e.getMessage(), e);
    }
  }

  /** Sets the sunset date of a superseded version (a MAJOR change was published); idempotent. */
  public void setSunset(String domain, String product, String version, java.time.LocalDate sunset) {
    String sql = "UPDATE registry.contract_versions SET sunset = ? WHERE domain = ? AND product = ? AND version = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, sunset);
      statement.setString(2, domain);
      statement.setString(3, product);
      statement.setString(4, version);
      if (statement.executeUpdate() != 1) {
        throw new IllegalStateException("No contract version " + version + " of " + domain + "." + product + " to sunset");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot set the sunset of contract version " + version + ": " + e.getMessage(), e);
    }
  }

  /** Sunset dates of the product's versions that have one, by version. */
  public Map<String, java.time.LocalDate> sunsets(String domain, String product) {
    String sql = "SELECT version, sunset FROM registry.contract_versions WHERE domain = ? AND product = ? AND sunset IS NOT NULL";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, List.of(domain, product));
        ResultSet rows = statement.executeQuery()) {
      Map<String, java.time.LocalDate> sunsets = new java.util.HashMap<>();
      while (rows.next()) {
        sunsets.put(rows.getString(1), rows.getObject(2, java.time.LocalDate.class));
      }
      return sunsets;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read contract sunsets: " + e.getMessage(), e);
    }
  }

  public List<ContractVersion> contracts(String domain, String product) {
    return contractQuery("SELECT " + CONTRACT_COLUMNS + " FROM registry.contract_versions"
        + " WHERE domain = ? AND product = ? ORDER BY published_at, version", List.of(domain, product));
  }

  public Optional<ContractVersion> contract(String domain, String product, String version) {
    return contractQuery("SELECT " + CONTRACT_COLUMNS + " FROM registry.contract_versions"
        + " WHERE domain = ? AND product = ? AND version = ?", List.of(domain, product, version)).stream().findFirst();
  }

  public List<ContractVersion> byFingerprint(String fingerprint) {
    return contractQuery("SELECT " + CONTRACT_COLUMNS + " FROM registry.contract_versions"
        + " WHERE fingerprint = ? ORDER BY published_at", List.of(fingerprint));
  }

  /** Versions whose writer schema has this identity (rows published before identities were stored are not found). */
  public List<ContractVersion> byIdentity(String identity) {
    return contractQuery("SELECT " + CONTRACT_COLUMNS + " FROM registry.contract_versions"
        + " WHERE schema_identity = ? ORDER BY published_at", List.of(identity));
  }

  private List<ContractVersion> contractQuery(String sql, List<Object> parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<ContractVersion> contracts = new ArrayList<>();
      while (rows.next()) {
        contracts.add(new ContractVersion(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
            rows.getString(5), rows.getString(6), rows.getString(7), rows.getTimestamp(8).toInstant()));
      }
      return List.copyOf(contracts);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read contract versions: " + e.getMessage(), e);
    }
  }

  private List<Product> query(String sql, List<Object> parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<Product> products = new ArrayList<>();
      while (rows.next()) {
        Array tags = rows.getArray(6);
        products.add(new Product(
            rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
            Arrays.stream((Object[]) tags.getArray()).map(String::valueOf).toList(),
            rows.getString(7), rows.getString(8),
            read(rows.getString(9), new TypeReference<Map<String, Object>>() {}),
            read(rows.getString(10), new TypeReference<List<Product.OutputPort>>() {}),
            read(rows.getString(11), new TypeReference<List<String>>() {}),
            read(rows.getString(12), new TypeReference<List<Product.Column>>() {}),
            rows.getTimestamp(13).toInstant()));
      }
      return List.copyOf(products);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read products: " + e.getMessage(), e);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
    return statement;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Corrupt JSON column: " + e.getMessage(), e);
    }
  }
}
