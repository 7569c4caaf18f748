package org.dnsmesh.catalog.iceberg;

import org.dnsmesh.infra.iceberg.LocalFileIO;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ServiceFailureException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.rest.RESTCatalogProperties;
import org.apache.iceberg.rest.responses.LoadTableResponse;

/**
 * Makes loadTable cheap without ever serving a stale table: the current metadata location is read from
 * the JDBC catalog's row on every request (one indexed query, the same one {@code JdbcCatalog} runs), and
 * only what follows from that location is cached: the JSON answer built from the parsed metadata file.
 * Iceberg never rewrites a metadata file: a commit writes a new file and swaps the row's location (guarded
 * by the old location), so an entry keyed by location can never be out of date; a file deleted under the
 * table is noticed (one stat per load, local files) and answered by the normal path. Bounded by entries and
 * by total JSON size, least recently used out first.
 */
@ApplicationScoped
public class LoadTableCache {
  /** The JDBC catalog's own table (schema V1); the catalog name is the domain. */
  private static final String CURRENT_LOCATION = "SELECT metadata_location FROM iceberg_tables"
      + " WHERE catalog_name = ? AND table_namespace = ? AND table_name = ?"
      + " AND (iceberg_type = 'TABLE' OR iceberg_type IS NULL)";
  private static final int MAX_ENTRIES = 512;
  private static final long MAX_TOTAL_CHARS = 32L * 1024 * 1024;
  private static final int MAX_ENTRY_CHARS = 4 * 1024 * 1024;

  private final AgroalDataSource dataSource;
  private final FileIO io = new LocalFileIO();
  private final LinkedHashMap<Key, String> answers = new LinkedHashMap<>(64, 0.75f, true);
  private long totalChars;

  public LoadTableCache(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  private record Key(String metadataLocation, RESTCatalogProperties.SnapshotMode mode) {}

  /**
   * The loadTable answer (JSON) of the table's current metadata, or empty when the row is not a plain
   * table of the domain (missing, a view, a metadata table): the caller then takes the normal path,
   * which answers those cases as Iceberg does.
   */
  public Optional<String> loadTableJson(String domain, TableIdentifier identifier, RESTCatalogProperties.SnapshotMode mode) {
    Optional<String> location = currentMetadataLocation(domain, identifier);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    if (!io.newInputFile(location.get()).exists()) {
      // deleted under the table (a broken table): the normal path answers it as Iceberg does (404)
      evict(location.get());
      return Optional.empty();
    }
    Key key = new Key(location.get(), mode);
    synchronized (this) {
      String cached = answers.get(key);
      if (cached != null) {
        return Optional.of(cached);
      }
    }
    String json = IcebergJson.write(response(TableMetadataParser.read(io, location.get()), mode)); // outside the lock
    if (json.length() <= MAX_ENTRY_CHARS) {
      put(key, json);
    }
    return Optional.of(json);
  }

  /** Same response as {@code CatalogHandlers.loadTable} for each snapshot mode. */
  private static LoadTableResponse response(TableMetadata metadata, RESTCatalogProperties.SnapshotMode mode) {
    TableMetadata answered = switch (mode) {
      case ALL -> metadata;
      case REFS -> TableMetadata.buildFrom(metadata)
          .withMetadataLocation(metadata.metadataFileLocation())
          .suppressHistoricalSnapshots()
          .build();
    };
    return LoadTableResponse.builder().withTableMetadata(answered).build();
  }

  private Optional<String> currentMetadataLocation(String domain, TableIdentifier identifier) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(CURRENT_LOCATION)) {
      statement.setString(1, domain);
      statement.setString(2, String.join(".", identifier.namespace().levels()));
      statement.setString(3, identifier.name());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new ServiceFailureException(e, "Cannot read the current metadata location of %s.%s", domain, identifier);
    }
  }

  private synchronized void put(Key key, String json) {
    String previous = answers.put(key, json);
    totalChars += json.length() - (previous == null ? 0 : previous.length());
    var eldest = answers.entrySet().iterator();
    while ((answers.size() > MAX_ENTRIES || totalChars > MAX_TOTAL_CHARS) && eldest.hasNext()) {
      Map.Entry<Key, String> entry = eldest.next();
      totalChars -= entry.getValue().length();
      eldest.remove();
    }
  }

  private synchronized void evict(String metadataLocation) {
    for (RESTCatalogProperties.SnapshotMode mode : RESTCatalogProperties.SnapshotMode.values()) {
      String removed = answers.remove(new Key(metadataLocation, mode));
      if (removed != null) {
        totalChars -= removed.length();
      }
    }
  }

  synchronized int size() {
    return answers.size();
  }
}
