package org.dnsmesh.catalog.lineage;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Lineage events and edges in PostgreSQL; an event and its edges are stored in one transaction. */
@ApplicationScoped
public class LineageRepository {
  private final AgroalDataSource dataSource;

  public LineageRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A job-dataset edge; direction is {@code input} (dataset read by job) or {@code output}. */
  public record Edge(LineageNode job, LineageNode dataset, String direction) {}

  public long store(RunEvent event, String receivedBy) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        long id;
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO registry.lineage_events (event_type, event_time, run_id, job_namespace, job_name, payload,"
                + " received_by) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) RETURNING id")) {
          insert.setString(1, event.eventType());
          insert.setTimestamp(2, Timestamp.from(event.eventTime()));
          insert.setString(3, event.runId());
          insert.setString(4, event.job().namespace());
          insert.setString(5, event.job().name());
          insert.setString(6, event.payload());
          insert.setString(7, receivedBy);
          try (ResultSet key = insert.executeQuery()) {
            key.next();
            id = key.getLong(1);
          }
        }
        try (PreparedStatement edge = connection.prepareStatement(
            "INSERT INTO registry.lineage_edges (job_namespace, job_name, dataset_namespace, dataset_name, direction,"
                + " last_seen) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job_namespace, job_name, dataset_namespace,"
                + " dataset_name, direction) DO UPDATE SET last_seen = GREATEST(registry.lineage_edges.last_seen,"
                + " excluded.last_seen)")) {
          for (LineageNode input : event.inputs()) {
            addEdge(edge, event, input, "input");
          }
          for (LineageNode output : event.outputs()) {
            addEdge(edge, event, output, "output");
          }
          edge.executeBatch();
        }
        connection.commit();
        return id;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot store lineage event: " + e.getMessage(), e);
    }
  }

  private static void addEdge(PreparedStatement edge, RunEvent event, LineageNode dataset, String direction)
      throws SQLException {
    edge.setString(1, event.job().namespace());
    edge.setString(2, event.job().name());
    edge.setString(3, dataset.namespace());
    edge.setString(4, dataset.name());
    edge.setString(5, direction);
    edge.setTimestamp(6, Timestamp.from(event.eventTime()));
    edge.addBatch();
  }

  /** Every edge touching the node (as job or as dataset). */
  public List<Edge> edgesOf(LineageNode node) {
    String sql = node.isJob()
        ? "SELECT job_namespace, job_name, dataset_namespace, dataset_name, direction FROM registry.lineage_edges"
            + " WHERE job_namespace = ? AND job_name = ?"
        : "SELECT job_namespace, job_name, dataset_namespace, dataset_name, direction FROM registry.lineage_edges"
            + " WHERE dataset_namespace = ? AND dataset_name = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, node.namespace());
      statement.setString(2, node.name());
      try (ResultSet rows = statement.executeQuery()) {
        List<Edge> edges = new ArrayList<>();
        while (rows.next()) {
          edges.add(new Edge(LineageNode.job(rows.getString(1), rows.getString(2)),
              LineageNode.dataset(rows.getString(3), rows.getString(4)), rows.getString(5)));
        }
        return edges;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read lineage of " + node.id() + ": " + e.getMessage(), e);
    }
  }

  /** A job that read a dataset, and the event time of its latest read. */
  public record Reader(LineageNode job, Instant lastSeen) {}

  /** The jobs that read the dataset (input edges), most recent first. */
  public List<Reader> readersOf(LineageNode dataset) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT job_namespace, job_name, last_seen FROM"
            + " registry.lineage_edges WHERE dataset_namespace = ? AND dataset_name = ? AND direction = 'input'"
            + " ORDER BY last_seen DESC, job_namespace, job_name")) {
      statement.setString(1, dataset.namespace());
      statement.setString(2, dataset.name());
      try (ResultSet rows = statement.executeQuery()) {
        List<Reader> readers = new ArrayList<>();
        while (rows.next()) {
          readers.add(new Reader(LineageNode.job(rows.getString(1), rows.getString(2)),
              rows.getTimestamp(3).toInstant()));
        }
        return readers;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the readers of " + dataset.id() + ": " + e.getMessage(), e);
    }
  }

  /** Payloads of the latest events that read or wrote the dataset, newest first. */
  public List<String> latestEventsFor(LineageNode dataset, int limit) {
    return eventsSince(dataset, Instant.EPOCH, limit);
  }

  /** Payloads of the events of jobs touching the dataset with an event time at or after {@code since}, newest first. */
  public List<String> eventsSince(LineageNode dataset, Instant since, int limit) {
    return eventsSince(dataset, since, null, limit);
  }

  /** As {@link #eventsSince(LineageNode, Instant, int)}, only events sent by {@code sender} (null: anyone). */
  public List<String> eventsSince(LineageNode dataset, Instant since, String sender, int limit) {
    String sql = "SELECT e.payload::text FROM registry.lineage_events e JOIN registry.lineage_edges d"
        + " ON d.job_namespace = e.job_namespace AND d.job_name = e.job_name"
        + " WHERE d.dataset_namespace = ? AND d.dataset_name = ? AND e.event_time >= ?"
        + (sender == null ? "" : " AND e.received_by = ?")
        + " ORDER BY e.event_time DESC, e.id DESC LIMIT ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      int parameter = 1;
      statement.setString(parameter++, dataset.namespace());
      statement.setString(parameter++, dataset.name());
      statement.setTimestamp(parameter++, Timestamp.from(since));
      if (sender != null) {
        statement.setString(parameter++, sender);
      }
      statement.setInt(parameter, limit);
      try (ResultSet rows = statement.executeQuery()) {
        List<String> payloads = new ArrayList<>();
        while (rows.next()) {
          payloads.add(rows.getString(1));
        }
        return payloads;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read lineage events: " + e.getMessage(), e);
    }
  }

  public record RunEvent(String eventType, Instant eventTime, String runId, LineageNode job,
      List<LineageNode> inputs, List<LineageNode> outputs, String payload) {}
}
