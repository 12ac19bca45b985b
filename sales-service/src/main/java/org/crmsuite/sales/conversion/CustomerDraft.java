package org.crmsuite.sales.conversion;

/**
 * The body of customer-service's {@code POST /api/v1/customers} and {@code POST /api/v1/customers/duplicates/check}
 * (its {@code CustomerRequest}), as far as a lead knows it. Built only from the lead and the rep's facts, so a retry
 * sends the same body under the same {@code Idempotency-Key}.
 */
public record CustomerDraft(String legalName, String uscc, Boolean foreignCompany, String industry, String province, String city,
                            String district, String street, String website, String phone, String email, String sourceChannel,
                            String ownerId, String department, Boolean createAnyway) {

    CustomerDraft anyway() {
        return new CustomerDraft(legalName, uscc, foreignCompany, industry, province, city, district, street, website, phone, email,
                sourceChannel, ownerId, department, Boolean.TRUE);
    }
}
