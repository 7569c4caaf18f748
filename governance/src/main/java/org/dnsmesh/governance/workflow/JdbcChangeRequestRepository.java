package org.dnsmesh.governance.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.store.GovernanceStoreException;

/** {@link ChangeRequestRepository} (every {@link ChangeKind}, one table with a kind column, migration V4) on {@code governance.change_request} and {@code governance.change_review}. */
public final class JdbcChangeRequestRepository implements ChangeRequestRepository {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module());
  private static final String COLUMNS = "id, domain, subject, proposed_version, previous_version, author, state, revision, "
      + "document, compatibility, compatibility_reasons, classification_changed, checks, previous_version_sunset, "
      + "created_at, updated_at, row_version, kind, facts";
  private final Connection connection;

  public JdbcChangeRequestRepository(Connection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  @Override
  public void insert(ChangeRequest change) {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO governance.change_request (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb)")) {
      insert.setObject(1, change.id().value());
      insert.setString(2, change.subject().domain().map(DomainName::value).orElse(null));
      insert.setString(3, change.subject().product().map(ProductRef::name).orElse(change.subject().meshSubject()));
      insert.setString(4, change.proposedVersion());
      insert.setString(5, change.previousVersion().orElse(null));
      insert.setString(6, change.author().value());
      bindMutable(insert, change, 7);
      insert.setObject(15, timestamp(change.createdAt()));
      insert.setObject(16, timestamp(change.updatedAt()));
      insert.setLong(17, change.rowVersion());
      insert.setString(18, change.kind().name());
      insert.setString(19, change.facts());
      insert.executeUpdate();
      insertReviews(change, 0);
    } catch (SQLException e) {
      throw new GovernanceStoreException("cannot insert change request " + change.id(), e);
    }
  }

  @Override
  public Optional<ChangeRequest> find(ChangeRequestId id) {
    try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM governance.change_request WHERE id = ?")) {
      query.setObject(1, id.value());
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new GovernanceStoreException("cannot read change request " + id, e);
    }
  }

  @Override
  public ChangeRequest update(ChangeRequest updated) {
    try (PreparedStatement update = connection.prepareStatement("UPDATE governance.change_request SET state = ?, revision = ?, "
        + "document = ?, compatibility = ?, compatibility_reasons = ?::jsonb, classification_changed = ?, checks = ?::jsonb, "
        + "previous_version_sunset = ?, updated_at = ?, row_version = row_version + 1 WHERE id = ? AND row_version = ?")) {
      bindMutable(update, updated, 1);
      update.setObject(9, timestamp(updated.updatedAt()));
      update.setObject(10, updated.id().value());
      update.setLong(11, updated.rowVersion());
      if (update.executeUpdate() != 1) {
        throw new WorkflowException(WorkflowException.Reason.CONCURRENT_UPDATE,
            "change request " + updated.id() + " was changed by someone else (or does not exist); reload and retry");
      }
      insertReviews(updated, countReviews(updated.id()));
    } catch (SQLException e) {
      throw new GovernanceStoreException("cannot update change request " + updated.id(), e);
    }
    return updated.withRowVersion(updated.rowVersion() + 1);
  }

  @Override
  public List<ChangeRequest> list(Optional<ChangeKind> kind, Optional<ChangeSubject> subject, Optional<ChangeState> state) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM governance.change_request WHERE true");
    kind.ifPresent(k -> sql.append(" AND kind = ?"));
    subject.ifPresent(p -> sql.append(" AND domain IS NOT DISTINCT FROM ? AND subject = ?"));
    state.ifPresent(s -> sql.append(" AND state = ?"));
    sql.append(" ORDER BY created_at DESC, id");
    try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
      int index = 1;
      if (kind.isPresent()) {
        query.setString(index++, kind.get().name());
      }
      if (subject.isPresent()) {
        query.setString(index++, subject.get().domain().map(DomainName::value).orElse(null));
        query.setString(index++, subject.get().product().map(ProductRef::name).orElse(subject.get().meshSubject()));
      }
      if (state.isPresent()) {
        query.setString(index, state.get().name());
      }
      List<ChangeRequest> changes = new ArrayList<>();
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          changes.add(read(row));
        }
      }
      return changes;
    } catch (SQLException e) {
      throw new GovernanceStoreException("cannot list change requests", e);
    }
  }

  /** Binds state..previous_version_sunset (8 parameters) starting at {@code first}. */
  private static void bindMutable(PreparedStatement statement, ChangeRequest change, int first) throws SQLException {
    statement.setString(first, change.state().name());
    statement.setInt(first + 1, change.revision());
    statement.setString(first + 2, change.document());
    Optional<CompatibilityAssessment> assessment = change.assessment();
    statement.setString(first + 3, assessment.map(a -> a.compatibility().name()).orElse(null));
    statement.setString(first + 4, assessment.map(a -> json(a.reasons())).orElse(null));
    if (assessment.isPresent()) {
      statement.setBoolean(first + 5, assessment.get().classificationChanged());
    } else {
      statement.setNull(first + 5, Types.BOOLEAN);
    }
    statement.setString(first + 6, json(change.checks()));
    if (change.previousVersionSunset().isPresent()) {
      statement.setDate(first + 7, Date.valueOf(change.previousVersionSunset().get()));
    } else {
      statement.setNull(first + 7, Types.DATE);
    }
  }

  private void insertReviews(ChangeRequest change, int alreadyStored) throws SQLException {
    if (change.reviews().size() < alreadyStored) {
      throw new GovernanceStoreException("change request " + change.id() + " lost reviews: stored " + alreadyStored
          + ", now " + change.reviews().size() + " (reviews are append-only)", null);
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO governance.change_review "
        + "(change_id, position, reviewer, verdict, comment, revision, reviewed_at, capacities) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int position = alreadyStored; position < change.reviews().size(); position++) {
        Review review = change.reviews().get(position);
        insert.setObject(1, change.id().value());
        insert.setInt(2, position);
        insert.setString(3, review.reviewer().value());
        insert.setString(4, review.verdict().name());
        insert.setString(5, review.comment());
        insert.setInt(6, review.revision());
        insert.setObject(7, timestamp(review.reviewedAt()));
        insert.setString(8, review.capacities().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private int countReviews(ChangeRequestId id) throws SQLException {
    try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM governance.change_review WHERE change_id = ?")) {
      count.setObject(1, id.value());
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  private ChangeRequest read(ResultSet row) throws SQLException {
    UUID id = row.getObject("id", UUID.class);
    Date sunset = row.getDate("previous_version_sunset");
    String domain = row.getString("domain");
    ChangeSubject subject = domain == null ? ChangeSubject.mesh(row.getString("subject"))
        : ChangeSubject.of(new ProductRef(DomainName.of(domain), row.getString("subject")));
    String compatibility = row.getString("compatibility");
    Optional<CompatibilityAssessment> assessment = compatibility == null ? Optional.empty()
        : Optional.of(new CompatibilityAssessment(CompatibilityClass.valueOf(compatibility),
            fromJson(row.getString("compatibility_reasons"), new TypeReference<List<String>>() {}),
            row.getBoolean("classification_changed")));
    return new ChangeRequest(new ChangeRequestId(id), ChangeKind.valueOf(row.getString("kind")), subject,
        row.getString("proposed_version"), Optional.ofNullable(row.getString("previous_version")),
        PrincipalName.of(row.getString("author")), ChangeState.valueOf(row.getString("state")), row.getInt("revision"),
        row.getString("document"), assessment, row.getString("facts"),
        fromJson(row.getString("checks"), new TypeReference<List<CheckResult>>() {}),
        readReviews(id), Optional.ofNullable(sunset).map(Date::toLocalDate),
        instant(row, "created_at"), instant(row, "updated_at"), row.getLong("row_version"));
  }

  private List<Review> readReviews(UUID id) throws SQLException {
    List<Review> reviews = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT reviewer, verdict, comment, revision, reviewed_at, capacities "
        + "FROM governance.change_review WHERE change_id = ? ORDER BY position")) {
      query.setObject(1, id);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          Set<ReviewerCapacity> capacities = EnumSet.noneOf(ReviewerCapacity.class);
          Arrays.stream(row.getString("capacities").split(",")).filter(s -> !s.isEmpty())
              .forEach(s -> capacities.add(ReviewerCapacity.valueOf(s)));
          reviews.add(new Review(PrincipalName.of(row.getString("reviewer")), Verdict.valueOf(row.getString("verdict")),
              row.getString("comment"), row.getInt("revision"), instant(row, "reviewed_at"), capacities));
        }
      }
    }
    return reviews;
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T fromJson(String text, TypeReference<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new GovernanceStoreException("corrupt JSON in governance.change_request", e);
    }
  }
}
