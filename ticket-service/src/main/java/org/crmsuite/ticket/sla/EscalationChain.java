package org.crmsuite.ticket.sla;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who hears when a ticket stays unresolved: level 1 at the breach, then each further level at its multiple of the
 * resolution target (1.5 ×, 2 × ...). A level goes to the queue's manager, to the head of the queue's department
 * (the nearest department up the group path that has a head: {@code /service/tier-1}, then {@code /service}), or to a
 * named user; a level whose recipient cannot be found falls back to its {@code user} if it has one.
 */
public final class EscalationChain {

    /** To whom a level of the chain escalates. */
    public enum Recipient { QUEUE_MANAGER, DEPARTMENT_HEAD, USER }

    /**
     * @param share multiple of the resolution target at which this level is raised (1.0 for level 1: the breach)
     * @param to    the kind of recipient
     * @param user  the recipient for {@code USER}, the fallback for the others (may be null then)
     */
    public record Step(double share, Recipient to, String user) {
        public Step {
            if (to == null) {
                throw new IllegalArgumentException("an escalation level needs 'to' (QUEUE_MANAGER, DEPARTMENT_HEAD or USER)");
            }
            if (to == Recipient.USER && (user == null || user.isBlank())) {
                throw new IllegalArgumentException("an escalation level to USER needs 'user'");
            }
        }
    }

    private final List<Step> steps;
    private final Map<String, String> departmentHeads;

    public EscalationChain(List<Step> steps, Map<String, String> departmentHeads) {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("the escalation chain needs at least level 1 (the breach)");
        }
        if (steps.getFirst().share() != 1.0) {
            throw new IllegalArgumentException("level 1 of the escalation chain is the breach itself: its share must be 1.0, not "
                    + steps.getFirst().share());
        }
        for (int i = 1; i < steps.size(); i++) {
            if (!(steps.get(i).share() > steps.get(i - 1).share())) {
                throw new IllegalArgumentException("escalation level " + (i + 1) + " must come after level " + i
                        + " (share " + steps.get(i).share() + " is not above " + steps.get(i - 1).share() + ")");
            }
        }
        this.steps = List.copyOf(steps);
        this.departmentHeads = departmentHeads == null ? Map.of() : Map.copyOf(departmentHeads);
    }

    /** The highest level. */
    public int levels() {
        return steps.size();
    }

    /** The shares of levels 2, 3, ... (what the planner turns into due times). */
    public List<Double> furtherShares() {
        List<Double> shares = new ArrayList<>();
        for (int i = 1; i < steps.size(); i++) {
            shares.add(steps.get(i).share());
        }
        return shares;
    }

    public Step step(int level) {
        return steps.get(level - 1);
    }

    /** Who hears of level {@code level} for a ticket of this queue manager and department; null when nobody is known. */
    public String recipient(int level, String queueManager, String department) {
        Step step = step(level);
        String found = switch (step.to()) {
            case QUEUE_MANAGER -> queueManager;
            case DEPARTMENT_HEAD -> headOf(department);
            case USER -> step.user();
        };
        return found != null && !found.isBlank() ? found : step.user();
    }

    /** The head of the department or of the nearest department above it that has one. */
    String headOf(String department) {
        String d = department;
        while (d != null && !d.isEmpty()) {
            String head = departmentHeads.get(d);
            if (head != null) {
                return head;
            }
            int slash = d.lastIndexOf('/');
            d = slash <= 0 ? null : d.substring(0, slash);
        }
        return null;
    }

    /** The alert name a level is claimed under on the ticket ({@code slaAlerts}); level 2 keeps its historic name. */
    public static String alertName(int level) {
        if (level < 2) {
            throw new IllegalArgumentException("level 1 is raised with the breach");
        }
        return level == 2 ? "RESOLUTION_ESCALATION" : "RESOLUTION_ESCALATION_" + level;
    }

    /** The ticket field holding when a level (2 or more) is due. */
    public static String timeField(int level) {
        return "sla.escalateAt." + SlaClock.levelKey(level);
    }
}
