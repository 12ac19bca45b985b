package org.crmsuite.customer.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.crmsuite.customer.customer.Customer;
import org.crmsuite.customer.customer.CustomerRegistry;
import org.crmsuite.customer.customer.CustomerStatus;
import org.crmsuite.customer.customer.CustomerVisibility;
import org.crmsuite.customer.customer.FieldChange;
import org.crmsuite.customer.events.CustomerErased;
import org.crmsuite.customer.history.ChangeHistory;
import org.crmsuite.platform.outbox.Outbox;
import org.crmsuite.platform.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasing a customer on request (a sole proprietor's company data is personal data): data stewards and admins only.
 * The customer is anonymised in place, every contact is erased, the identifying values in the history are blanked,
 * and crm.customer.erased.v1 tells every service to erase its copies. Lives with the contacts because erasure is a
 * personal-data process that reaches both.
 */
@Service
public class CustomerErasure {

    private final CustomerRegistry customers;
    private final ContactBook contacts;
    private final ContactRepository contactRepository;
    private final ChangeHistory history;
    private final Outbox outbox;
    private final jakarta.persistence.EntityManager entities;
    private final org.crmsuite.customer.customer.CustomerMatchKeyIndex matchKeys;

    CustomerErasure(CustomerRegistry customers, ContactBook contacts, ContactRepository contactRepository, ChangeHistory history,
                    Outbox outbox, jakarta.persistence.EntityManager entities, org.crmsuite.customer.customer.CustomerMatchKeyIndex matchKeys) {
        this.customers = customers;
        this.contacts = contacts;
        this.contactRepository = contactRepository;
        this.history = history;
        this.outbox = outbox;
        this.entities = entities;
        this.matchKeys = matchKeys;
    }

    @Transactional
    public Customer erase(UUID customerId, String reason, CurrentUser user) {
        CustomerVisibility.requireAny(user, CustomerVisibility.STEWARDS, "erase customers");
        Customer customer = customers.get(customerId, user);
        if (customer.status() == CustomerStatus.ERASED) {
            return customer;
        }
        List<UUID> erasedContacts = new ArrayList<>();
        for (Contact contact : contactRepository.findAll((root, query, cb) -> cb.equal(root.get("customerId"), customerId))) {
            if (contact.status() != ContactStatus.ERASED) {
                contacts.erase(customerId, contact.id(), user);
                erasedContacts.add(contact.id());
            }
        }
        String erasedName = customer.nameNormalised();
        List<FieldChange> changes = customer.erase(reason);
        matchKeys.remove(customerId, erasedName);
        entities.flush();
        history.erase(customerId, Customer.ERASABLE);
        history.record(customerId, ChangeHistory.EntityType.CUSTOMER, customerId, changes, user.id(), customer.updatedAt());
        outbox.record(new CustomerErased(customerId, customer.code(), erasedContacts, user.id(), customer.updatedAt()));
        return customer;
    }

}
