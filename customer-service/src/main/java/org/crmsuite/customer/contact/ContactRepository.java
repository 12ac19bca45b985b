package org.crmsuite.customer.contact;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ContactRepository extends JpaRepository<Contact, UUID>, JpaSpecificationExecutor<Contact> {

    List<Contact> findByCustomerIdAndStatusOrderByPrimaryDescNameAsc(UUID customerId, ContactStatus status);

    Optional<Contact> findByCustomerIdAndPrimaryTrueAndStatus(UUID customerId, ContactStatus status);
}
