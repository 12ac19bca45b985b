package org.crmsuite.customer.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.customer.events.CustomerArchived;
import org.crmsuite.customer.events.CustomerCreated;
import org.crmsuite.customer.events.CustomerLifecycleStageChanged;
import org.crmsuite.customer.events.CustomerSnapshot;
import org.crmsuite.customer.events.CustomerUpdated;
import org.crmsuite.customer.history.ChangeHistory;
import org.crmsuite.platform.outbox.Outbox;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.platform.web.ProblemType;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers, changes and finds customers; every change, its history and its event commit together. */
@Service
public class CustomerRegistry {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CustomerRegistry.class);

    /** Group structures deeper than this are refused: real ones have three or four levels. */
    static final int MAX_GROUP_DEPTH = 20;

    /** The facts duplicate detection compares: changing one of them on update runs the check again. */
    static final Set<String> MATCHED_FIELDS = Set.of("legalName", "uscc", "phone", "email", "website");

    private final CustomerRepository customers;
    private final Outbox outbox;
    private final ChangeHistory history;
    private final EntityManager entities;
    private final CustomerNameIndex nameIndex;
    private final DuplicateCheck duplicates;
    private final IdempotencyKeys idempotencyKeys;
    private final org.springframework.context.ApplicationEventPublisher registrations;
    private final CustomerMatchKeyIndex matchKeys;
    private final CustomerCopy copy;
    private final org.springframework.beans.factory.ObjectProvider<BulkRegistrationAnnouncements> bulkAnnouncements;

    CustomerRegistry(CustomerRepository customers, Outbox outbox, ChangeHistory history, EntityManager entities,
                     CustomerNameIndex nameIndex, DuplicateCheck duplicates, IdempotencyKeys idempotencyKeys,
                     org.springframework.context.ApplicationEventPublisher registrations, CustomerMatchKeyIndex matchKeys,
                     CustomerCopy copy, org.springframework.beans.factory.ObjectProvider<BulkRegistrationAnnouncements> bulkAnnouncements) {
        this.copy = copy;
        this.bulkAnnouncements = bulkAnnouncements;
        this.registrations = registrations;
        this.matchKeys = matchKeys;
        this.duplicates = duplicates;
        this.idempotencyKeys = idempotencyKeys;
        this.entities = entities;
        this.nameIndex = nameIndex;
        this.customers = customers;
        this.outbox = outbox;
        this.history = history;
    }

    /** An {@code Idempotency-Key} and the fingerprint (SHA-256) of the request it came with. */
    public record IdempotencyKey(String key, String requestHash) {
    }

    /** The customer, and whether it was registered by an earlier request with the same idempotency key. */
    public record Registration(Customer customer, boolean replayed) {
    }

    /**
     * Registers like {@link #register(CustomerDetails, LifecycleStage, String, String, boolean, CurrentUser)}, once per
     * idempotency key and caller: a repeat (also a concurrent one, which waits for the first to commit) answers the
     * customer registered the first time and records nothing; the same key with another request is refused.
     */
    @Transactional
    public Registration register(IdempotencyKey key, CustomerDetails data, LifecycleStage stage, String ownerId, String department,
                                 boolean createAnyway, CurrentUser user) {
        CustomerVisibility.requireWriter(user);
        java.util.Optional<IdempotencyKeys.Earlier> earlier = idempotencyKeys.claim(user.id(), key.key(), key.requestHash());
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(key.requestHash())) {
                throw new CrmProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "idempotency key \"" + key.key()
                        + "\" was already used with a different request; use a new key for a new request");
            }
            Customer first = customers.findById(earlier.get().customerId())
                    .orElseThrow(() -> CrmProblemException.notFound("customer", earlier.get().customerId()));
            return new Registration(first, true);
        }
        Customer customer = register(data, stage, ownerId, department, createAnyway, user);
        idempotencyKeys.complete(user.id(), key.key(), customer.id());
        return new Registration(customer, false);
    }

    /** Possible duplicates of a customer about to be registered (same USCC included, score 100); creates nothing. */
    @Transactional(readOnly = true)
    public List<DuplicateCandidate> duplicateCandidates(CustomerDetails data, CurrentUser user) {
        CustomerVisibility.requireWriter(user);
        return duplicates.candidates(data, null);
    }

    @Transactional
    public Customer register(CustomerDetails data, LifecycleStage stage, String ownerId, String department, boolean createAnyway,
                             CurrentUser user) {
        CustomerVisibility.requireWriter(user);
        requireUniqueUscc(data.uscc(), null);
        List<DuplicateCandidate> candidates = duplicates.candidates(data, null);
        if (!candidates.isEmpty() && !createAnyway) {
            throw new CrmProblemException(ProblemType.CONFLICT, candidates.size() + " existing customer(s) may be the same company; "
                    + "check the candidates, or send \"createAnyway\": true if this is a different company", List.of(),
                    Map.of("conflict", "possible-duplicates", "candidates", candidates));
        }
        LifecycleStage initial = stage == null ? LifecycleStage.PROSPECT : stage;
        String owner = ownerId == null ? user.id() : ownerId;
        String dept = department == null ? user.primaryDepartment() : department;
        requireStage(initial, new StageRequirements.Facts(data.uscc(), data.foreignCompany(), owner, dept, data.industry(),
                data.province(), data.city()));
        Customer customer = persistNew(data, initial, owner, dept, user);
        if (!candidates.isEmpty()) {
            duplicates.flag(customer.id(), candidates);
        }
        return customer;
    }

    private Customer persistNew(CustomerDetails data, LifecycleStage initial, String owner, String dept, CurrentUser user) {
        String code = "C-%06d".formatted(customers.nextCodeNumber());
        Customer customer = Customer.register(code, data, initial, owner, dept);
        requireValidParent(customer.id(), data.parentId());
        entities.persist(customer);
        entities.flush();
        history.record(customer.id(), ChangeHistory.EntityType.CUSTOMER, customer.id(), createdFields(customer), user.id(), customer.createdAt());
        outbox.record(created(customer));
        matchKeys.index(customer.id(), customer.nameNormalised());
        registrations.publishEvent(new CustomerRegistered(customer.id(), customer.uscc()));
        registrations.publishEvent(CustomersChanged.of(customer));
        return customer;
    }

    private static List<FieldChange> createdFields(Customer customer) {
        return Customer.diff(Map.of(), customer.fields()).stream()
                .filter(c -> c.to() != null && !"[]".equals(String.valueOf(c.to())) && !Boolean.FALSE.equals(c.to())).toList();
    }

    private static CustomerCreated created(Customer customer) {
        return new CustomerCreated(customer.id(), customer.code(), customer.legalName(), customer.shortName(),
                customer.uscc(), customer.lifecycleStage().name(), customer.valueTier().name(), customer.status().name(),
                customer.ownerId(), customer.department(), customer.createdAt(), customer.foreignCompany(), customer.industry(),
                customer.size() == null ? null : customer.size().name(), address(customer), customer.phone(), customer.email(),
                customer.website(), customer.parentId(), customer.tags());
    }

    private static CustomerSnapshot.Address address(Customer customer) {
        return new CustomerSnapshot.Address(customer.province(), customer.city(), customer.district(), customer.street());
    }

    /** The customer's facts after a change, for {@code crm.customer.updated.v1} . */
    public CustomerSnapshot snapshot(Customer customer) {
        return new CustomerSnapshot(customer.legalName(), customer.shortName(), customer.uscc(), customer.foreignCompany(),
                customer.industry(), customer.size() == null ? null : customer.size().name(), address(customer), customer.phone(),
                customer.email(), customer.website(), customer.parentId(), customer.lifecycleStage().name(), customer.valueTier().name(),
                customer.status().name(), customer.tags(), customer.ownerId(), customer.department(), customer.lastOrderAt());
    }

    /**
     * Registers many customers the caller has already standardised and checked (the CSV import): codes are reserved in
     * one query, the customers and their tags written with COPY ({@link CustomerCopy}; they are never managed by JPA)
     * with their first announced quality score ({@link BulkRegistrationAnnouncements}), their history and events in
     * one statement or batch each, their match keys with COPY, and parked orders looked up once. Joins the caller's
     * transaction.
     */
    public BatchRegistration batchRegistration(int expected, CurrentUser user) {
        return new BatchRegistration(expected, user);
    }

    public final class BatchRegistration {

        private final java.util.ArrayDeque<Long> codes;
        private final List<Customer> added = new ArrayList<>();
        private final CurrentUser user;

        private BatchRegistration(int expected, CurrentUser user) {
            this.user = user;
            this.codes = new java.util.ArrayDeque<>(expected <= 0 ? List.of() : entities.createNativeQuery(
                            "SELECT nextval('customer_code_seq') FROM generate_series(1, " + expected + ")")
                    .getResultList().stream().map(n -> ((Number) n).longValue()).toList());
        }

        /** A new customer with its id and code, written by {@link #persist()}; fails like a registration on a bad parent. */
        public Customer add(CustomerDetails data, LifecycleStage initial, String owner, String dept) {
            String code = "C-%06d".formatted(codes.isEmpty() ? customers.nextCodeNumber() : codes.poll());
            Customer customer = Customer.register(code, data, initial, owner, dept);
            requireValidParent(customer.id(), data.parentId());
            added.add(customer);
            return customer;
        }

        /** Writes the added customers in the caller's transaction. */
        public List<Customer> persist() {
            if (added.isEmpty()) {
                return List.of();
            }
            long t0 = System.nanoTime();
            entities.flush(); // anything JPA still holds goes first, in statement order
            copy.markCreated(added); // the announcements score the audited customers (timeliness reads the dates)
            BulkRegistrationAnnouncements announcements = bulkAnnouncements.getIfAvailable();
            BulkRegistrationAnnouncements.Prepared announced = announcements == null ? null : announcements.prepare(added);
            copy.insert(added, announced == null ? id -> null : announced::announcedScore);
            long t1 = System.nanoTime();
            history.recordAll(added.stream().map(c -> new ChangeHistory.Changes(c.id(), ChangeHistory.EntityType.CUSTOMER, c.id(),
                    createdFields(c), user.id(), c.createdAt())).toList());
            long t2 = System.nanoTime();
            outbox.recordAll(added.stream().map(CustomerRegistry::created).toList());
            long t3 = System.nanoTime();
            // announced before the parked orders: an order that moves a new customer's stage announces its new score after it
            if (announced != null) {
                announced.record();
            } else {
                registrations.publishEvent(new CustomersChanged(List.copyOf(added)));
            }
            long t4 = System.nanoTime();
            Map<UUID, String> names = new LinkedHashMap<>();
            added.forEach(c -> names.put(c.id(), c.nameNormalised()));
            matchKeys.indexNew(names);
            long t5 = System.nanoTime();
            registrations.publishEvent(new CustomersRegistered(added.stream().map(c -> new CustomerRegistered(c.id(), c.uscc())).toList()));
            if (log.isDebugEnabled()) {
                log.debug("registered {} customers: insert {} ms, history {} ms, outbox {} ms, quality scores {} ms, keys {} ms, "
                                + "parked orders {} ms", added.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                        (t4 - t3) / 1_000_000, (t5 - t4) / 1_000_000, (System.nanoTime() - t5) / 1_000_000);
            }
            return List.copyOf(added);
        }
    }

    @Transactional
    public Customer update(UUID id, long expectedVersion, CustomerDetails data, String ownerId, String department, boolean saveAnyway,
                           CurrentUser user) {
        CustomerVisibility.requireWriter(user);
        Customer customer = workable(id, expectedVersion, user);
        requireUniqueUscc(data.uscc(), id);
        requireValidParent(id, data.parentId());
        List<FieldChange> changes = customer.update(data, ownerId, department);
        if (changes.isEmpty()) {
            return customer;
        }
        requireStage(customer.lifecycleStage(), customer.facts());
        if (changes.stream().anyMatch(c -> MATCHED_FIELDS.contains(c.field()))) {
            List<DuplicateCandidate> candidates = duplicates.candidates(data, id);
            if (!candidates.isEmpty() && !saveAnyway) {
                throw new CrmProblemException(ProblemType.CONFLICT, candidates.size() + " other customer(s) may be the same company "
                        + "after this change; check the candidates, or send \"saveAnyway\": true if this is a different company",
                        List.of(), Map.of("conflict", "possible-duplicates", "candidates", candidates));
            }
            if (!candidates.isEmpty()) {
                duplicates.flag(id, candidates);
            }
        }
        customer = customers.saveAndFlush(customer);
        if (changes.stream().anyMatch(c -> "legalName".equals(c.field()))) {
            matchKeys.index(id, customer.nameNormalised());
        }
        history.record(id, ChangeHistory.EntityType.CUSTOMER, id, changes, user.id(), customer.updatedAt());
        Map<String, Object> newValues = new LinkedHashMap<>();
        changes.forEach(c -> newValues.put(c.field(), c.to() instanceof Enum<?> e ? e.name() : c.to()));
        outbox.record(new CustomerUpdated(id, customer.code(), customer.version(),
                changes.stream().map(FieldChange::field).toList(), newValues, user.id(), customer.updatedAt(), snapshot(customer)));
        registrations.publishEvent(CustomersChanged.of(customer));
        return customer;
    }

    @Transactional
    public Customer changeStage(UUID id, long expectedVersion, LifecycleStage target, String reason, CurrentUser user) {
        CustomerVisibility.requireWriter(user);
        Customer customer = workable(id, expectedVersion, user);
        LifecycleStage from = customer.lifecycleStage();
        if (from == target) {
            return customer;
        }
        if (!from.mayMoveTo(target)) {
            throw CrmProblemException.ruleViolated("a customer in stage " + from + " cannot move to " + target
                    + "; possible next stages: " + from.next(), List.of(new FieldViolation("stage", "not reachable from " + from)));
        }
        List<FieldViolation> missing = new ArrayList<>(StageRequirements.missing(target, customer.facts()));
        if (StageRequirements.needsReason(target) && (reason == null || reason.isBlank())) {
            missing.add(new FieldViolation("reason", "required when moving to " + target));
        }
        if (!missing.isEmpty()) {
            throw CrmProblemException.ruleViolated("the customer lacks what stage " + target + " requires", missing);
        }
        return applyStage(customer, from, target, reason, user.id());
    }

    /**
     * A stage change the suite makes by itself (an ERP order activates a prospect), in the caller's transaction, through
     * the same rules, history and event as {@link #changeStage}; no version check (the rule reads the current state).
     *
     * @return false, changing nothing, when the customer is not workable, the move is not allowed from its stage, or it
     *         lacks what the target stage requires (the reason why is in {@code refused})
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public boolean changeStageAutomatically(UUID id, LifecycleStage target, String reason, String actor, List<String> refused) {
        Customer customer = customers.findById(id).orElse(null);
        if (customer == null || !customer.isWorkable()) {
            refused.add("customer " + id + " is not workable");
            return false;
        }
        LifecycleStage from = customer.lifecycleStage();
        if (from == target || !from.mayMoveTo(target)) {
            refused.add("stage " + from + " cannot move to " + target);
            return false;
        }
        List<FieldViolation> missing = StageRequirements.missing(target, customer.facts());
        if (!missing.isEmpty()) {
            refused.add("lacks for " + target + ": " + missing.stream().map(FieldViolation::field).toList());
            return false;
        }
        applyStage(customer, from, target, reason, actor);
        return true;
    }

    private Customer applyStage(Customer customer, LifecycleStage from, LifecycleStage target, String reason, String actor) {
        UUID id = customer.id();
        FieldChange change = customer.changeStage(target, reason);
        customer = customers.saveAndFlush(customer);
        history.record(id, ChangeHistory.EntityType.CUSTOMER, id, List.of(change), actor, customer.updatedAt());
        outbox.record(new CustomerLifecycleStageChanged(id, customer.code(), customer.version(), from.name(), target.name(),
                reason, actor, customer.updatedAt()));
        registrations.publishEvent(CustomersChanged.of(customer));
        return customer;
    }

    /**
     * Archives a customer. We never hard-delete: tickets, deals and invoices of other services keep pointing at the
     * record (even open tickets: ticket-service marks its snapshot archived and the agents finish their work).
     */
    @Transactional
    public Customer archive(UUID id, long expectedVersion, String reason, CurrentUser user) {
        CustomerVisibility.requireAny(user, CustomerVisibility.ARCHIVERS, "archive customers");
        Customer customer = workable(id, expectedVersion, user);
        FieldChange change = customer.archive(reason);
        customer = customers.saveAndFlush(customer);
        history.record(id, ChangeHistory.EntityType.CUSTOMER, id, List.of(change), user.id(), customer.updatedAt());
        outbox.record(new CustomerArchived(id, customer.code(), customer.version(), reason, user.id(), customer.updatedAt()));
        registrations.publishEvent(CustomersChanged.of(customer));
        return customer;
    }

    /** Brings an archived customer back into use (told to the world as an update of its status). */
    @Transactional
    public Customer restore(UUID id, long expectedVersion, CurrentUser user) {
        CustomerVisibility.requireAny(user, CustomerVisibility.ARCHIVERS, "restore customers");
        Customer customer = visible(id, user);
        IfMatch.require("customer", id, expectedVersion, customer.version());
        if (customer.status() != CustomerStatus.ARCHIVED) {
            throw CrmProblemException.ruleViolated("only an archived customer can be restored; this one is " + customer.status(), List.of());
        }
        FieldChange change = customer.restore();
        customer = customers.saveAndFlush(customer);
        history.record(id, ChangeHistory.EntityType.CUSTOMER, id, List.of(change), user.id(), customer.updatedAt());
        Map<String, Object> newValues = new LinkedHashMap<>();
        newValues.put("status", customer.status().name());
        outbox.record(new CustomerUpdated(id, customer.code(), customer.version(), List.of("status"), newValues, user.id(),
                customer.updatedAt(), snapshot(customer)));
        registrations.publishEvent(CustomersChanged.of(customer));
        return customer;
    }

    /** The facts were confirmed with the customer (writers; archived and merged customers too, it is only an observation). */
    @Transactional
    public Customer verify(UUID id, ContactChannel via, CurrentUser user) {
        CustomerVisibility.requireWriter(user);
        Customer customer = visible(id, user);
        List<FieldChange> changes = customer.verify(user.id(), via, Instant.now());
        customer = customers.saveAndFlush(customer);
        history.record(id, ChangeHistory.EntityType.CUSTOMER, id, changes, user.id(), customer.updatedAt());
        registrations.publishEvent(CustomersChanged.of(customer));
        return customer;
    }

    @Transactional(readOnly = true)
    public Customer get(UUID id, CurrentUser user) {
        return visible(id, user);
    }

    @Transactional(readOnly = true)
    public Page<Customer> list(CurrentUser user, CustomerSearch search, Pageable page) {
        Specification<Customer> filter = filter(search);
        Pageable sorted = page.getSort().isSorted() ? page
                : PageRequest.of(page.getPageNumber(), page.getPageSize(), Sort.by("legalName"));
        return customers.findAll(CustomerVisibility.visibleTo(user).and(filter), sorted);
    }

    /**
     * Fuzzy search by name: the best name matches that pass the filters, ranked by how well the name matches
     * (or in the requested order when a sort is given).
     */
    @Transactional(readOnly = true)
    public Page<Customer> search(CurrentUser user, String q, CustomerSearch search, Pageable page) {
        Specification<Customer> filter = filter(search);
        List<CustomerNameIndex.NameMatch> matches = nameIndex.matches(q);
        if (matches.isEmpty()) {
            return Page.empty(page);
        }
        Map<UUID, Double> scores = new LinkedHashMap<>();
        matches.forEach(m -> scores.put(m.id(), m.score()));
        Specification<Customer> matching = CustomerVisibility.visibleTo(user).and(filter)
                .and((root, query, cb) -> root.get("id").in(scores.keySet()));
        if (page.getSort().isSorted()) {
            return customers.findAll(matching, page);
        }
        List<Customer> ranked = customers.findAll(matching).stream()
                .sorted(Comparator.comparingDouble((Customer c) -> scores.get(c.id())).reversed().thenComparing(Customer::legalName))
                .toList();
        int from = (int) Math.min(page.getOffset(), ranked.size());
        int to = Math.min(from + page.getPageSize(), ranked.size());
        return new PageImpl<>(ranked.subList(from, to), page, ranked.size());
    }

    private Specification<Customer> filter(CustomerSearch search) {
        String phone = search.phoneE164();
        return search.toSpecification(phone == null ? Set.of() : customers.withContactPhone(phone));
    }

    Customer visible(UUID id, CurrentUser user) {
        Customer customer = customers.findById(id).orElseThrow(() -> CrmProblemException.notFound("customer", id));
        CustomerVisibility.ACCESS.requireSee(user, customer.ownerId(), customer.department());
        return customer;
    }

    /** A customer the caller may see, at the version they edited, still in use (not archived, merged or erased). */
    private Customer workable(UUID id, long expectedVersion, CurrentUser user) {
        Customer customer = visible(id, user);
        IfMatch.require("customer", id, expectedVersion, customer.version());
        if (!customer.isWorkable()) {
            throw CrmProblemException.ruleViolated("customer " + customer.code() + " is " + customer.status()
                    + " and cannot be changed" + (customer.status() == CustomerStatus.ARCHIVED ? "; restore it first" : ""), List.of());
        }
        return customer;
    }

    /** A USCC identifies one legal entity: a second record with it is never allowed, not even with createAnyway. */
    private void requireUniqueUscc(String uscc, UUID except) {
        if (uscc == null) {
            return;
        }
        customers.findOne((root, query, cb) -> except == null
                ? cb.equal(root.get("uscc"), uscc)
                : cb.and(cb.equal(root.get("uscc"), uscc), cb.notEqual(root.get("id"), except))).ifPresent(existing -> {
            throw new CrmProblemException(ProblemType.CONFLICT, "customer " + existing.code() + " already has unified social credit code "
                    + uscc, List.of(new FieldViolation("uscc", "already used by " + existing.code())),
                    Map.of("conflict", "same-uscc", "candidates", List.of(new DuplicateCandidate(existing.id(), existing.code(),
                            existing.legalName(), 100, List.of("same unified social credit code " + uscc)))));
        });
    }

    public static void requireStage(LifecycleStage stage, StageRequirements.Facts facts) {
        List<FieldViolation> missing = StageRequirements.missing(stage, facts);
        if (!missing.isEmpty()) {
            throw CrmProblemException.ruleViolated("the customer lacks what stage " + stage + " requires", missing);
        }
    }

    /** The parent exists, is in use, and the group structure stays a tree (a company is never its own ancestor). */
    private void requireValidParent(UUID id, UUID parentId) {
        if (parentId == null) {
            return;
        }
        UUID current = parentId;
        for (int depth = 0; current != null; depth++) {
            if (current.equals(id)) {
                throw CrmProblemException.ruleViolated("a customer cannot be its own parent or ancestor",
                        List.of(new FieldViolation("parentId", "would make a cycle in the group structure")));
            }
            if (depth >= MAX_GROUP_DEPTH) {
                throw CrmProblemException.ruleViolated("the group structure would be deeper than " + MAX_GROUP_DEPTH + " levels",
                        List.of(new FieldViolation("parentId", "too deep")));
            }
            UUID lookup = current;
            Customer ancestor = customers.findById(lookup).orElseThrow(() -> CrmProblemException.invalid("parentId",
                    "customer " + lookup + " does not exist"));
            if (depth == 0 && !ancestor.isWorkable()) {
                throw CrmProblemException.invalid("parentId", "customer " + ancestor.code() + " is " + ancestor.status());
            }
            current = ancestor.parentId();
        }
    }
}
