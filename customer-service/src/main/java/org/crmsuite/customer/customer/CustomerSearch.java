package org.crmsuite.customer.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;

import org.crmsuite.platform.web.CrmProblemException;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

/**
 * The filters of the customer list, each on an indexed column; sorting is allowed only on indexed columns too, so a
 * list never scans the table.
 */
public record CustomerSearch(String code, String uscc, String phone, String tag, ValueTier tier, LifecycleStage stage,
                             String owner, String department, String province, String city, String district,
                             CustomerStatus status) {

    static final Set<String> SORTABLE = Set.of("legalName", "code", "createdAt", "updatedAt");

    /** The phone to look for, in E.164 when it can be read as a phone number. */
    String phoneE164() {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        return PhoneNumbers.problem(phone) == null ? PhoneNumbers.normalise(phone) : phone.strip();
    }

    /** @param contactPhoneOwners customers with a contact who has the searched phone (the switchboard is checked here) */
    Specification<Customer> toSpecification(Set<UUID> contactPhoneOwners) {
        return (root, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            if (code != null) {
                all.add(cb.equal(root.get("code"), code.strip().toUpperCase(Locale.ROOT)));
            }
            if (uscc != null) {
                all.add(cb.equal(root.get("uscc"), uscc.strip().toUpperCase(Locale.ROOT)));
            }
            if (phoneE164() != null) {
                all.add(contactPhoneOwners.isEmpty() ? cb.equal(root.get("phone"), phoneE164())
                        : cb.or(cb.equal(root.get("phone"), phoneE164()), root.get("id").in(contactPhoneOwners)));
            }
            if (tag != null) {
                Join<Customer, String> tags = root.join("tags");
                all.add(cb.equal(tags, CustomerDetails.text(tag)));
            }
            if (tier != null) {
                all.add(cb.equal(root.get("valueTier"), tier));
            }
            if (stage != null) {
                all.add(cb.equal(root.get("lifecycleStage"), stage));
            }
            if (owner != null) {
                all.add(cb.equal(root.get("ownerId"), owner));
            }
            if (department != null) {
                all.add(cb.or(cb.equal(root.get("department"), department), cb.like(root.get("department"), department + "/%")));
            }
            if (province != null) {
                all.add(cb.equal(root.get("province"), CustomerDetails.text(province)));
            }
            if (city != null) {
                all.add(cb.equal(root.get("city"), CustomerDetails.text(city)));
            }
            if (district != null) {
                all.add(cb.equal(root.get("district"), CustomerDetails.text(district)));
            }
            // Merged and erased records are hidden from lists unless asked for; archived ones too.
            all.add(cb.equal(root.get("status"), status == null ? CustomerStatus.ACTIVE : status));
            return cb.and(all.toArray(Predicate[]::new));
        };
    }

    /** Refuses sorting on columns without an index. */
    static void requireSortable(Pageable page) {
        for (Sort.Order order : page.getSort()) {
            if (!SORTABLE.contains(order.getProperty())) {
                throw CrmProblemException.invalid("sort", "cannot sort by '" + order.getProperty() + "'; sortable: " + SORTABLE);
            }
        }
    }
}
