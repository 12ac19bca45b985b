package org.crmsuite.customer.contact;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.customer.customer.Customer;
import org.crmsuite.customer.customer.CustomerRegistry;
import org.crmsuite.customer.customer.CustomerVisibility;
import org.crmsuite.customer.customer.FieldChange;
import org.crmsuite.customer.events.ContactAdded;
import org.crmsuite.customer.events.ContactErased;
import org.crmsuite.customer.events.ContactUpdated;
import org.crmsuite.customer.history.ChangeHistory;
import org.crmsuite.platform.outbox.Outbox;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people at a customer: adding, changing, removing, and the data-subject rights of PIPL / GDPR (export and
 * erasure). One primary contact per customer: naming a new primary demotes the old one in the same transaction.
 */
@Service
public class ContactBook {

    /** Fields that identify a person: kept out of events and masked for roles without the right. */
    static final Set<String> PERSONAL = Set.of("name", "phones", "email");
    /** What erasure blanks, in the record and in its history. */
    static final Set<String> ERASABLE = Set.of("name", "title", "phones", "email");

    private final ContactRepository contacts;
    private final CustomerRegistry customers;
    private final ChangeHistory history;
    private final Outbox outbox;
    private final EntityManager entities;

    ContactBook(ContactRepository contacts, CustomerRegistry customers, ChangeHistory history, Outbox outbox, EntityManager entities) {
        this.contacts = contacts;
        this.customers = customers;
        this.history = history;
        this.outbox = outbox;
        this.entities = entities;
    }

    @Transactional(readOnly = true)
    public List<Contact> of(UUID customerId, CurrentUser user) {
        customers.get(customerId, user);
        return contacts.findByCustomerIdAndStatusOrderByPrimaryDescNameAsc(customerId, ContactStatus.ACTIVE);
    }

    @Transactional(readOnly = true)
    public Contact get(UUID customerId, UUID contactId, CurrentUser user) {
        customers.get(customerId, user);
        return contacts.findById(contactId).filter(c -> c.customerId().equals(customerId))
                .orElseThrow(() -> CrmProblemException.notFound("contact", contactId));
    }

    @Transactional
    public Contact add(UUID customerId, ContactDetails details, CurrentUser user) {
        CustomerVisibility.requireWriter(user);
        workableCustomer(customerId, user);
        if (details.primary()) {
            demoteCurrentPrimary(customerId, user);
        }
        Contact contact = Contact.add(customerId, details);
        entities.persist(contact);
        entities.flush();
        List<FieldChange> created = details.fields().entrySet().stream()
                .filter(e -> e.getValue() != null && !List.of().equals(e.getValue()) && !Boolean.FALSE.equals(e.getValue()))
                .map(e -> new FieldChange(e.getKey(), null, e.getValue())).toList();
        history.record(customerId, ChangeHistory.EntityType.CONTACT, contact.id(), created, user.id(), contact.createdAt());
        outbox.record(new ContactAdded(customerId, contact.id(), contact.version(), contact.title(),
                contact.preferredChannel() == null ? null : contact.preferredChannel().name(), contact.primary(), user.id(),
                contact.createdAt()));
        return contact;
    }

    @Transactional
    public Contact update(UUID customerId, UUID contactId, long expectedVersion, ContactDetails details, CurrentUser user) {
        CustomerVisibility.requireWriter(user);
        workableCustomer(customerId, user);
        Contact contact = active(customerId, contactId);
        IfMatch.require("contact", contactId, expectedVersion, contact.version());
        if (details.primary() && !contact.primary()) {
            demoteCurrentPrimary(customerId, user);
        }
        List<FieldChange> changes = contact.update(details);
        return recordChange(contact, changes, user);
    }

    /** The person left the company or was entered by mistake: kept (with its history), no longer listed. */
    @Transactional
    public Contact remove(UUID customerId, UUID contactId, long expectedVersion, CurrentUser user) {
        CustomerVisibility.requireWriter(user);
        customers.get(customerId, user);
        Contact contact = active(customerId, contactId);
        IfMatch.require("contact", contactId, expectedVersion, contact.version());
        return recordChange(contact, contact.remove(), user);
    }

    /** Everything the suite holds about the person (PIPL art. 45, GDPR art. 15), unmasked: stewards and admins only. */
    @Transactional(readOnly = true)
    public PersonalDataExport export(UUID customerId, UUID contactId, CurrentUser user) {
        CustomerVisibility.requireAny(user, CustomerVisibility.STEWARDS, "export personal data");
        Contact contact = get(customerId, contactId, user);
        return new PersonalDataExport(contact, history.ofEntity(contactId), Instant.now(), user.id());
    }

    /**
     * Erases the person's data on their request (PIPL art. 47, GDPR art. 17): anonymised in place, history values
     * blanked, and crm.contact.erased.v1 tells every consumer to erase its copies. Stewards and admins only; no
     * If-Match, because a legal request must not fail on a concurrent edit.
     */
    @Transactional
    public Contact erase(UUID customerId, UUID contactId, CurrentUser user) {
        CustomerVisibility.requireAny(user, CustomerVisibility.STEWARDS, "erase personal data");
        Contact contact = get(customerId, contactId, user);
        if (contact.status() == ContactStatus.ERASED) {
            return contact;
        }
        List<FieldChange> changes = contact.erase();
        contact = contacts.saveAndFlush(contact);
        history.erase(contactId, ERASABLE);
        history.record(customerId, ChangeHistory.EntityType.CONTACT, contactId, changes, user.id(), contact.updatedAt());
        outbox.record(new ContactErased(customerId, contactId, user.id(), contact.updatedAt()));
        return contact;
    }

    private Contact recordChange(Contact contact, List<FieldChange> changes, CurrentUser user) {
        if (changes.isEmpty()) {
            return contact;
        }
        contact = contacts.saveAndFlush(contact);
        history.record(contact.customerId(), ChangeHistory.EntityType.CONTACT, contact.id(), changes, user.id(), contact.updatedAt());
        Map<String, Object> newValues = new LinkedHashMap<>();
        changes.stream().filter(c -> !PERSONAL.contains(c.field()))
                .forEach(c -> newValues.put(c.field(), c.to() instanceof Enum<?> e ? e.name() : c.to()));
        outbox.record(new ContactUpdated(contact.customerId(), contact.id(), contact.version(),
                changes.stream().map(FieldChange::field).toList(), newValues, user.id(), contact.updatedAt()));
        return contact;
    }

    private void demoteCurrentPrimary(UUID customerId, CurrentUser user) {
        contacts.findByCustomerIdAndPrimaryTrueAndStatus(customerId, ContactStatus.ACTIVE).ifPresent(previous -> {
            recordChange(previous, List.of(previous.demote()), user);
        });
    }

    private Customer workableCustomer(UUID customerId, CurrentUser user) {
        Customer customer = customers.get(customerId, user);
        if (!customer.isWorkable()) {
            throw CrmProblemException.ruleViolated("customer " + customer.code() + " is " + customer.status()
                    + "; its contacts cannot be changed", List.of());
        }
        return customer;
    }

    private Contact active(UUID customerId, UUID contactId) {
        Contact contact = contacts.findById(contactId).filter(c -> c.customerId().equals(customerId))
                .orElseThrow(() -> CrmProblemException.notFound("contact", contactId));
        if (contact.status() != ContactStatus.ACTIVE) {
            throw CrmProblemException.ruleViolated("contact " + contactId + " is " + contact.status() + " and cannot be changed", List.of());
        }
        return contact;
    }

    /** A person's data export: the contact as stored and every recorded change to it. */
    public record PersonalDataExport(Contact contact, List<ChangeHistory.Entry> history, Instant exportedAt, String exportedBy) {
    }
}
