package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files of the mesh's state folder that hold keys, passwords or tokens: written 0600 inside 0700 folders, so
 * only the user running the mesh reads them. A file is created owner-only before its first byte is written (no
 * window in which another user could open it), and folders that exist already are tightened.
 */
public final class PrivateFiles {
  private PrivateFiles() {}

  /** {@code mkdir -p} with 0700 on the folder itself (and on every parent it had to create). */
  public static Path directory(Path directory) {
    try {
      Path parent = directory.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        directory(parent);
      }
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory);
      }
      restrict(directory, "rwx------");
      return directory;
    } catch (IOException e) {
      throw new StackException("Cannot create the private folder " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Writes the text owner-only, replacing the file atomically (a reader never sees half of it). */
  public static Path write(Path file, String text) {
    directoryOf(file);
    Path staging = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(staging);
      createOwnerOnly(staging);
      Files.writeString(staging, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new StackException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Sets 0600 on a file another tool wrote (keytool's key store, a copied jar's config). */
  public static Path restrict(Path file) {
    try {
      restrict(file, Files.isDirectory(file) ? "rwx------" : "rw-------");
      return file;
    } catch (IOException e) {
      throw new StackException("Cannot restrict " + file + " to its owner: " + e.getMessage(), e);
    }
  }

  /** 0700 on the folder and its subfolders, 0600 on every file in them. */
  public static void restrictTree(Path root) {
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      paths.filter(path -> !Files.isSymbolicLink(path)).forEach(PrivateFiles::restrict);
    } catch (IOException e) {
      throw new StackException("Cannot restrict " + root + " to its owner: " + e.getMessage(), e);
    }
  }

  private static void directoryOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      directory(parent);
    }
  }

  private static void createOwnerOnly(Path file) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // non-POSIX file system: the platform's permissions apply
    }
  }

  private static void restrict(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException ignored) {
      // non-POSIX file system: the platform's permissions apply
    }
  }
}
