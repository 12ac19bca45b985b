package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The facts of a customer that ERP and finance act on (issue 8), as they are after the change: identity (legal name,
 * USCC), registered address, the company's own channels (switchboard, company email, website: company data, erased
 * with the customer by {@code crm.customer.erased.v1}), classification, responsibility and the last ERP order. No
 * contact person's data: names, phones and emails of people stay behind the API (masked by role).
 */
public record CustomerSnapshot(String legalName, String shortName, String uscc, boolean foreignCompany, String industry, String size,
                               Address registeredAddress, String phone, String email, String website, UUID parentId,
                               String lifecycleStage, String valueTier, String status, List<String> tags, String ownerId,
                               String department, Instant lastOrderAt) {

    /** Where the company is registered (province, city and district as the customer API holds them). */
    public record Address(String province, String city, String district, String street) {
    }
}
