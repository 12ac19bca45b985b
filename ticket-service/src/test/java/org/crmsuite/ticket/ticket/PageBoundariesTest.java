package org.crmsuite.ticket.ticket;

import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;

/** Which pages get a boundary, and which way it points. */
class PageBoundariesTest {

    static Ticket openedAt(Instant at) {
        return Ticket.open("T-2026-000001", new Ticket.Draft("c-1", null, Channel.EMAIL, TicketType.INCIDENT, null, Priority.P2, "登录失败", null),
                new Ticket.CustomerContext("云栖科技", "STANDARD"), "tier-1", "/service/tier-1", null, new Actor("agent.li", at)).ticket();
    }

    @Test
    void newestFirstKeepsWhatIsAtOrAfterTheLastTicketTheReadNeeded() {
        PageBoundaries boundaries = new PageBoundaries(10);
        Sort newestFirst = Sort.by(Sort.Direction.DESC, "createdAt");
        String key = PageBoundaries.key("{queue: tier-1}", newestFirst, 0, 20);
        assertThat(boundaries.narrowing(key, newestFirst)).isNull();

        Instant last = Instant.parse("2026-11-30T03:00:00Z");
        boundaries.remember(key, newestFirst, openedAt(last));

        assertThat(boundaries.narrowing(key, newestFirst).getCriteriaObject())
                .isEqualTo(new Document("createdAt", new Document("$gte", last)));
        assertThat(boundaries.narrowing(PageBoundaries.key("{queue: tier-1}", newestFirst, 20, 20), newestFirst)).isNull();
    }

    @Test
    void byPriorityAscendingKeepsWhatIsAtOrBeforeIt() {
        PageBoundaries boundaries = new PageBoundaries(10);
        Sort byPriority = Sort.by("priority");
        String key = PageBoundaries.key("{queue: tier-1, status: IN_PROGRESS}", byPriority, 0, 20);
        boundaries.remember(key, byPriority, openedAt(Instant.parse("2026-11-30T03:00:00Z")));

        assertThat(boundaries.narrowing(key, byPriority).getCriteriaObject())
                .isEqualTo(new Document("priority", new Document("$lte", Priority.P2)));
    }

    @Test
    void severalSortFieldsOrAFieldATicketMayLackGetNoBoundary() {
        assertThat(PageBoundaries.key("{}", Sort.by("priority", "createdAt"), 0, 20)).isNull();
        assertThat(PageBoundaries.key("{}", Sort.unsorted(), 0, 20)).isNull();
        assertThat(PageBoundaries.key("{}", Sort.by("assignee"), 0, 20)).isNull();
    }

    @Test
    void theLeastRecentlyUsedPagesAreForgottenBeyondTheCapacity() {
        PageBoundaries boundaries = new PageBoundaries(2);
        Sort newestFirst = Sort.by(Sort.Direction.DESC, "createdAt");
        List<String> keys = List.of("a", "b", "c").stream().map(f -> PageBoundaries.key(f, newestFirst, 0, 20)).toList();
        keys.forEach(k -> boundaries.remember(k, newestFirst, openedAt(Instant.parse("2026-11-30T03:00:00Z"))));

        assertThat(boundaries.narrowing(keys.get(0), newestFirst)).isNull();
        assertThat(boundaries.narrowing(keys.get(2), newestFirst)).isNotNull();
    }
}
