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

    /**
     * Candidates of each customer among the stored ones: one query per kind of fact for all of them. The contacts'
     * phones and email domains of a candidate are read only when they can change its score for some row: when it was
     * found by that row's USCC, phone or domain, or the row has a domain. A candidate found by name alone cannot share
     * a phone or USCC with the row (the phone and USCC queries would have found it, they compare the same values), so
     * its score, reasons included, is the same without them.
     */
    List<List<DuplicateCandidate>> inDatabase(List<CustomerDetails> customers, UUID except) {
        List<DuplicateScoring.Facts> facts = customers.stream().map(DuplicateFinder::facts).toList();
        List<Set<UUID>> ids = new ArrayList<>();
        List<Set<UUID>> byFact = new ArrayList<>(); // found by USCC, phone or domain: scored with the contacts' facts
        customers.forEach(c -> { ids.add(new LinkedHashSet<>()); byFact.add(new HashSet<>()); });

        // by name: the keys of all names at once, the postings' names compared in Java (similarity from 0.5 scores);
        // each distinct name's grams are computed once per batch (the same similarity, far less work)
        List<long[]> keys = facts.stream().map(f -> MatchKeys.forDuplicates(f.nameNormalised())).toList();
        Set<Long> allKeys = new HashSet<>();
        keys.forEach(k -> { for (long key : k) { allKeys.add(key); } });
        // The key table is read alone (index-only), then each distinct customer's facts once: a customer shares several
        // keys with a similar name, so joining per posting visited its row several times, and again to score it.
        Map<Long, List<UUID>> postings = keyIndex.customerIds(allKeys);
        Set<UUID> posted = new HashSet<>();
        postings.values().forEach(posted::addAll);
        Map<UUID, Existing> own = new HashMap<>(existing(posted)); // in use or archived only, as candidates must be
        Map<String, CompanyNames.Gramed> names = new HashMap<>();
        for (int i = 0; i < customers.size(); i++) {
            Map<UUID, Double> similar = new HashMap<>();
            Set<UUID> target = ids.get(i);
            CompanyNames.Gramed name = new CompanyNames.Gramed(facts.get(i).nameNormalised());
            for (long key : keys.get(i)) {
                for (UUID customerId : postings.getOrDefault(key, List.of())) {
                    Existing posting = own.get(customerId);
                    if (posting != null && !similar.containsKey(customerId)) {
                        similar.put(customerId, CompanyNames.similarity(name,
                                names.computeIfAbsent(posting.facts().nameNormalised(), CompanyNames.Gramed::new)));
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
                    .query(Hit::of).list().forEach(hit -> byUscc.getOrDefault(hit.value(), List.of()).forEach(i -> found(ids, byFact, i, hit.id())));
        }
        Map<String, List<Integer>> byPhone = index(facts, DuplicateScoring.Facts::phones);
        if (!byPhone.isEmpty()) {
            jdbc.sql("""
                            SELECT phone, id FROM customer WHERE phone = ANY (CAST(:values AS TEXT[]))
                            UNION ALL SELECT p.number, c.customer_id FROM contact c JOIN contact_phone p ON p.contact_id = c.id
                                  WHERE p.number = ANY (CAST(:values AS TEXT[])) AND c.status = 'ACTIVE'""")
                    .param("values", textArray(byPhone.keySet()))
                    .query(Hit::of).list().forEach(hit -> byPhone.getOrDefault(hit.value(), List.of()).forEach(i -> found(ids, byFact, i, hit.id())));
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
                    .query(Hit::of).list().forEach(hit -> byDomain.getOrDefault(hit.value(), List.of()).forEach(i -> found(ids, byFact, i, hit.id())));
        }

        Set<UUID> all = new HashSet<>();
        Set<UUID> withContacts = new HashSet<>();
        for (int i = 0; i < customers.size(); i++) {
            ids.get(i).remove(except);
            all.addAll(ids.get(i));
            withContacts.addAll(facts.get(i).domains().isEmpty() ? byFact.get(i) : ids.get(i));
        }
        withContacts.remove(except);
        Set<UUID> missing = new HashSet<>(all);
        missing.removeAll(posted);
        own.putAll(existing(missing));
        Map<UUID, Existing> full = withContacts(own, withContacts);
        List<List<DuplicateCandidate>> result = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            boolean domains = !facts.get(i).domains().isEmpty();
            List<DuplicateCandidate> scored = new ArrayList<>();
            for (UUID id : ids.get(i)) {
                Existing candidate = domains || byFact.get(i).contains(id) ? full.get(id) : own.get(id);
                if (candidate != null) {
                    scored.add(score(facts.get(i), candidate));
                }
            }
            result.add(best(scored));
        }
        return result;
    }

    private static void found(List<Set<UUID>> ids, List<Set<UUID>> byFact, int row, UUID id) {
        ids.get(row).add(id);
        byFact.get(row).add(id);
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

    /** The candidates (in use or archived) with their own facts: name, USCC, phone, email and web domain. */
    private Map<UUID, Existing> existing(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Existing> existing = new HashMap<>();
        jdbc.sql("""
                        SELECT c.id, c.code, c.legal_name, c.uscc, c.name_normalised, c.phone, c.email, c.website
                        FROM customer c WHERE c.id = ANY (CAST(:ids AS UUID[])) AND c.status IN ('ACTIVE', 'ARCHIVED')""")
                .param("ids", textArray(ids.stream().map(UUID::toString).toList()))
                .query((rs, n) -> {
                    Set<String> phones = new HashSet<>();
                    if (rs.getString("phone") != null) {
                        phones.add(rs.getString("phone"));
                    }
                    Set<String> domains = new HashSet<>();
                    addDomain(domains, EmailAddresses.companyDomain(rs.getString("email")));
                    addDomain(domains, DuplicateScoring.websiteDomain(rs.getString("website")));
                    UUID id = rs.getObject("id", UUID.class);
                    return existing.put(id, new Existing(id, rs.getString("code"), rs.getString("legal_name"),
                            new DuplicateScoring.Facts(rs.getString("uscc"), rs.getString("name_normalised"), phones, domains)));
                })
                .list();
        return existing;
    }

    /** These candidates' facts with their active contacts' phones and email domains added. */
    private Map<UUID, Existing> withContacts(Map<UUID, Existing> own, Set<UUID> ids) {
        List<String> wanted = ids.stream().filter(own::containsKey).map(UUID::toString).toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Set<String>> phones = new HashMap<>();
        Map<UUID, Set<String>> domains = new HashMap<>();
        for (String id : wanted) {
            Existing e = own.get(UUID.fromString(id));
            phones.put(e.id(), new HashSet<>(e.facts().phones()));
            domains.put(e.id(), new HashSet<>(e.facts().domains()));
        }
        String array = textArray(wanted);
        jdbc.sql("""
                        SELECT ct.customer_id, p.number FROM contact ct JOIN contact_phone p ON p.contact_id = ct.id
                        WHERE ct.customer_id = ANY (CAST(:ids AS UUID[])) AND ct.status = 'ACTIVE'""")
                .param("ids", array)
                .query((rs, n) -> phones.get(rs.getObject(1, UUID.class)).add(rs.getString(2))).list();
        jdbc.sql("""
                        SELECT customer_id, email FROM contact
                        WHERE customer_id = ANY (CAST(:ids AS UUID[])) AND status = 'ACTIVE' AND email IS NOT NULL""")
                .param("ids", array)
                .query((rs, n) -> {
                    addDomain(domains.get(rs.getObject(1, UUID.class)), EmailAddresses.companyDomain(rs.getString(2)));
                    return null;
                }).list();
        Map<UUID, Existing> full = new HashMap<>();
        phones.forEach((id, p) -> {
            Existing e = own.get(id);
            full.put(id, new Existing(id, e.code(), e.legalName(),
                    new DuplicateScoring.Facts(e.facts().uscc(), e.facts().nameNormalised(), p, domains.get(id))));
        });
        return full;
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
}
