package org.crmsuite.sales.conversion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An existing customer that customer-service's duplicate check found, with its score (0-100) and the reasons. */
public record Candidate(UUID id, String code, String name, int score, List<String> reasons) {

    /**
     * The candidate to link the lead to: the highest score at or above {@code threshold}; on a tie the first one
     * customer-service listed. None: register a new customer.
     */
    public static Optional<Candidate> best(List<Candidate> candidates, int threshold) {
        Candidate best = null;
        for (Candidate candidate : candidates) {
            if (candidate.score() >= threshold && (best == null || candidate.score() > best.score())) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The {@code candidates} of a duplicate-check answer or a 409 problem; entries without an id are skipped. */
    @SuppressWarnings("unchecked")
    static List<Candidate> listed(Map<String, Object> body) {
        if (!(body.get("candidates") instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item)
                .filter(item -> item.get("id") instanceof String)
                .map(item -> new Candidate(UUID.fromString((String) item.get("id")), (String) item.get("code"), (String) item.get("name"),
                        item.get("score") instanceof Number n ? n.intValue() : 0,
                        item.get("reasons") instanceof List<?> r ? r.stream().map(String::valueOf).toList() : List.of()))
                .toList();
    }
}
