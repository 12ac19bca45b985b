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

    /** Names with more bigrams than this are left to the trigram index, which is reliable on longer names. */
    static final int MAX_BIGRAMS = 8;

    private final JdbcClient jdbc;

    CustomerNameIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Below this many characters (spaces aside) a query is probably part of a name: the trigram and bigram branches run too. */
    static final int MIN_KEYED_LENGTH = 4;

    /**
     * Matches best first, at most {@value #MAX_CANDIDATES}. First the name's {@link MatchKeys} (one btree lookup: a
     * typo, another legal form, a missing region prefix); when that finds no customer at least half similar, or the
     * query is short (probably part of a name), also the trigram, substring and bigram branches.
     */
    public List<NameMatch> matches(String typed) {
        String name = CompanyNames.normalise(typed);
        if (name == null || name.isBlank()) {
            return List.of();
        }
        List<NameMatch> keyed = byKeys(typed, name);
        String compact = name.replaceAll("\\s+", "");
        if (compact.codePointCount(0, compact.length()) >= MIN_KEYED_LENGTH
                && keyed.stream().anyMatch(m -> m.similarity() >= STRONG_SIMILARITY)) {
            return keyed;
        }
        java.util.Map<UUID, NameMatch> all = new java.util.LinkedHashMap<>();
        keyed.forEach(m -> all.put(m.id(), m));
        scanned(typed, name).forEach(m -> all.putIfAbsent(m.id(), m));
        return all.values().stream().sorted(Comparator.comparingDouble(NameMatch::score).reversed()).limit(MAX_CANDIDATES).toList();
    }

    /** A key match this similar means the name was found; weaker ones let the scanning branches run as well. */
    static final double STRONG_SIMILARITY = 0.5;

    private List<NameMatch> byKeys(String typed, String name) {
        long[] keys = MatchKeys.of(name);
        if (keys.length == 0) {
            return List.of();
        }
        String shortName = typed.strip().toLowerCase(Locale.ROOT);
        return jdbc.sql("""
                        SELECT DISTINCT c.id, c.name_normalised, c.short_name
                        FROM customer_match_key k JOIN customer c ON c.id = k.customer_id
                        WHERE k.key = ANY (CAST(:keys AS BIGINT[]))""")
                .param("keys", CustomerMatchKeyIndex.array(keys))
                .query((rs, n) -> {
                    String candidate = rs.getString(2);
                    String candidateShort = rs.getString(3);
                    boolean contains = candidate.contains(name)
                            || (candidateShort != null && candidateShort.toLowerCase(Locale.ROOT).contains(shortName));
                    return new NameMatch(rs.getObject(1, UUID.class), candidate, Math.max(CompanyNames.similarity(name, candidate),
                            CompanyNames.similarity(name, CompanyNames.normalise(candidateShort))), contains);
                })
                .list().stream()
                .filter(match -> match.score() >= MIN_SCORE)
                .sorted(Comparator.comparingDouble(NameMatch::score).reversed())
                .limit(MAX_CANDIDATES)
                .toList();
    }

    /** The trigram, substring and bigram branches (indexed, but slower at a million names than the key lookup). */
    private List<NameMatch> scanned(String typed, String name) {
        String like = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String shortName = typed.strip().toLowerCase(Locale.ROOT);
        String shortLike = "%" + shortName.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<String> bigrams = bigrams(name);
        String bigramCondition = bigramCondition(bigrams);
        // Each way of matching is its own indexed SELECT: with all of them OR-ed in one WHERE the planner may pick a
        // sequential scan that computes similarity() on every row (1.3 s instead of 0.2 s at 100,000 customers).
        var statement = jdbc.sql("""
                        WITH hits AS (
                            SELECT id FROM customer WHERE name_normalised % :name
                            UNION SELECT id FROM customer WHERE name_normalised LIKE :like ESCAPE '\\'
                            UNION SELECT id FROM customer WHERE lower(short_name) LIKE :shortLike ESCAPE '\\'
                        """ + bigramCondition + """
                        )
                        SELECT c.id, c.name_normalised, c.short_name,
                               (c.name_normalised LIKE :like ESCAPE '\\' OR lower(c.short_name) LIKE :shortLike ESCAPE '\\') AS contains
                        FROM customer c JOIN hits ON hits.id = c.id
                        ORDER BY greatest(similarity(c.name_normalised, :name),
                                 (SELECT count(*) FROM unnest(c.name_bigrams) g WHERE g = ANY (crm_bigrams(:name)))::float
                                     / greatest(cardinality(crm_bigrams(:name)), 1)) DESC
                        LIMIT :limit""");
        for (int i = 0; i < bigrams.size(); i++) {
            statement = statement.param("b" + i, bigrams.get(i));
        }
        return statement
                .param("name", name).param("like", like).param("shortLike", shortLike).param("limit", MAX_CANDIDATES)
                .query((rs, n) -> new NameMatch(rs.getObject(1, UUID.class), rs.getString(2),
                        Math.max(CompanyNames.similarity(name, rs.getString(2)),
                                CompanyNames.similarity(name, CompanyNames.normalise(rs.getString(3)))), rs.getBoolean(4)))
                .list().stream()
                .filter(match -> match.score() >= MIN_SCORE)
                .sorted(Comparator.comparingDouble(NameMatch::score).reversed())
                .toList();
    }

    /**
     * The bigram part of the candidate query. One shared bigram is enough for very short names (one or two bigrams);
     * from three bigrams on, two must be shared (any pair, each an indexed containment): a single common bigram such
     * as 科技 or 杭州 would otherwise pull in a large share of all customers (18 % of 100,000 in the benchmark).
     * Longer names are left to the trigram index.
     */
    static String bigramCondition(List<String> bigrams) {
        if (bigrams.isEmpty() || bigrams.size() > MAX_BIGRAMS) {
            return "";
        }
        if (bigrams.size() <= 2) {
            StringBuilder any = new StringBuilder("    UNION SELECT id FROM customer WHERE name_bigrams && ARRAY[");
            for (int i = 0; i < bigrams.size(); i++) {
                any.append(i == 0 ? "" : ", ").append("CAST(:b").append(i).append(" AS TEXT)");
            }
            return any.append("]\n").toString();
        }
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < bigrams.size(); i++) {
            for (int j = i + 1; j < bigrams.size(); j++) {
                pairs.append("    UNION SELECT id FROM customer WHERE name_bigrams @> ARRAY[CAST(:b").append(i).append(" AS TEXT), CAST(:b")
                        .append(j).append(" AS TEXT)]\n");
            }
        }
        return pairs.toString();
    }

    /** The distinct character bigrams of a normalised name without whitespace, as {@code crm_bigrams()} makes them. */
    static List<String> bigrams(String name) {
        int[] points = name.codePoints().toArray();
        java.util.LinkedHashSet<String> grams = new java.util.LinkedHashSet<>();
        for (int i = 0; i + 1 < points.length; i++) {
            if (!Character.isWhitespace(points[i]) && !Character.isWhitespace(points[i + 1])) {
                grams.add(new String(points, i, 2));
            }
        }
        return List.copyOf(grams);
    }
}
