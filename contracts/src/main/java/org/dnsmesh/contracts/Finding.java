package org.dnsmesh.contracts;

import java.util.Objects;

/**
 * One problem found in a contract: which rule, where (file, line, column and the JSON pointer of the element)
 * and a message that says what is wrong. {@link #toString()} gives the compiler-style
 * {@code file:line:column: severity [rule] message}.
 */
public record Finding(Severity severity, String rule, String file, Location location, String pointer, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    public static Finding error(String rule, String file, Location location, String pointer, String message) {
        return new Finding(Severity.ERROR, rule, file, location, pointer, message);
    }

    public static Finding warning(String rule, String file, Location location, String pointer, String message) {
        return new Finding(Severity.WARNING, rule, file, location, pointer, message);
    }

    public int line() {
        return location.line();
    }

    public int column() {
        return location.column();
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return file + ":" + location.line() + ":" + location.column() + ": " + severity.name().toLowerCase(java.util.Locale.ROOT)
                + " [" + rule + "] " + (pointer.isEmpty() ? "" : pointer + ": ") + message;
    }
}
