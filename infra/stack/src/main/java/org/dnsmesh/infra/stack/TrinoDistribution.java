package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Trino server tarball from Maven Central, cached in the local Maven repository, verified against its
 * pinned SHA-1 and unpacked once into the cache folder (shared by every checkout on the machine).
 */
public final class TrinoDistribution {
  public static final String VERSION = "476";
  /** SHA-1 published on Maven Central for io.trino:trino-server:476:tar.gz. */
  static final String SHA1 = "c9b38be4017ebd2f7095455aaac772fb40247ebe";

  private final StackConfig config;
  private final Consumer<String> progress;
  private final Runnable downloader;

  public TrinoDistribution(StackConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
    this.downloader = this::downloadWithMaven;
  }

  /** For tests: replaces the Maven download with {@code downloader}. */
  TrinoDistribution(StackConfig config, Consumer<String> progress, Runnable downloader) {
    this.config = config;
    this.progress = progress;
    this.downloader = downloader;
  }

  public Path tarball() {
    return config.mavenRepository().resolve("io/trino/trino-server/" + VERSION + "/trino-server-" + VERSION + ".tar.gz");
  }

  public Path installDir() {
    return config.cacheDir().resolve("trino-server-" + VERSION);
  }

  private Path marker() {
    return installDir().resolve(".dnsmesh-verified");
  }

  public boolean isInstalled() {
    return Files.exists(marker()) && Files.isDirectory(installDir().resolve("lib"));
  }

  /** Returns the unpacked server folder, downloading and unpacking it the first time. */
  public Path ensureInstalled() {
    if (isInstalled()) {
      return installDir();
    }
    if (!Files.exists(tarball())) {
      downloader.run();
    }
    String actual = sha1(tarball());
    if (!SHA1.equals(actual)) {
      progress.accept("Trino download " + tarball() + " is corrupt (SHA-1 " + actual + ", expected " + SHA1
          + "); deleting it and downloading again.");
      deleteQuietly(tarball());
      downloader.run();
      actual = sha1(tarball());
      if (!SHA1.equals(actual)) {
        deleteQuietly(tarball());
        throw new StackException("The Trino server download is corrupt twice in a row (SHA-1 " + actual
            + ", expected " + SHA1 + "). Check the network or Maven mirror, then run again.");
      }
    }
    unpack();
    return installDir();
  }

  private void downloadWithMaven() {
    Path mvnw = config.home().resolve("mvnw");
    progress.accept("Downloading Trino server " + VERSION + " (~820 MB, once) from Maven Central into "
        + config.mavenRepository() + " ...");
    List<String> command = List.of(mvnw.toString(), "-B", "-q", "-C",
        "-Dmaven.repo.local=" + config.mavenRepository(),
        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get",
        "-Dartifact=io.trino:trino-server:" + VERSION + ":tar.gz", "-Dtransitive=false");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(config.home().toFile()).inheritIO();
      builder.environment().put("JAVA_HOME", config.javaHome().toString());
      Process process = builder.start();
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0 || !Files.exists(tarball())) {
        process.destroyForcibly();
        throw new StackException("Downloading io.trino:trino-server:" + VERSION + ":tar.gz failed (see the Maven "
            + "output above). Check that Maven Central is reachable, then run again.");
      }
    } catch (IOException e) {
      throw new StackException("Cannot run " + mvnw + " to download Trino: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while downloading Trino");
    }
  }

  private void unpack() {
    progress.accept("Unpacking Trino " + VERSION + " into " + installDir() + " (once) ...");
    Path staging = installDir().resolveSibling(installDir().getFileName() + ".partial");
    try {
      deleteTree(staging);
      Files.createDirectories(staging);
      Process tar = new ProcessBuilder("tar", "-xzf", tarball().toString(), "-C", staging.toString(),
          "--strip-components=1").redirectErrorStream(true).start();
      String output = new String(tar.getInputStream().readAllBytes());
      if (!tar.waitFor(10, TimeUnit.MINUTES) || tar.exitValue() != 0) {
        throw new StackException("Unpacking " + tarball() + " failed: " + output.strip()
            + ". Free disk space in " + config.cacheDir() + " (about 1 GB is needed) and run again.");
      }
      Files.writeString(staging.resolve(".dnsmesh-verified"), SHA1 + "\n");
      deleteTree(installDir());
      Files.move(staging, installDir(), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StackException("Cannot unpack Trino into " + installDir() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while unpacking Trino");
    }
  }

  static String sha1(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      byte[] buffer = new byte[1 << 20];
      for (int read; (read = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new StackException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the next verification fails again and says so
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
