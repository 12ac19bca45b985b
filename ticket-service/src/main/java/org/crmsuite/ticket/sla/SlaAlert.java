package org.crmsuite.ticket.sla;

/**
 * The moments the scheduler reports once per ticket (resolution ones once per resolution cycle): warnings and breaches
 * (which raise level 1 of the escalation chain). The further levels of the chain are claimed the same way under
 * {@link EscalationChain#alertName(int)}.
 */
public enum SlaAlert {
    FIRST_RESPONSE_WARNING("FIRST_RESPONSE", false, "sla.firstResponseWarnAt"),
    FIRST_RESPONSE_BREACH("FIRST_RESPONSE", true, "sla.firstResponseDueAt"),
    RESOLUTION_WARNING("RESOLUTION", false, "sla.resolutionWarnAt"),
    RESOLUTION_BREACH("RESOLUTION", true, "sla.resolutionDueAt");

    private final String target;
    private final boolean breach;
    private final String timeField;

    SlaAlert(String target, boolean breach, String timeField) {
        this.target = target;
        this.breach = breach;
        this.timeField = timeField;
    }

    /** FIRST_RESPONSE or RESOLUTION, as in the events. */
    public String target() {
        return target;
    }

    public boolean breach() {
        return breach;
    }

    /** The ticket field holding the instant at which this alert is due. */
    public String timeField() {
        return timeField;
    }

    public boolean aboutFirstResponse() {
        return target.equals("FIRST_RESPONSE");
    }
}
