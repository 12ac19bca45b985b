package org.crmsuite.localstack;

import java.nio.file.Path;
import java.util.List;

/** One part of the stack: started once, ready when {@link #start()} returns, stopped by {@link #close()}. */
public interface Node extends AutoCloseable {

    /** How the part is called in messages, e.g. "PostgreSQL" or "customer-service". */
    String name();

    /** The ports it binds on 127.0.0.1, checked to be free before anything starts. */
    List<Integer> ports();

    /** Starts the part and returns once it is ready; throws when it cannot start. */
    void start() throws Exception;

    /** Where its output goes; its tail is shown when it fails. */
    Path log();

    /** Operating-system processes of its own (not the launcher's), for the memory report and the leak check. */
    default List<ProcessHandle> processes() {
        return List.of();
    }

    /** Stops the part; never throws; safe to call twice or on a part that never started. */
    @Override
    void close();
}
