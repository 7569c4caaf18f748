package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A dotted pattern over resources: {@code *} (everything, including mesh-level resources), {@code na}
 * (domain na and all below it), {@code na.resolver.*}, {@code *.*.queries}. Each segment is a name or
 * {@code *}; a pattern covers a resource at its own depth or deeper.
 */
public record ResourcePattern(List<String> segments) {
  private static final Pattern SEGMENT = Pattern.compile("\\*|[A-Za-z0-9_][A-Za-z0-9_-]*");

  public ResourcePattern {
    segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
    if (segments.isEmpty() || segments.size() > 3) {
      throw new IllegalArgumentException("resource pattern must have 1 to 3 segments: " + segments);
    }
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException("resource pattern segment '" + segment + "' must be * or a name");
      }
    }
  }

  public static final ResourcePattern ALL = new ResourcePattern(List.of("*"));

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ResourcePattern parse(String dotted) {
    Objects.requireNonNull(dotted, "resource pattern");
    return new ResourcePattern(List.of(dotted.split("\\.", -1)));
  }

  /** True when every privilege granted on this pattern holds on {@code resource}. */
  public boolean covers(ResourceRef resource) {
    if (isAll()) {
      return true;
    }
    List<String> path = resource.path();
    return segments.size() <= path.size() && prefixMatches(path, segments.size());
  }

  /**
   * True when the pattern names something at or below {@code resource} (so the resource must be
   * discoverable), without covering it.
   */
  public boolean reachesBelow(ResourceRef resource) {
    List<String> path = resource.path();
    return !covers(resource) && segments.size() > path.size() && prefixMatches(path, path.size());
  }

  private boolean prefixMatches(List<String> path, int length) {
    for (int i = 0; i < length; i++) {
      String segment = segments.get(i);
      if (!segment.equals("*") && !segment.equals(path.get(i))) {
        return false;
      }
    }
    return true;
  }

  public boolean isAll() {
    return segments.size() == 1 && segments.getFirst().equals("*");
  }

  @JsonValue
  @Override
  public String toString() {
    return String.join(".", segments);
  }
}
