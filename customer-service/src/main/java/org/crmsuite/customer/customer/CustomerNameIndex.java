package org.crmsuite.customer.customer;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds customers by a name as people remember it: with a typo, without the legal form, in part, in Chinese or
 * Latin. PostgreSQL narrows the candidates with indexes (trigram similarity {@code %}, substring {@code LIKE} on the
 * trigram index, and overlap of character bigrams for Chinese, see V3__customer_search.sql); Java scores them with
 * {@link CompanyNames#similarity}, the same measure duplicate detection uses.
 */
@Component
public class CustomerNameIndex {

    /** Below this a name is not considered a match (a substring match always is). */
    public static final double MIN_SCORE = 0.3;
    static final int MAX_CANDIDATES = 500;

    /**
     * @param similarity {@link CompanyNames#similarity} of the normalised names (legal or short, the better)
     * @param contains   the typed text is part of the name or the short name
     */
    public record NameMatch(UUID id, String nameNormalised, double similarity, boolean contains) {

        /** For search: a name containing what was typed ranks high, then by similarity. */
        public double score() {
            return contains ? Math.max(0.9, similarity) : similarity;
        }
    }

    private final JdbcClient jdbc;

    CustomerNameIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Matches best first, at most {@value #MAX_CANDIDATES}. */
    public List<NameMatch> matches(String typed) {
        String name = CompanyNames.normalise(typed);
        if (name == null || name.isBlank()) {
            return List.of();
        }
        String like = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String shortName = typed.strip().toLowerCase(Locale.ROOT);
        String shortLike = "%" + shortName.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                        SELECT c.id, c.name_normalised, c.short_name,
                               (c.name_normalised LIKE :like ESCAPE '\\' OR lower(c.short_name) LIKE :shortLike ESCAPE '\\') AS contains
                        FROM customer c
                        WHERE c.name_normalised % :name
                           OR c.name_normalised LIKE :like ESCAPE '\\'
                           OR lower(c.short_name) LIKE :shortLike ESCAPE '\\'
                           OR c.name_bigrams && crm_bigrams(:name)
                        ORDER BY greatest(similarity(c.name_normalised, :name),
                                 (SELECT count(*) FROM unnest(c.name_bigrams) g WHERE g = ANY (crm_bigrams(:name)))::float
                                     / greatest(cardinality(crm_bigrams(:name)), 1)) DESC
                        LIMIT :limit""")
                .param("name", name).param("like", like).param("shortLike", shortLike).param("limit", MAX_CANDIDATES)
                .query((rs, n) -> new NameMatch(rs.getObject(1, UUID.class), rs.getString(2),
                        Math.max(CompanyNames.similarity(name, rs.getString(2)),
                                CompanyNames.similarity(name, CompanyNames.normalise(rs.getString(3)))), rs.getBoolean(4)))
                .list().stream()
                .filter(match -> match.score() >= MIN_SCORE)
                .sorted(Comparator.comparingDouble(NameMatch::score).reversed())
                .toList();
    }
}
