package org.crmsuite.customer.dedup;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.crmsuite.customer.config.CustomerProperties;
import org.crmsuite.customer.customer.CustomerDetails;
import org.crmsuite.customer.customer.CustomerNameIndex;
import org.crmsuite.customer.customer.CompanyNames;
import org.crmsuite.customer.customer.DuplicateCandidate;
import org.crmsuite.customer.customer.DuplicateCheck;
import org.crmsuite.customer.customer.EmailAddresses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Duplicate candidates for a customer: gathered through indexes by USCC, similar name, phone (the customer's or a
 * contact's) and company email or web domain, then scored by {@link DuplicateScoring}. Merged and erased customers
 * are never candidates; archived ones are (restoring beats registering twice).
 */
@Component
class DuplicateFinder implements DuplicateCheck {

    static final int NAME_CANDIDATES = 20;

    private final JdbcClient jdbc;
    private final CustomerNameIndex names;
    private final int threshold;
    private final ObjectProvider<DuplicateReviewQueue> queue;

    DuplicateFinder(JdbcClient jdbc, CustomerNameIndex names, CustomerProperties properties, ObjectProvider<DuplicateReviewQueue> queue) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.names = names;
        this.threshold = properties.duplicateThreshold();
    }

    @Override
    public List<DuplicateCandidate> candidates(CustomerDetails customer, UUID except) {
        DuplicateScoring.Facts facts = facts(customer);
        Set<UUID> ids = new LinkedHashSet<>();
        if (customer.uscc() != null) {
            ids.addAll(jdbc.sql("SELECT id FROM customer WHERE uscc = :uscc").param("uscc", customer.uscc()).query(UUID.class).list());
        }
        names.matches(customer.legalName()).stream().filter(m -> m.similarity() >= DuplicateScoring.MIN_NAME_SIMILARITY)
                .limit(NAME_CANDIDATES).forEach(m -> ids.add(m.id()));
        for (String phone : facts.phones()) {
            ids.addAll(jdbc.sql("""
                            SELECT id FROM customer WHERE phone = :phone
                            UNION SELECT c.customer_id FROM contact c JOIN contact_phone p ON p.contact_id = c.id
                                  WHERE p.number = :phone AND c.status = 'ACTIVE'""")
                    .param("phone", phone).query(UUID.class).list());
        }
        for (String domain : facts.domains()) {
            ids.addAll(jdbc.sql("""
                            SELECT id FROM customer WHERE split_part(email, '@', 2) = :domain
                               OR regexp_replace(substring(website FROM '^https?://([^/:]+)'), '^www\\.', '') = :domain
                            UNION SELECT customer_id FROM contact WHERE split_part(email, '@', 2) = :domain AND status = 'ACTIVE'""")
                    .param("domain", domain).query(UUID.class).list());
        }
        ids.remove(except);
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT c.id, c.code, c.legal_name, c.uscc, c.name_normalised, c.phone, c.email, c.website,
                               coalesce((SELECT string_agg(p.number, ',') FROM contact ct JOIN contact_phone p ON p.contact_id = ct.id
                                         WHERE ct.customer_id = c.id AND ct.status = 'ACTIVE'), '') AS contact_phones,
                               coalesce((SELECT string_agg(DISTINCT ct.email, ',') FROM contact ct
                                         WHERE ct.customer_id = c.id AND ct.status = 'ACTIVE' AND ct.email IS NOT NULL), '') AS contact_emails
                        FROM customer c WHERE c.id IN (:ids) AND c.status IN ('ACTIVE', 'ARCHIVED')""")
                .param("ids", List.copyOf(ids))
                .query((rs, n) -> {
                    Set<String> phones = new HashSet<>(split(rs.getString("contact_phones")));
                    if (rs.getString("phone") != null) {
                        phones.add(rs.getString("phone"));
                    }
                    Set<String> domains = new HashSet<>();
                    addDomain(domains, EmailAddresses.companyDomain(rs.getString("email")));
                    addDomain(domains, DuplicateScoring.websiteDomain(rs.getString("website")));
                    split(rs.getString("contact_emails")).forEach(email -> addDomain(domains, EmailAddresses.companyDomain(email)));
                    DuplicateScoring.Score score = DuplicateScoring.score(facts, new DuplicateScoring.Facts(rs.getString("uscc"),
                            rs.getString("name_normalised"), phones, domains));
                    return new DuplicateCandidate(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("legal_name"),
                            score.value(), score.reasons());
                })
                .list().stream()
                .filter(candidate -> candidate.score() >= threshold)
                .sorted(Comparator.comparingInt(DuplicateCandidate::score).reversed().thenComparing(DuplicateCandidate::code))
                .toList();
    }

    @Override
    public void flag(UUID customerId, List<DuplicateCandidate> candidates) {
        queue.getObject().flag(customerId, candidates);
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
