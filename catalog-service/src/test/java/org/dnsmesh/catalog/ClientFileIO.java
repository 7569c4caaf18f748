package org.dnsmesh.catalog;

import org.dnsmesh.infra.iceberg.LocalFileIO;

/**
 * The shared {@link LocalFileIO} as a class of this module, for Iceberg clients created inside a {@code @QuarkusTest}:
 * Quarkus loads the ground-floor module's classes in its reloadable class loader, where Iceberg's {@code CatalogUtil}
 * (in the base class loader) cannot find them by name and would load a second copy from the system class path whose
 * {@code FileIO} is not its own. A class of the application under test is found where Iceberg looks.
 */
public class ClientFileIO extends LocalFileIO {}
