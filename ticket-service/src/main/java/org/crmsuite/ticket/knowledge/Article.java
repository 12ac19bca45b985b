package org.crmsuite.ticket.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A knowledge-base article (FAQ, how-to, known issue). {@code searchTerms} is derived from title, body, category and
 * tags on every save (see {@link SearchTerms}).
 */
@Document(Articles.COLLECTION)
public record Article(@Id String id, String title, String body, String category, List<String> tags, ArticleStatus status,
                      Audience audience, Set<String> searchTerms, long version, Instant createdAt, String createdBy,
                      Instant updatedAt, String updatedBy) {

    public enum ArticleStatus { DRAFT, PUBLISHED, ARCHIVED }

    /** PUBLIC articles may be shown to customers (self-service); INTERNAL ones only to staff. */
    public enum Audience { PUBLIC, INTERNAL }

    static Set<String> termsOf(String title, String body, String category, List<String> tags) {
        return SearchTerms.index(title, body, category == null ? null : category.replace('/', ' '), tags == null ? null : String.join(" ", tags));
    }
}
