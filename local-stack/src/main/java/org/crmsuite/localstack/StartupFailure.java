package org.crmsuite.localstack;

import java.nio.file.Path;

/** A part did not become ready: names it and carries the tail of its log. */
public final class StartupFailure extends RuntimeException {

    private final String part;
    private final Path log;

    public StartupFailure(String part, String reason, Path log, Throwable cause) {
        super(part + " did not start: " + reason, cause);
        this.part = part;
        this.log = log;
    }

    public StartupFailure(String part, String reason, Path log) {
        this(part, reason, log, null);
    }

    public String part() {
        return part;
    }

    public Path log() {
        return log;
    }

    /** The message, the log's path and its last lines, as shown to the user. */
    public String report(int lines) {
        StringBuilder text = new StringBuilder(getMessage());
        if (getCause() != null) {
            text.append("\n  cause: ").append(getCause());
        }
        if (log != null) {
            text.append("\n  log: ").append(log);
            String tail = LogTail.of(log, lines);
            if (!tail.isBlank()) {
                text.append("\n  last lines of the log:\n").append(tail.indent(4).stripTrailing());
            }
        }
        return text.toString();
    }
}
