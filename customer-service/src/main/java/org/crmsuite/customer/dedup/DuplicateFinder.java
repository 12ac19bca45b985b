package org.crmsuite.customer.dedup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

import org.crmsuite.customer.config.CustomerProperties;
import org.crmsuite.customer.customer.CompanyNames;
import org.crmsuite.customer.customer.CustomerDetails;
import org.crmsuite.customer.customer.CustomerMatchKeyIndex;
import org.crmsuite.customer.customer.DuplicateCandidate;
import org.crmsuite.customer.customer.DuplicateCheck;
import org.crmsuite.customer.customer.EmailAddresses;
import org.crmsuite.customer.customer.MatchKeys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Duplicate candidates for customers: gathered by USCC, by name ({@link MatchKeys} in {@code customer_match_key}: a
 * typo, another legal form or a missing region prefix), by phone (the customer's or a contact's) and by company email
 * or web domain, then scored by {@link DuplicateScoring}. Each kind of fact is one indexed query for a whole batch of
 * customers (one customer on create or update, 500 rows of a CSV import). Merged and erased customers are never
 * candidates; archived ones are (restoring beats registering twice).
 */
@Component
class DuplicateFinder implements DuplicateCheck {

    static final int NAME_CANDIDATES = 20;

    private final JdbcClient jdbc;
    private final CustomerMatchKeyIndex keyIndex;
    private final int threshold;
    private final ObjectProvider<DuplicateReviewQueue> queue;

    DuplicateFinder(JdbcClient jdbc, CustomerMatchKeyIndex keyIndex, CustomerProperties properties, ObjectProvider<DuplicateReviewQueue> queue) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.keyIndex = keyIndex;
        this.threshold = properties.duplicateThreshold();
    }

    /** A customer found by a value (USCC, phone, domain). */
    private record Hit(String value, UUID id) {
        static Hit of(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
            return new Hit(rs.getString(1), rs.getObject(2, UUID.class));
        }
    }

    /** An existing customer (or an accepted row of the batch) as scoring sees it. */
    private record Existing(UUID id, String code, String legalName, DuplicateScoring.Facts facts) {
    }

    @Override
    public List<DuplicateCandidate> candidates(CustomerDetails customer, UUID except) {
        List<DuplicateCandidate> candidates = inDatabase(List.of(customer), except).get(0);
        if (except == null || candidates.isEmpty()) {
            return candidates;
        }
        Set<UUID> dismissed = new HashSet<>(jdbc.sql("""
                        SELECT CASE WHEN customer_a = :id THEN customer_b ELSE customer_a END FROM duplicate_pair
                        WHERE (customer_a = :id OR customer_b = :id) AND status = 'DISMISSED'""")
                .param("id", except).query(UUID.class).list());
        return dismissed.isEmpty() ? candidates : candidates.stream().filter(c -> !dismissed.contains(c.id())).toList();
    }

    @Override
    public void flag(UUID customerId, List<DuplicateCandidate> candidates) {
        queue.getObject().flag(customerId, candidates);
    }

    @Override
    public Batch batch(List<CustomerDetails> customers) {
        List<List<DuplicateCandidate>> found = inDatabase(customers, null);
        List<DuplicateScoring.Facts> facts = customers.stream().map(DuplicateFinder::facts).toList();
        List<long[]> keys = facts.stream().map(f -> MatchKeys.forDuplicates(f.nameNormalised())).toList();
        return new Batch() {
            private final Map<Object, List<Existing>> accepted = new HashMap<>();

            @Override
            public List<DuplicateCandidate> candidates(int index) {
                Map<UUID, Existing> earlier = new LinkedHashMap<>();
                for (Object fact : lookups(facts.get(index), keys.get(index))) {
                    accepted.getOrDefault(fact, List.of()).forEach(e -> earlier.put(e.id(), e));
                }
                if (earlier.isEmpty()) {
                    return found.get(index);
                }
                List<DuplicateCandidate> all = new ArrayList<>(found.get(index));
                earlier.values().forEach(e -> all.add(score(facts.get(index), e)));
                return best(all);
            }

            @Override
            public void accepted(int index, UUID id, String code, String legalName) {
                Existing row = new Existing(id, code, legalName, facts.get(index));
                for (Object fact : lookups(facts.get(index), keys.get(index))) {
                    accepted.computeIfAbsent(fact, f -> new ArrayList<>()).add(row);
                }
            }
        };
    }

    /** What a row is found by among the batch's accepted rows: its name keys, USCC, phones and domains. */
    private static List<Object> lookups(DuplicateScoring.Facts facts, long[] keys) {
        List<Object> lookups = new ArrayList<>();
        for (long key : keys) {
            lookups.add(key);
        }
        if (facts.uscc() != null) {
            lookups.add("uscc:" + facts.uscc());
        }
        facts.phones().forEach(p -> lookups.add("phone:" + p));
        facts.domains().forEach(d -> lookups.add("domain:" + d));
        return lookups;
    }

    /** Candidates of each customer among the stored ones: one query per kind of fact for all of them. */
    List<List<DuplicateCandidate>> inDatabase(List<CustomerDetails> customers, UUID except) {
        List<DuplicateScoring.Facts> facts = customers.stream().map(DuplicateFinder::facts).toList();
        List<Set<UUID>> ids = new ArrayList<>();
        customers.forEach(c -> ids.add(new LinkedHashSet<>()));

        // by name: the keys of all names at once, the postings' names compared in Java (similarity from 0.5 scores)
        List<long[]> keys = facts.stream().map(f -> MatchKeys.forDuplicates(f.nameNormalised())).toList();
        Set<Long> allKeys = new HashSet<>();
        keys.forEach(k -> { for (long key : k) { allKeys.add(key); } });
        Map<Long, List<CustomerMatchKeyIndex.Posting>> postings = CustomerMatchKeyIndex.byKey(keyIndex.lookup(allKeys));
        for (int i = 0; i < customers.size(); i++) {
            Map<UUID, Double> similar = new HashMap<>();
            Set<UUID> target = ids.get(i);
            for (long key : keys.get(i)) {
                for (CustomerMatchKeyIndex.Posting posting : postings.getOrDefault(key, List.of())) {
                    if (!similar.containsKey(posting.customerId())) {
                        similar.put(posting.customerId(), CompanyNames.similarity(facts.get(i).nameNormalised(), posting.nameNormalised()));
                    }
                }
            }
            similar.entrySet().stream().filter(e -> e.getValue() >= DuplicateScoring.MIN_NAME_SIMILARITY)
                    .sorted(Map.Entry.<UUID, Double>comparingByValue().reversed()).limit(NAME_CANDIDATES)
                    .forEach(e -> target.add(e.getKey()));
        }

        Map<String, List<Integer>> byUscc = index(facts, f -> f.uscc() == null ? List.of() : List.of(f.uscc()));
        if (!byUscc.isEmpty()) {
            jdbc.sql("SELECT uscc, id FROM customer WHERE uscc = ANY (CAST(:values AS TEXT[]))").param("values", textArray(byUscc.keySet()))
                    .query(Hit::of).list().forEach(hit -> byUscc.getOrDefault(hit.value(), List.of()).forEach(i -> ids.get(i).add(hit.id())));
        }
        Map<String, List<Integer>> byPhone = index(facts, DuplicateScoring.Facts::phones);
        if (!byPhone.isEmpty()) {
            jdbc.sql("""
                            SELECT phone, id FROM customer WHERE phone = ANY (CAST(:values AS TEXT[]))
                            UNION ALL SELECT p.number, c.customer_id FROM contact c JOIN contact_phone p ON p.contact_id = c.id
                                  WHERE p.number = ANY (CAST(:values AS TEXT[])) AND c.status = 'ACTIVE'""")
                    .param("values", textArray(byPhone.keySet()))
                    .query(Hit::of).list().forEach(hit -> byPhone.getOrDefault(hit.value(), List.of()).forEach(i -> ids.get(i).add(hit.id())));
        }
        Map<String, List<Integer>> byDomain = index(facts, DuplicateScoring.Facts::domains);
        if (!byDomain.isEmpty()) {
            jdbc.sql("""
                            SELECT split_part(email, '@', 2), id FROM customer WHERE split_part(email, '@', 2) = ANY (CAST(:values AS TEXT[]))
                            UNION ALL SELECT regexp_replace(substring(website FROM '^https?://([^/:]+)'), '^www\\.', ''), id FROM customer
                                  WHERE regexp_replace(substring(website FROM '^https?://([^/:]+)'), '^www\\.', '') = ANY (CAST(:values AS TEXT[]))
                            UNION ALL SELECT split_part(email, '@', 2), customer_id FROM contact
                                  WHERE split_part(email, '@', 2) = ANY (CAST(:values AS TEXT[])) AND status = 'ACTIVE'""")
                    .param("values", textArray(byDomain.keySet()))
                    .query(Hit::of).list().forEach(hit -> byDomain.getOrDefault(hit.value(), List.of()).forEach(i -> ids.get(i).add(hit.id())));
        }

        Set<UUID> all = new HashSet<>();
        ids.forEach(set -> { set.remove(except); all.addAll(set); });
        Map<UUID, Existing> existing = existing(all);
        List<List<DuplicateCandidate>> result = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            List<DuplicateCandidate> scored = new ArrayList<>();
            for (UUID id : ids.get(i)) {
                Existing candidate = existing.get(id);
                if (candidate != null) {
                    scored.add(score(facts.get(i), candidate));
                }
            }
            result.add(best(scored));
        }
        return result;
    }

    private List<DuplicateCandidate> best(List<DuplicateCandidate> scored) {
        return scored.stream().filter(candidate -> candidate.score() >= threshold)
                .sorted(Comparator.comparingInt(DuplicateCandidate::score).reversed().thenComparing(DuplicateCandidate::code))
                .toList();
    }

    private static DuplicateCandidate score(DuplicateScoring.Facts facts, Existing candidate) {
        DuplicateScoring.Score score = DuplicateScoring.score(facts, candidate.facts());
        return new DuplicateCandidate(candidate.id(), candidate.code(), candidate.legalName(), score.value(), score.reasons());
    }

    /** The facts of the candidates (in use or archived), with their contacts' phones and email domains. */
    private Map<UUID, Existing> existing(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Existing> existing = new HashMap<>();
        jdbc.sql("""
                        SELECT c.id, c.code, c.legal_name, c.uscc, c.name_normalised, c.phone, c.email, c.website,
                               coalesce((SELECT string_agg(p.number, ',') FROM contact ct JOIN contact_phone p ON p.contact_id = ct.id
                                         WHERE ct.customer_id = c.id AND ct.status = 'ACTIVE'), '') AS contact_phones,
                               coalesce((SELECT string_agg(DISTINCT ct.email, ',') FROM contact ct
                                         WHERE ct.customer_id = c.id AND ct.status = 'ACTIVE' AND ct.email IS NOT NULL), '') AS contact_emails
                        FROM customer c WHERE c.id = ANY (CAST(:ids AS UUID[])) AND c.status IN ('ACTIVE', 'ARCHIVED')""")
                .param("ids", textArray(ids.stream().map(UUID::toString).toList()))
                .query((rs, n) -> {
                    Set<String> phones = new HashSet<>(split(rs.getString("contact_phones")));
                    if (rs.getString("phone") != null) {
                        phones.add(rs.getString("phone"));
                    }
                    Set<String> domains = new HashSet<>();
                    addDomain(domains, EmailAddresses.companyDomain(rs.getString("email")));
                    addDomain(domains, DuplicateScoring.websiteDomain(rs.getString("website")));
                    split(rs.getString("contact_emails")).forEach(email -> addDomain(domains, EmailAddresses.companyDomain(email)));
                    UUID id = rs.getObject("id", UUID.class);
                    return existing.put(id, new Existing(id, rs.getString("code"), rs.getString("legal_name"),
                            new DuplicateScoring.Facts(rs.getString("uscc"), rs.getString("name_normalised"), phones, domains)));
                })
                .list();
        return existing;
    }

    private static Map<String, List<Integer>> index(List<DuplicateScoring.Facts> facts,
                                                    java.util.function.Function<DuplicateScoring.Facts, Collection<String>> values) {
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i = 0; i < facts.size(); i++) {
            for (String value : values.apply(facts.get(i))) {
                index.computeIfAbsent(value, v -> new ArrayList<>()).add(i);
            }
        }
        return index;
    }

    /** A PostgreSQL array literal of texts, each quoted (commas, quotes and backslashes are safe). */
    static String textArray(Collection<String> values) {
        StringJoiner array = new StringJoiner(",", "{", "}");
        values.forEach(v -> array.add("\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return array.toString();
    }

    static DuplicateScoring.Facts facts(CustomerDetails customer) {
        Set<String> domains = new HashSet<>();
        addDomain(domains, EmailAddresses.companyDomain(customer.email()));
        addDomain(domains, DuplicateScoring.websiteDomain(customer.website()));
        return new DuplicateScoring.Facts(customer.uscc(), CompanyNames.normalise(customer.legalName()),
                customer.phone() == null ? Set.of() : Set.of(customer.phone()), domains);
    }

    private static void addDomain(Set<String> domains, String domain) {
        if (domain != null && !EmailAddresses.PUBLIC_DOMAINS.contains(domain)) {
            domains.add(domain);
        }
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
