package org.crmsuite.customer.customer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Email addresses trimmed, full-width folded and lower-cased, checked for a plausible shape (not RFC 5322's every corner). */
public final class EmailAddresses {

    private static final Pattern SHAPE = Pattern.compile(
            "^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    /** Mail providers whose domain says nothing about the company (so they never make two customers look alike). */
    public static final Set<String> PUBLIC_DOMAINS = Set.of("qq.com", "163.com", "126.com", "sina.com", "sohu.com",
            "foxmail.com", "aliyun.com", "139.com", "yeah.net", "gmail.com", "outlook.com", "hotmail.com", "yahoo.com",
            "icloud.com", "live.com", "msn.com");

    public static String normalise(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        return Normalizer.normalize(typed, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    /** Why the (normalised) value is not an email address, or null when it is one or is blank. */
    public static String problem(String normalised) {
        if (normalised == null) {
            return null;
        }
        if (normalised.length() > 254 || !SHAPE.matcher(normalised).matches()) {
            return "is not an email address (expected name@example.com)";
        }
        return null;
    }

    /** The domain of a company address, or null for none or a public mail provider. */
    public static String companyDomain(String normalised) {
        if (normalised == null || normalised.indexOf('@') < 0) {
            return null;
        }
        String domain = normalised.substring(normalised.indexOf('@') + 1);
        return PUBLIC_DOMAINS.contains(domain) ? null : domain;
    }

    private EmailAddresses() {
    }
}
