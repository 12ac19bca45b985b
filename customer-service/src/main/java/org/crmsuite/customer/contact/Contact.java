package org.crmsuite.customer.contact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.crmsuite.platform.persistence.AuditedEntity;
import org.crmsuite.customer.customer.ContactChannel;
import org.crmsuite.customer.customer.FieldChange;

/** A person at a customer. Command methods return what changed, for the history and the events. */
@Entity
@Table(name = "contact")
public class Contact extends AuditedEntity {

    static final String ERASED_NAME = "已删除 / erased";

    @Id
    private UUID id;
    private UUID customerId;
    private String name;
    private String title;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "contact_phone", joinColumns = @JoinColumn(name = "contact_id"))
    @OrderColumn(name = "position")
    @Column(name = "number")
    private List<String> phones = new ArrayList<>();
    private String email;
    @Enumerated(EnumType.STRING)
    private ContactChannel preferredChannel;
    @Column(name = "primary_contact")
    private boolean primary;
    @Enumerated(EnumType.STRING)
    private ContactStatus status;

    protected Contact() {
        // for JPA
    }

    static Contact add(UUID customerId, ContactDetails details) {
        Contact contact = new Contact();
        contact.id = UUID.randomUUID();
        contact.customerId = customerId;
        contact.status = ContactStatus.ACTIVE;
        contact.apply(details);
        return contact;
    }

    List<FieldChange> update(ContactDetails details) {
        Map<String, Object> before = fields();
        apply(details);
        return diff(before, fields());
    }

    /** Another contact became the primary one. */
    FieldChange demote() {
        primary = false;
        return new FieldChange("primary", true, false);
    }

    List<FieldChange> remove() {
        Map<String, Object> before = fields();
        status = ContactStatus.REMOVED;
        primary = false;
        return diff(before, fields());
    }

    /** Anonymised in place: the row, its id and its history's shape stay; nothing identifies the person any more. */
    List<FieldChange> erase() {
        Map<String, Object> before = fields();
        name = ERASED_NAME;
        title = null;
        phones.clear();
        email = null;
        preferredChannel = null;
        primary = false;
        status = ContactStatus.ERASED;
        return diff(before, fields()).stream().map(c -> new FieldChange(c.field(), null, c.to())).toList();
    }

    private void apply(ContactDetails details) {
        name = details.name();
        title = details.title();
        phones.clear();
        phones.addAll(details.phones());
        email = details.email();
        preferredChannel = details.preferredChannel();
        primary = details.primary();
    }

    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>(new ContactDetails(name, title, List.copyOf(phones), email,
                preferredChannel, primary).fields());
        fields.put("status", status);
        return fields;
    }

    private static List<FieldChange> diff(Map<String, Object> before, Map<String, Object> after) {
        List<FieldChange> changes = new ArrayList<>();
        after.forEach((field, value) -> {
            if (!Objects.equals(before.get(field), value)) {
                changes.add(new FieldChange(field, before.get(field), value));
            }
        });
        return changes;
    }

    public UUID id() { return id; }
    public UUID customerId() { return customerId; }
    public String name() { return name; }
    public String title() { return title; }
    public List<String> phones() { return List.copyOf(phones); }
    public String email() { return email; }
    public ContactChannel preferredChannel() { return preferredChannel; }
    public boolean primary() { return primary; }
    public ContactStatus status() { return status; }
}
