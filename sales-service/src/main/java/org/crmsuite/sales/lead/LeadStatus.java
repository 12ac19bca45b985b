package org.crmsuite.sales.lead;

import java.util.Set;

/** new → contacted → qualified, or disqualified (with a reason) from new or contacted; qualified → converted (through the conversion, never by a status move). */
public enum LeadStatus {
    NEW, CONTACTED, QUALIFIED, DISQUALIFIED, CONVERTED;

    public boolean mayMoveTo(LeadStatus target) {
        return switch (this) {
            case NEW -> Set.of(CONTACTED, DISQUALIFIED).contains(target);
            case CONTACTED -> Set.of(QUALIFIED, DISQUALIFIED).contains(target);
            case QUALIFIED -> target == DISQUALIFIED;
            case DISQUALIFIED, CONVERTED -> false;
        };
    }
}
