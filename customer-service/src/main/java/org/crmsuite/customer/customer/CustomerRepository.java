package org.crmsuite.customer.customer;

import java.util.Set;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface CustomerRepository extends JpaRepository<Customer, UUID>, JpaSpecificationExecutor<Customer> {

    @Query(value = "SELECT nextval('customer_code_seq')", nativeQuery = true)
    long nextCodeNumber();

    /** Customers with an active contact who has this phone (E.164). */
    @Query(value = """
            SELECT DISTINCT c.customer_id FROM contact c JOIN contact_phone p ON p.contact_id = c.id
            WHERE p.number = :phone AND c.status = 'ACTIVE'""", nativeQuery = true)
    Set<UUID> withContactPhone(String phone);
}
