package org.crmsuite.sales.pipeline;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineTest {

    static final Pipeline STANDARD = new Pipeline(UUID.randomUUID(), "Standard", true, List.of(
            new PipelineStage("qualification", "Qualification", 1, 10, StageOutcome.OPEN, List.of()),
            new PipelineStage("needs-analysis", "Needs analysis", 2, 20, StageOutcome.OPEN, List.of()),
            new PipelineStage("proposal", "Proposal", 3, 50, StageOutcome.OPEN, List.of("amount", "expectedCloseDate")),
            new PipelineStage("negotiation", "Negotiation", 4, 75, StageOutcome.OPEN, List.of("lineItems")),
            new PipelineStage("won", "Won", 5, 100, StageOutcome.WON, List.of("lineItems")),
            new PipelineStage("lost", "Lost", 6, 0, StageOutcome.LOST, List.of())));

    @Test
    void enteringAStageNeedsItsOwnAndEveryEarlierStagesFields() {
        assertThat(STANDARD.missingToEnter(STANDARD.stage("needs-analysis").orElseThrow(), Set.of())).isEmpty();
        assertThat(STANDARD.missingToEnter(STANDARD.stage("proposal").orElseThrow(), Set.of("amount"))).containsExactly("expectedCloseDate");
        assertThat(STANDARD.missingToEnter(STANDARD.stage("negotiation").orElseThrow(), Set.of()))
                .containsExactly("amount", "expectedCloseDate", "lineItems");
        assertThat(STANDARD.missingToEnter(STANDARD.stage("won").orElseThrow(), Set.of("amount", "expectedCloseDate")))
                .containsExactly("lineItems");
    }

    @Test
    void losingNeedsNoFilledFields() {
        assertThat(STANDARD.missingToEnter(STANDARD.stage("lost").orElseThrow(), Set.of())).isEmpty();
    }

    @Test
    void newDealsStartInTheFirstOpenStage() {
        assertThat(STANDARD.firstStage().code()).isEqualTo("qualification");
    }
}
