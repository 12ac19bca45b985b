package org.crmsuite.platform.consume;

/**
 * The consumers' memory of applied events, for idempotent consumption: a consumer applies an event only if this is
 * the first time it sees its id.
 */
public interface ProcessedEvents {

    /**
     * Records that {@code consumer} applies event {@code eventId} now.
     *
     * @return true the first time; false for a repeat, which the consumer skips
     */
    boolean firstTime(String consumer, String eventId);
}
