package org.dnsmesh.quality.check;

/**
 * Dead letters of a product over a window, by where they came from.
 *
 * @param unparsed lines of a source file that never became an event (source {@code file:line}): lost to the tables
 * @param quarantineCopies records the pipeline consumed and quarantined (source {@code topic/partition@offset}): the
 *     quarantine table holds each of them already, so they are shown but never added to the quarantined count
 * @param unidentified letters without a recognisable source header (another writer's): shown, not counted
 */
public record DeadLetterCounts(long unparsed, long quarantineCopies, long unidentified) {
  public DeadLetterCounts {
    if (unparsed < 0 || quarantineCopies < 0 || unidentified < 0) {
      throw new IllegalArgumentException("dead-letter counts must not be negative");
    }
  }

  public static final DeadLetterCounts NONE = new DeadLetterCounts(0, 0, 0);
}
