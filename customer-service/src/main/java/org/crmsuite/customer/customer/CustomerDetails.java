package org.crmsuite.customer.customer;

import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;

/**
 * The editable facts of a customer as entered, standardised (full-width folded, whitespace collapsed, USCC upper-cased,
 * phone to E.164, email lower-cased, website with its scheme, tags de-duplicated) and checked by the rules Bean
 * Validation cannot express. Plain Java, so the rules are tested without Spring.
 */
public record CustomerDetails(String legalName, String shortName, String uscc, boolean foreignCompany, String industry,
                              CompanySize size, String province, String city, String district, String street,
                              String website, String phone, String email, UUID parentId, ValueTier valueTier,
                              List<String> tags, SourceChannel sourceChannel, boolean marketingConsent,
                              ContactChannel preferredChannel, boolean doNotContact) {

    public static final int MAX_TAGS = 20;

    public CustomerDetails {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Standardises what the caller typed; throws a validation problem naming every offending field. */
    public static CustomerDetails standardise(CustomerDetails typed) {
        List<FieldViolation> violations = new ArrayList<>();
        String uscc = typed.uscc == null || typed.uscc.isBlank() ? null : text(typed.uscc).toUpperCase(Locale.ROOT);
        if (uscc != null && UnifiedSocialCreditCode.problem(uscc) != null) {
            violations.add(new FieldViolation("uscc", UnifiedSocialCreditCode.problem(uscc)));
        }
        String phone = null;
        String phoneProblem = PhoneNumbers.problem(typed.phone);
        if (phoneProblem != null) {
            violations.add(new FieldViolation("phone", phoneProblem));
        } else {
            phone = PhoneNumbers.normalise(typed.phone);
        }
        String email = EmailAddresses.normalise(typed.email);
        if (EmailAddresses.problem(email) != null) {
            violations.add(new FieldViolation("email", EmailAddresses.problem(email)));
        }
        String website = website(typed.website);
        if (typed.website != null && !typed.website.isBlank() && website == null) {
            violations.add(new FieldViolation("website", "is not a web address (expected https://www.example.com or example.com)"));
        }
        List<String> tags = new ArrayList<>();
        for (String tag : typed.tags) {
            String clean = text(tag);
            if (clean != null && tags.stream().noneMatch(clean::equalsIgnoreCase)) {
                tags.add(clean);
            }
        }
        if (tags.size() > MAX_TAGS) {
            violations.add(new FieldViolation("tags", "at most " + MAX_TAGS + " tags"));
        }
        String legalName = text(typed.legalName);
        if (legalName == null) {
            violations.add(new FieldViolation("legalName", "must not be blank"));
        }
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        return new CustomerDetails(legalName, text(typed.shortName), uscc, typed.foreignCompany, text(typed.industry),
                typed.size, text(typed.province), text(typed.city), text(typed.district), text(typed.street), website,
                phone, email, typed.parentId, typed.valueTier == null ? ValueTier.STANDARD : typed.valueTier, tags,
                typed.sourceChannel, typed.marketingConsent, typed.preferredChannel, typed.doNotContact);
    }

    /** The inverse of {@link #fields()}: facts from their values by field name. */
    @SuppressWarnings("unchecked")
    public static CustomerDetails fromFields(Map<String, Object> f) {
        return new CustomerDetails((String) f.get("legalName"), (String) f.get("shortName"), (String) f.get("uscc"),
                Boolean.TRUE.equals(f.get("foreignCompany")), (String) f.get("industry"), (CompanySize) f.get("size"),
                (String) f.get("province"), (String) f.get("city"), (String) f.get("district"), (String) f.get("street"),
                (String) f.get("website"), (String) f.get("phone"), (String) f.get("email"), (UUID) f.get("parentId"),
                (ValueTier) f.get("valueTier"), (List<String>) f.get("tags"), (SourceChannel) f.get("sourceChannel"),
                Boolean.TRUE.equals(f.get("marketingConsent")), (ContactChannel) f.get("preferredChannel"),
                Boolean.TRUE.equals(f.get("doNotContact")));
    }

    /** The fields as the history and the updated event name them, in a stable order. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("legalName", legalName);
        fields.put("shortName", shortName);
        fields.put("uscc", uscc);
        fields.put("foreignCompany", foreignCompany);
        fields.put("industry", industry);
        fields.put("size", size);
        fields.put("province", province);
        fields.put("city", city);
        fields.put("district", district);
        fields.put("street", street);
        fields.put("website", website);
        fields.put("phone", phone);
        fields.put("email", email);
        fields.put("parentId", parentId);
        fields.put("valueTier", valueTier);
        fields.put("tags", tags);
        fields.put("sourceChannel", sourceChannel);
        fields.put("marketingConsent", marketingConsent);
        fields.put("preferredChannel", preferredChannel);
        fields.put("doNotContact", doNotContact);
        return fields;
    }

    /** https://host/path with a lower-case host; a bare domain gets https://. Null when it is not a web address. */
    static String website(String typed) {
        String value = text(typed);
        if (value == null) {
            return null;
        }
        if (!value.matches("(?i)^https?://.*")) {
            value = "https://" + value;
        }
        try {
            URI uri = new URI(value);
            String host = uri.getHost();
            if (host == null || !host.matches("(?i)^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$") || uri.getUserInfo() != null) {
                return null;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT)
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path;
        } catch (Exception e) {
            return null;
        }
    }

    /** NFKC folds full-width letters, digits and spaces (Ａ１　) to their ordinary forms; then whitespace is collapsed. */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        String folded = Normalizer.normalize(value, Normalizer.Form.NFKC).replaceAll("\\s+", " ").strip();
        return folded.isEmpty() ? null : folded;
    }
}
