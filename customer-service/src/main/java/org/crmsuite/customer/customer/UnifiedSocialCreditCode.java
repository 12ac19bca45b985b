package org.crmsuite.customer.customer;

/**
 * The unified social credit code of a Chinese organisation (GB 32100-2015): 18 characters from a 31-character
 * alphabet (no I, O, S, V, Z), the last being a check character over the first 17.
 */
public final class UnifiedSocialCreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** Why the value is not a valid code, or null when it is. Expects a trimmed, upper-case value. */
    public static String problem(String code) {
        if (code.length() != 18) {
            return "must have 18 characters, has " + code.length();
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return "character " + (i + 1) + " ('" + code.charAt(i) + "') is not allowed (digits and A-Y without I, O, S, V, Z)";
            }
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return "check character is '" + code.charAt(17) + "' but must be '" + expected + "'";
        }
        return null;
    }

    public static boolean isValid(String code) {
        return code != null && problem(code) == null;
    }

    /** The check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    private UnifiedSocialCreditCode() {
    }
}
