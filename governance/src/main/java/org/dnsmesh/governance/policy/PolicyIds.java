package org.dnsmesh.governance.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Maps enum constants to the kebab-case ids used in policy files, Rego data and decision cases. */
final class PolicyIds {
  private PolicyIds() {}

  static String idOf(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static <E extends Enum<E>> E parse(Class<E> type, String id, String what) {
    if (id != null) {
      for (E candidate : type.getEnumConstants()) {
        if (idOf(candidate).equals(id)) {
          return candidate;
        }
      }
    }
    throw new IllegalArgumentException("unknown " + what + " '" + id + "'; expected one of "
        + Arrays.stream(type.getEnumConstants()).map(PolicyIds::idOf).collect(Collectors.joining(", ")));
  }
}
