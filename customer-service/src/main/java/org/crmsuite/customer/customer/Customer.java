package org.crmsuite.customer.customer;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.jpa.domain.support.AuditingEntityListener;

/** A corporate customer: the master record every department shares. */
@Entity
@Table(name = "customer")
@EntityListeners(AuditingEntityListener.class)
public class Customer {

    @Id
    private UUID id;
    private String code;
    private String legalName;
    private String shortName;
    private String uscc;
    private String industry;
    @Enumerated(EnumType.STRING)
    private LifecycleStage lifecycleStage;
    @Enumerated(EnumType.STRING)
    private ValueTier valueTier;
    @Enumerated(EnumType.STRING)
    private CustomerStatus status;
    private String ownerId;
    private String department;
    @Version
    private long version;
    @CreatedDate
    @Column(updatable = false)
    private Instant createdAt;
    @CreatedBy
    @Column(updatable = false)
    private String createdBy;
    @LastModifiedDate
    private Instant updatedAt;
    @LastModifiedBy
    private String updatedBy;

    protected Customer() {
        // for JPA
    }

    /** A new customer, already standardised and validated by {@link NewCustomer}. */
    static Customer register(String code, NewCustomer data, String ownerId, String department) {
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.code = code;
        customer.legalName = data.legalName();
        customer.shortName = data.shortName();
        customer.uscc = data.uscc();
        customer.industry = data.industry();
        customer.lifecycleStage = data.lifecycleStage();
        customer.valueTier = data.valueTier();
        customer.status = CustomerStatus.ACTIVE;
        customer.ownerId = ownerId;
        customer.department = department;
        return customer;
    }

    public UUID id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String legalName() {
        return legalName;
    }

    public String shortName() {
        return shortName;
    }

    public String uscc() {
        return uscc;
    }

    public String industry() {
        return industry;
    }

    public LifecycleStage lifecycleStage() {
        return lifecycleStage;
    }

    public ValueTier valueTier() {
        return valueTier;
    }

    public CustomerStatus status() {
        return status;
    }

    public String ownerId() {
        return ownerId;
    }

    public String department() {
        return department;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
