package org.crmsuite.customer.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.crmsuite.platform.persistence.AuditedEntity;


/**
 * A corporate customer: the master record every department shares. Command methods return what changed, so the
 * history and the events are built from the same facts.
 */
@Entity
@Table(name = "customer")
public class Customer extends AuditedEntity {

    @Id
    private UUID id;
    private String code;
    private String legalName;
    private String shortName;
    private String nameNormalised;
    private String uscc;
    private boolean foreignCompany;
    private String industry;
    @Enumerated(EnumType.STRING)
    @Column(name = "company_size")
    private CompanySize size;
    private String province;
    private String city;
    private String district;
    private String street;
    private String website;
    private String phone;
    private String email;
    private UUID parentId;
    @Enumerated(EnumType.STRING)
    private LifecycleStage lifecycleStage;
    @Enumerated(EnumType.STRING)
    private ValueTier valueTier;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "customer_tag", joinColumns = @JoinColumn(name = "customer_id"))
    @Column(name = "tag")
    private Set<String> tags = new HashSet<>();
    @Enumerated(EnumType.STRING)
    private SourceChannel sourceChannel;
    private boolean marketingConsent;
    private Instant consentRecordedAt;
    @Enumerated(EnumType.STRING)
    private ContactChannel preferredChannel;
    private boolean doNotContact;
    @Enumerated(EnumType.STRING)
    private CustomerStatus status;
    private String statusReason;
    private Instant lastVerifiedAt;
    private String verifiedBy;
    @Enumerated(EnumType.STRING)
    private ContactChannel verifiedVia;
    private UUID mergedInto;
    private String ownerId;
    private String department;
    /** Written only by ERP orders with plain SQL (so an order never bumps the version a user holds in If-Match). */
    @Column(insertable = false, updatable = false)
    private Instant lastOrderAt;

    protected Customer() {
        // for JPA
    }

    /** A new customer, already standardised and validated by {@link CustomerDetails#standardise}. */
    static Customer register(String code, CustomerDetails data, LifecycleStage stage, String ownerId, String department) {
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.code = code;
        customer.lifecycleStage = stage == null ? LifecycleStage.PROSPECT : stage;
        customer.status = CustomerStatus.ACTIVE;
        customer.ownerId = ownerId;
        customer.department = department;
        customer.apply(data);
        return customer;
    }

    /** Replaces the editable facts; returns the fields whose value changed (empty when nothing did). */
    public List<FieldChange> update(CustomerDetails data, String newOwner, String newDepartment) {
        Map<String, Object> before = fields();
        apply(data);
        if (newOwner != null) {
            ownerId = newOwner;
        }
        if (newDepartment != null) {
            department = newDepartment;
        }
        return diff(before, fields());
    }

    /** Moves to another lifecycle stage; the caller has checked the transition and the stage's requirements. */
    FieldChange changeStage(LifecycleStage target, String reason) {
        FieldChange change = new FieldChange("lifecycleStage", lifecycleStage, target);
        lifecycleStage = target;
        statusReason = reason;
        return change;
    }

    /** Archived: kept for history and for the records of other services that point at it, but no longer worked. */
    FieldChange archive(String reason) {
        FieldChange change = new FieldChange("status", status, CustomerStatus.ARCHIVED);
        status = CustomerStatus.ARCHIVED;
        statusReason = reason;
        return change;
    }

    FieldChange restore() {
        FieldChange change = new FieldChange("status", status, CustomerStatus.ACTIVE);
        status = CustomerStatus.ACTIVE;
        statusReason = null;
        return change;
    }

    /** This record is a duplicate of the survivor: it stays as a redirect (status MERGED, mergedInto). */
    public List<FieldChange> mergeInto(UUID survivor, String survivorCode) {
        Map<String, Object> before = fields();
        status = CustomerStatus.MERGED;
        statusReason = "merged into " + survivorCode;
        mergedInto = survivor;
        uscc = null; // unique: the survivor may take it over; kept in the merge record for an undo
        List<FieldChange> changes = new ArrayList<>(diff(before, fields()));
        changes.add(new FieldChange("mergedInto", null, survivor));
        return changes;
    }

    /** Undoes {@link #mergeInto}: in use again, with its USCC back. */
    public List<FieldChange> unmerge(String formerUscc) {
        Map<String, Object> before = fields();
        UUID survivor = mergedInto;
        status = CustomerStatus.ACTIVE;
        statusReason = null;
        mergedInto = null;
        uscc = formerUscc;
        List<FieldChange> changes = new ArrayList<>(diff(before, fields()));
        changes.add(new FieldChange("mergedInto", survivor, null));
        return changes;
    }

    /** The facts were confirmed with the customer: by whom, how and when (data quality's timeliness). */
    public List<FieldChange> verify(String by, ContactChannel via, Instant at) {
        List<FieldChange> changes = List.of(new FieldChange("lastVerifiedAt", lastVerifiedAt, at),
                new FieldChange("verifiedBy", verifiedBy, by), new FieldChange("verifiedVia", verifiedVia, via));
        lastVerifiedAt = at;
        verifiedBy = by;
        verifiedVia = via;
        return changes;
    }

    /** Facts that identify the company or a person behind it (a sole proprietor's name is personal data). */
    public static final List<String> ERASABLE = List.of("legalName", "shortName", "uscc", "street", "district", "website", "phone", "email");

    /**
     * Erased on request: the record stays (code, industry, size, province, city, tier and stage keep the statistics
     * right and references resolving) but nothing identifies the company or a person behind it any more.
     */
    public List<FieldChange> erase(String reason) {
        Map<String, Object> before = fields();
        legalName = "已删除客户 / erased customer " + code;
        nameNormalised = CompanyNames.normalise(legalName);
        shortName = null;
        uscc = null;
        street = null;
        district = null;
        website = null;
        phone = null;
        email = null;
        marketingConsent = false;
        doNotContact = true;
        status = CustomerStatus.ERASED;
        statusReason = reason;
        return diff(before, fields()).stream()
                .map(c -> ERASABLE.contains(c.field()) ? new FieldChange(c.field(), null, c.to()) : c).toList();
    }

    /** A group member whose parent was merged away follows the survivor (and back on undo). */
    public List<FieldChange> reparent(UUID parent) {
        Map<String, Object> before = fields();
        parentId = parent;
        return diff(before, fields());
    }

    private void apply(CustomerDetails data) {
        legalName = data.legalName();
        nameNormalised = CompanyNames.normalise(data.legalName());
        shortName = data.shortName();
        uscc = data.uscc();
        foreignCompany = data.foreignCompany();
        industry = data.industry();
        size = data.size();
        province = data.province();
        city = data.city();
        district = data.district();
        street = data.street();
        website = data.website();
        phone = data.phone();
        email = data.email();
        parentId = data.parentId();
        valueTier = data.valueTier();
        tags.clear();
        tags.addAll(data.tags());
        sourceChannel = data.sourceChannel();
        if (marketingConsent != data.marketingConsent() || consentRecordedAt == null) {
            consentRecordedAt = Instant.now();
        }
        marketingConsent = data.marketingConsent();
        preferredChannel = data.preferredChannel();
        doNotContact = data.doNotContact();
    }

    /** Every tracked field by its API name, for the history and the events. */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>(details().fields());
        fields.put("tags", List.copyOf(new TreeSet<>(tags)));
        fields.put("lifecycleStage", lifecycleStage);
        fields.put("status", status);
        fields.put("ownerId", ownerId);
        fields.put("department", department);
        return fields;
    }

    static List<FieldChange> diff(Map<String, Object> before, Map<String, Object> after) {
        List<FieldChange> changes = new ArrayList<>();
        after.forEach((field, value) -> {
            if (!Objects.equals(before.get(field), value)) {
                changes.add(new FieldChange(field, before.get(field), value));
            }
        });
        return changes;
    }

    public CustomerDetails details() {
        return new CustomerDetails(legalName, shortName, uscc, foreignCompany, industry, size, province, city, district,
                street, website, phone, email, parentId, valueTier, tags(), sourceChannel, marketingConsent,
                preferredChannel, doNotContact);
    }

    public StageRequirements.Facts facts() {
        return new StageRequirements.Facts(uscc, foreignCompany, ownerId, department, industry, province, city);
    }

    public boolean isWorkable() {
        return status == CustomerStatus.ACTIVE;
    }

    public UUID id() { return id; }
    public String code() { return code; }
    public String legalName() { return legalName; }
    public String shortName() { return shortName; }
    public String nameNormalised() { return nameNormalised; }
    public String uscc() { return uscc; }
    public boolean foreignCompany() { return foreignCompany; }
    public String industry() { return industry; }
    public CompanySize size() { return size; }
    public String province() { return province; }
    public String city() { return city; }
    public String district() { return district; }
    public String street() { return street; }
    public String website() { return website; }
    public String phone() { return phone; }
    public String email() { return email; }
    public UUID parentId() { return parentId; }
    public LifecycleStage lifecycleStage() { return lifecycleStage; }
    public ValueTier valueTier() { return valueTier; }
    public List<String> tags() { return List.copyOf(new TreeSet<>(tags)); }
    public SourceChannel sourceChannel() { return sourceChannel; }
    public boolean marketingConsent() { return marketingConsent; }
    public Instant consentRecordedAt() { return consentRecordedAt; }
    public ContactChannel preferredChannel() { return preferredChannel; }
    public boolean doNotContact() { return doNotContact; }
    public CustomerStatus status() { return status; }
    public String statusReason() { return statusReason; }
    public UUID mergedInto() { return mergedInto; }
    public Instant lastVerifiedAt() { return lastVerifiedAt; }
    public String verifiedBy() { return verifiedBy; }
    public ContactChannel verifiedVia() { return verifiedVia; }
    public String ownerId() { return ownerId; }
    public String department() { return department; }
    public Instant lastOrderAt() { return lastOrderAt; }
}
