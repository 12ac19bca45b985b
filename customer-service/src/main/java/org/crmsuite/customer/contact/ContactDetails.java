package org.crmsuite.customer.contact;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.crmsuite.customer.customer.ContactChannel;
import org.crmsuite.customer.customer.EmailAddresses;
import org.crmsuite.customer.customer.PhoneNumbers;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;

/**
 * A contact's facts as entered, standardised: name and title trimmed and folded, phones in E.164 (duplicates
 * dropped), email lower-cased. Refuses what cannot be a phone or an email, naming the position of a bad phone.
 */
public record ContactDetails(String name, String title, List<String> phones, String email, ContactChannel preferredChannel,
                             boolean primary) {

    public static final int MAX_PHONES = 5;

    public ContactDetails {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }

    public static ContactDetails standardise(ContactDetails typed) {
        List<FieldViolation> violations = new ArrayList<>();
        String name = text(typed.name);
        if (name == null) {
            violations.add(new FieldViolation("name", "must not be blank"));
        }
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < typed.phones.size(); i++) {
            String typedPhone = typed.phones.get(i);
            String problem = typedPhone == null || typedPhone.isBlank() ? "must not be blank" : PhoneNumbers.problem(typedPhone);
            if (problem != null) {
                violations.add(new FieldViolation("phones[" + i + "]", problem));
            } else if (!phones.contains(PhoneNumbers.normalise(typedPhone))) {
                phones.add(PhoneNumbers.normalise(typedPhone));
            }
        }
        if (phones.size() > MAX_PHONES) {
            violations.add(new FieldViolation("phones", "at most " + MAX_PHONES + " numbers"));
        }
        String email = EmailAddresses.normalise(typed.email);
        if (EmailAddresses.problem(email) != null) {
            violations.add(new FieldViolation("email", EmailAddresses.problem(email)));
        }
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        return new ContactDetails(name, text(typed.title), phones, email, typed.preferredChannel, typed.primary);
    }

    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("title", title);
        fields.put("phones", phones);
        fields.put("email", email);
        fields.put("preferredChannel", preferredChannel);
        fields.put("primary", primary);
        return fields;
    }

    static String text(String value) {
        if (value == null) {
            return null;
        }
        String folded = Normalizer.normalize(value, Normalizer.Form.NFKC).replaceAll("\\s+", " ").strip();
        return folded.isEmpty() ? null : folded;
    }
}
