package org.crmsuite.customer.customer;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Phone numbers as people type them, standardised to E.164 so that matching and dialling work: a Chinese mobile
 * {@code 138 1234 5678} becomes {@code +8613812345678}, a landline with its area code {@code 010-12345678} becomes
 * {@code +861012345678}, {@code 400-} and {@code 800-} service numbers keep their digits, and international numbers
 * given with {@code +} or {@code 00} keep their country code. Anything else is refused rather than guessed.
 */
public final class PhoneNumbers {

    private static final Pattern TYPED = Pattern.compile("^\\+?[0-9 ()\\-.]+$");
    private static final Pattern CN_MOBILE = Pattern.compile("^1[3-9][0-9]{9}$");
    /** Area code without its leading 0: 10 and 2x are two digits, the rest three; subscriber numbers 7 or 8 digits. */
    private static final Pattern CN_LANDLINE = Pattern.compile("^(?:(?:10|2[0-9])[0-9]{8}|[3-9][0-9]{2}[0-9]{7,8})$");
    private static final Pattern CN_SERVICE = Pattern.compile("^[48]00[0-9]{7}$");
    private static final Pattern INTERNATIONAL = Pattern.compile("^[1-9][0-9]{6,14}$");

    public static final String EXPECTED = "expected a mobile (13812345678), a landline with its area code (010-12345678), "
            + "a 400/800 number or an international number starting with + or 00";

    /** The E.164 form, or null for a blank value. */
    public static String normalise(String typed) {
        String problem = problem(typed);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return e164(typed);
    }

    /** Why the value cannot be a phone number, or null when it can (or is blank). */
    public static String problem(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        return e164(typed) == null ? "is not a phone number: " + EXPECTED : null;
    }

    private static String e164(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String folded = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip();
        if (folded.length() > 30 || !TYPED.matcher(folded).matches()) {
            return null;
        }
        boolean plus = folded.startsWith("+");
        String digits = folded.replaceAll("[^0-9]", "");
        if (!plus && digits.startsWith("00")) {
            plus = true;
            digits = digits.substring(2);
        }
        if (plus) {
            if (digits.startsWith("86")) {
                String national = digits.substring(2);
                return chinese(national.startsWith("0") ? national.substring(1) : national);
            }
            return INTERNATIONAL.matcher(digits).matches() ? "+" + digits : null;
        }
        if (digits.startsWith("86") && CN_MOBILE.matcher(digits.substring(2)).matches()) {
            return "+" + digits;
        }
        if (CN_MOBILE.matcher(digits).matches() || CN_SERVICE.matcher(digits).matches()) {
            return "+86" + digits;
        }
        if (digits.startsWith("0")) {
            return chinese(digits.substring(1));
        }
        return null;
    }

    private static String chinese(String national) {
        if (CN_MOBILE.matcher(national).matches() || CN_LANDLINE.matcher(national).matches()
                || CN_SERVICE.matcher(national).matches()) {
            return "+86" + national;
        }
        return null;
    }

    private PhoneNumbers() {
    }
}
