package org.dnsmesh.contracts.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Null-tolerant list copies: absent lists become empty so that read -> write -> read gives equal models. */
final class Lists {
    private Lists() {}

    static <T> List<T> of(List<T> list) {
        // Not List.copyOf: a YAML list may hold nulls, which the schema layer reports with a location.
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
