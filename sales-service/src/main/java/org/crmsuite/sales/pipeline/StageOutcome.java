package org.crmsuite.sales.pipeline;

/** Whether a stage keeps a deal open or closes it as won or lost. */
public enum StageOutcome {
    OPEN, WON, LOST
}
