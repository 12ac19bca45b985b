package org.crmsuite.localstack.demo;

/**
 * One service's demo data, loaded once into a new stack through the public API behind the gateway, as the demo user
 * who would enter it in real life (a rep creates leads, an agent opens tickets, a steward reviews duplicates).
 * Implementations hold no service code: they speak JSON over HTTP like any client. Register a new one in
 * {@link DemoDataSets#ALL}, after the sets whose records it refers to.
 */
public interface DemoData {

    /** What it loads, shown while loading, e.g. "customers with duplicates to find". */
    String description();

    /** Creates the records; throws on the first request that fails (the loader reports it and goes on). */
    void load(DemoApi api) throws Exception;
}
