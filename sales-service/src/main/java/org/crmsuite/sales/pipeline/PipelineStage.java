package org.crmsuite.sales.pipeline;

import java.util.List;

/**
 * One stage of a pipeline: its default probability (percent) and the fields an opportunity must have filled to enter
 * it ({@code amount}, {@code expectedCloseDate}, {@code lineItems}).
 */
public record PipelineStage(String code, String name, int position, int probability, StageOutcome outcome, List<String> requiredFields) {

    public PipelineStage {
        requiredFields = List.copyOf(requiredFields);
    }
}
