package org.crmsuite.sales.opportunity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One move of a deal between stages: who moved it, when, and the probability it took. */
@Embeddable
public class StageChange {

    @Column(name = "from_stage")
    private String fromStage;
    @Column(name = "to_stage")
    private String toStage;
    private int probability;
    @Column(name = "changed_by")
    private String changedBy;
    @Column(name = "changed_at")
    private Instant changedAt;

    protected StageChange() {
    }

    StageChange(String fromStage, String toStage, int probability, String changedBy, Instant changedAt) {
        this.fromStage = fromStage;
        this.toStage = toStage;
        this.probability = probability;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public String fromStage() { return fromStage; }
    public String toStage() { return toStage; }
    public int probability() { return probability; }
    public String changedBy() { return changedBy; }
    public Instant changedAt() { return changedAt; }
}
