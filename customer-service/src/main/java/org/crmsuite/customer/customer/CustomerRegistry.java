package org.crmsuite.customer.customer;

import java.util.UUID;

import org.crmsuite.customer.events.CustomerCreated;
import org.crmsuite.platform.outbox.Outbox;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers and finds customers; every change and its event commit together. */
@Service
public class CustomerRegistry {

    private final CustomerRepository customers;
    private final Outbox outbox;

    CustomerRegistry(CustomerRepository customers, Outbox outbox) {
        this.customers = customers;
        this.outbox = outbox;
    }

    @Transactional
    public Customer register(NewCustomer data, CurrentUser user) {
        if (data.uscc() != null && customers.exists((root, query, cb) -> cb.equal(root.get("uscc"), data.uscc()))) {
            throw CrmProblemException.conflict("a customer with unified social credit code " + data.uscc() + " already exists");
        }
        String code = "C-%06d".formatted(customers.nextCodeNumber());
        Customer customer = customers.saveAndFlush(Customer.register(code, data, user.id(), user.primaryDepartment()));
        outbox.record(new CustomerCreated(customer.id(), customer.code(), customer.legalName(), customer.shortName(),
                customer.uscc(), customer.lifecycleStage().name(), customer.valueTier().name(), customer.status().name(),
                customer.ownerId(), customer.department(), customer.createdAt()));
        return customer;
    }

    @Transactional(readOnly = true)
    public Customer get(UUID id, CurrentUser user) {
        Customer customer = customers.findById(id).orElseThrow(() -> CrmProblemException.notFound("customer", id));
        CustomerVisibility.ACCESS.requireSee(user, customer.ownerId(), customer.department());
        return customer;
    }

    @Transactional(readOnly = true)
    public Page<Customer> list(CurrentUser user, Pageable page) {
        return customers.findAll(CustomerVisibility.visibleTo(user), page);
    }
}
