package org.crmsuite.platform.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A payload record that tells the world something happened to one aggregate. The record's components are the
 * payload; these three methods are the envelope's routing facts and never appear in the JSON.
 */
public interface IntegrationEvent {

    /** CloudEvents type, {@code crm.<aggregate>.<what-happened>.v<N>}; also names the JSON Schema of the payload. */
    @JsonIgnore
    String eventType();

    /** The aggregate id: the Kafka record key (so one aggregate's events stay in order) and {@code ce_subject}. */
    @JsonIgnore
    String aggregateId();

    /** One topic per aggregate family, see {@link Topics}. */
    @JsonIgnore
    String topic();
}
