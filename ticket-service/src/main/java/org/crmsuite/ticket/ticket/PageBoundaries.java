package org.crmsuite.ticket.ticket;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Where the last read of a list page ended, to narrow the next read of the same page.
 *
 * <p>A page sorted by one field needs the first {@code offset + size + 1} tickets in that order. If the last read of
 * that page ended at sort value {@code b}, the next read asks only for tickets at or before {@code b} in sort order
 * (ties included). Whenever that narrower read still finds a full page, it is exactly the page the unrestricted read
 * would give: every ticket outside it sorts after all of them. When it finds fewer (tickets left the list since), the
 * caller reads without the boundary. So a boundary is only ever a hint; a wrong or stale one costs a second read, never
 * a wrong page.
 *
 * <p>Why: the MongoDB wire server (mongo-java-server) has no secondary indexes and sorts every matching document before
 * it returns a page; for a busy queue that sort is most of the queue view's time. Narrowed, it sorts only the tickets
 * at or before the boundary (the page plus what arrived since). On MongoDB the extra condition just bounds the index
 * range the view reads anyway ({@code {queue:1, createdAt:-1}} and friends), so it changes nothing there.
 */
final class PageBoundaries {

    /** Sort fields every stored ticket has (a missing value would sort before any boundary, ascending). */
    static final Set<String> FIELDS = Set.of("createdAt", "updatedAt", "priority", "number", "status");

    private final Map<String, Object> boundaries;

    PageBoundaries(int capacity) {
        this.boundaries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The key of a page, or null when its sort is not one field of {@link #FIELDS} (nothing is remembered then). */
    static String key(String filter, Sort sort, long offset, int size) {
        Sort.Order only = sort.stream().count() == 1 ? sort.iterator().next() : null;
        if (only == null || !FIELDS.contains(only.getProperty())) {
            return null;
        }
        return filter + "|" + only.getProperty() + ":" + only.getDirection() + "|" + offset + "+" + size;
    }

    /** The condition "at or before the last boundary in sort order", or null when none is known. */
    Criteria narrowing(String key, Sort sort) {
        Object boundary;
        synchronized (boundaries) {
            boundary = key == null ? null : boundaries.get(key);
        }
        if (boundary == null) {
            return null;
        }
        Sort.Order order = sort.iterator().next();
        Criteria field = Criteria.where(order.getProperty());
        return order.isDescending() ? field.gte(boundary) : field.lte(boundary);
    }

    /** Remembers where a full read of the page ended: the sort value of the last ticket it needed. */
    void remember(String key, Sort sort, Ticket last) {
        if (key == null) {
            return;
        }
        Object value = switch (sort.iterator().next().getProperty()) {
            case "createdAt" -> last.createdAt();
            case "updatedAt" -> last.updatedAt();
            case "priority" -> last.priority();
            case "number" -> last.number();
            case "status" -> last.status();
            default -> null;
        };
        synchronized (boundaries) {
            if (value == null) {
                boundaries.remove(key);
            } else {
                boundaries.put(key, value);
            }
        }
    }
}
