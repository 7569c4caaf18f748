package org.dnsmesh.catalog.iceberg;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.UpdateRequirement;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.dnsmesh.catalog.api.RequestLimitsConfig;

/**
 * What a table commit must pass before anything is written: the size limits, and a dry run of its updates
 * on the current metadata. Iceberg checks many updates only while applying them (an unknown spec or sort
 * order id fails with a NullPointerException, a v3-only type on a v2 table while building), so the dry run
 * turns each such failure into a 400 naming the update, instead of a 500 from inside the commit.
 */
@ApplicationScoped
public class CommitChecks {
  private final RequestLimitsConfig limits;

  public CommitChecks(RequestLimitsConfig limits) {
    this.limits = limits;
  }

  public void requireTableChanges(int count) {
    if (count > limits.maxTableChanges()) {
      throw new BadRequestException("Transaction has %d table changes: at most %d are allowed per transaction "
          + "(mesh.limits.max-table-changes)", count, limits.maxTableChanges());
    }
  }

  /** Counts of updates, requirements and properties of one commit. */
  public void requireWithinLimits(UpdateTableRequest request) {
    List<MetadataUpdate> updates = request.updates() == null ? List.of() : request.updates();
    List<UpdateRequirement> requirements = request.requirements() == null ? List.of() : request.requirements();
    if (updates.size() > limits.maxUpdatesPerCommit() || requirements.size() > limits.maxUpdatesPerCommit()) {
      throw new BadRequestException("Commit has %d updates and %d requirements: at most %d of each are allowed "
          + "(mesh.limits.max-updates-per-commit)", updates.size(), requirements.size(), limits.maxUpdatesPerCommit());
    }
    int properties = 0;
    for (MetadataUpdate update : updates) {
      if (update instanceof MetadataUpdate.SetProperties set) {
        properties += set.updated().size();
      } else if (update instanceof MetadataUpdate.RemoveProperties remove) {
        properties += remove.removed().size();
      }
    }
    requireProperties(properties);
  }

  public void requireProperties(int count) {
    if (count > limits.maxProperties()) {
      throw new BadRequestException("Request sets or removes %d properties: at most %d are allowed "
          + "(mesh.limits.max-properties)", count, limits.maxProperties());
    }
  }

  /** Namespace properties are rows of the JDBC catalog: key up to 255, value up to 1000 characters. */
  public void requireNamespaceProperties(Map<String, String> updates, List<String> removals) {
    int count = (updates == null ? 0 : updates.size()) + (removals == null ? 0 : removals.size());
    requireProperties(count);
    if (updates != null) {
      updates.forEach((key, value) -> {
        requirePropertyKey(key);
        if (value == null) {
          throw new BadRequestException("Namespace property '%s' has no value", CatalogNames.printable(key));
        }
        if (value.length() > 1000) {
          throw new BadRequestException("Namespace property '%s' has a value of %d characters: at most 1000 are allowed",
              CatalogNames.printable(key), value.length());
        }
        requireNoNul(value, "Value of namespace property '" + CatalogNames.printable(key) + "'");
      });
    }
    if (removals != null) {
      removals.forEach(CommitChecks::requirePropertyKey);
    }
  }

  private static void requirePropertyKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new BadRequestException("Namespace property key is empty");
    }
    if (key.length() > 255) {
      throw new BadRequestException("Namespace property key '%s' has %d characters: at most 255 are allowed",
          CatalogNames.printable(key), key.length());
    }
    requireNoNul(key, "Namespace property key '" + CatalogNames.printable(key) + "'");
  }

  /** PostgreSQL text cannot hold NUL. */
  private static void requireNoNul(String value, String what) {
    if (value.indexOf('\0') >= 0) {
      throw new BadRequestException("%s contains a NUL character: not allowed", what);
    }
  }

  /**
   * Applies the commit's requirements and updates to {@code base} without writing anything: a failed
   * requirement is the usual 409, an update that cannot apply is a 400 naming it. An {@code assign-uuid}
   * may only repeat the table's own UUID.
   */
  public TableMetadata dryRun(TableMetadata base, UpdateTableRequest request) {
    for (UpdateRequirement requirement : request.requirements()) {
      requirement.validate(base);
    }
    TableMetadata.Builder builder = TableMetadata.buildFrom(base);
    List<MetadataUpdate> updates = request.updates();
    boolean addsSchema = false;
    boolean addsSpec = false;
    boolean addsSortOrder = false;
    for (int i = 0; i < updates.size(); i++) {
      MetadataUpdate update = updates.get(i);
      if (update == null) {
        throw new BadRequestException("Update #%d is null", i);
      }
      addsSchema |= update instanceof MetadataUpdate.AddSchema;
      addsSpec |= update instanceof MetadataUpdate.AddPartitionSpec;
      addsSortOrder |= update instanceof MetadataUpdate.AddSortOrder;
      if (update instanceof MetadataUpdate.AssignUUID assign && !base.uuid().equals(assign.uuid())) {
        throw new BadRequestException("Update #%d (assign-uuid): the UUID of an existing table cannot change", i);
      } else if (update instanceof MetadataUpdate.SetCurrentSchema set
          && !addsSchema && !base.schemasById().containsKey(set.schemaId())) {
        throw new BadRequestException("Update #%d (set-current-schema): the table has no schema with id %d",
            i, set.schemaId());
      } else if (update instanceof MetadataUpdate.SetDefaultPartitionSpec set
          && !addsSpec && !base.specsById().containsKey(set.specId())) {
        throw new BadRequestException("Update #%d (set-default-spec): the table has no partition spec with id %d",
            i, set.specId());
      } else if (update instanceof MetadataUpdate.SetDefaultSortOrder set
          && !addsSortOrder && !base.sortOrdersById().containsKey(set.sortOrderId())) {
        throw new BadRequestException("Update #%d (set-default-sort-order): the table has no sort order with id %d",
            i, set.sortOrderId());
      }
      try {
        update.applyTo(builder);
      } catch (CommitFailedException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new BadRequestException("Update #%d (%s) cannot be applied: %s", i, name(update), reason(e));
      }
    }
    try {
      return builder.build();
    } catch (CommitFailedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new BadRequestException("The updates do not give valid table metadata: %s", reason(e));
    }
  }

  private static String name(MetadataUpdate update) {
    return update.getClass().getSimpleName();
  }

  private static String reason(RuntimeException e) {
    if (e instanceof NullPointerException) {
      return "it refers to something the table does not have (an unknown id?)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
