package org.dnsmesh.products.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One consumer per product table: the pipeline keeps its exactly-once position in the table's snapshots and does
 * not guard against a second pipeline committing the same offsets, so whatever consumes a product's topic (the
 * supervised pipeline of {@code mesh up}, {@code mesh product run}) holds this operating-system lock on
 * {@code <directory>/<domain>-<product>.lock} while it does. Released when the holder exits, however it exits
 * (SIGKILL included). No directory: no locking (tests that run one pipeline in-process).
 */
final class PipelineLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;
  private final boolean held;

  private PipelineLock(FileChannel channel, FileLock lock, boolean held) {
    this.channel = channel;
    this.lock = lock;
    this.held = held;
  }

  /** The lock if it is free now; else one whose {@link #held()} is false. */
  static PipelineLock tryAcquire(Path directory, String product) {
    return open(directory, product, false);
  }

  /** Waits for the lock. */
  static PipelineLock acquire(Path directory, String product) {
    return open(directory, product, true);
  }

  private static PipelineLock open(Path directory, String product, boolean wait) {
    if (directory == null) {
      return new PipelineLock(null, null, true);
    }
    try {
      Files.createDirectories(directory);
      FileChannel channel = FileChannel.open(directory.resolve(product.replace('/', '-') + ".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = wait ? channel.lock() : channel.tryLock();
      if (lock == null) {
        channel.close();
        return new PipelineLock(null, null, false);
      }
      return new PipelineLock(channel, lock, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the pipeline lock of " + product + " in " + directory, e);
    }
  }

  /** Whether this process may consume the product's topic. */
  boolean held() {
    return held;
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // the lock goes with the process anyway
    }
  }
}
