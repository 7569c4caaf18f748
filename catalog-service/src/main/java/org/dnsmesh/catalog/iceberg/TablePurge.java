package org.dnsmesh.catalog.iceberg;

import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.jboss.logging.Logger;

/**
 * Deletes the files of a dropped table, but only those under the table's own location inside its
 * domain's warehouse: Iceberg's {@link CatalogUtil#dropTableData} walks the metadata (manifest lists,
 * manifests, data, statistics, metadata files) through a {@link FileIO} that refuses to read or delete
 * anything else, each location canonicalised again at delete time ({@link Warehouse#isUnder}). A file
 * outside is skipped and logged; the drop itself has already happened and stands.
 */
public final class TablePurge {
  private static final Logger LOG = Logger.getLogger(TablePurge.class);

  private TablePurge() {}

  public static void deleteFiles(Warehouse warehouse, FileIO io, TableMetadata metadata) {
    try {
      CatalogUtil.dropTableData(new ConfinedFileIO(warehouse, metadata.location(), io), metadata);
    } catch (RuntimeException e) {
      LOG.warnf("Purge of table at %s stopped early: %s", metadata.location(), e.getMessage());
    }
  }

  /** A file IO that reaches only files under one table's location. */
  private record ConfinedFileIO(Warehouse warehouse, String tableLocation, FileIO delegate) implements FileIO {
    @Override
    public InputFile newInputFile(String path) {
      if (!isUnder(path)) {
        throw new NotFoundException("Not under the table's location: %s", path);
      }
      return delegate.newInputFile(path);
    }

    @Override
    public OutputFile newOutputFile(String path) {
      throw new UnsupportedOperationException("A purge writes no files");
    }

    @Override
    public void deleteFile(String path) {
      if (isUnder(path)) {
        delegate.deleteFile(path);
      }
    }

    @Override
    public Map<String, String> properties() {
      return delegate.properties();
    }

    private boolean isUnder(String path) {
      boolean under;
      if (path == null) {
        return false;
      }
      try {
        under = warehouse.isUnder(tableLocation, path, "Purged file");
      } catch (BadRequestException e) {
        under = false;
      }
      if (!under) {
        LOG.warnf("Purge skips %s: outside the table's location %s", path, tableLocation);
      }
      return under;
    }
  }
}
