package org.dnsmesh.contracts.cli;

/** Exit codes shared by the {@code mesh contract} commands. */
public final class ExitCodes {
    /** Ran; nothing to report. */
    public static final int OK = 0;
    /** Ran; found problems (lint findings, an unacceptable version bump, a change above {@code --fail-on}). */
    public static final int FINDINGS = 1;
    /** Could not run: bad arguments, missing or unreadable files. */
    public static final int CANNOT_RUN = 2;

    private ExitCodes() {}
}
