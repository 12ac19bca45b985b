package org.crmsuite.customer.customer;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Company names for matching: full-width folded, lower-cased, punctuation dropped and legal-form suffixes
 * (有限公司, 股份有限公司, Co., Ltd., Inc., LLC, GmbH ...) stripped, so "杭州云栖科技有限公司" and "杭州云栖科技" or
 * "Acme Co., Ltd." and "ACME Inc" compare as the same name. The stored name keeps its legal form; only the
 * matching column loses it.
 */
public final class CompanyNames {

    /** Longest first, so 股份有限公司 is not left as 股份 after stripping 有限公司. */
    private static final List<String> CHINESE_FORMS = List.of("股份有限公司", "有限责任公司", "集团有限公司", "有限公司",
            "股份公司", "集团公司", "公司");
    private static final Set<String> LATIN_FORMS = Set.of("co", "company", "ltd", "limited", "inc", "incorporated",
            "llc", "gmbh", "corp", "corporation", "plc", "ag", "sa", "pte", "bv", "lp", "llp");

    public static String normalise(String name) {
        if (name == null) {
            return null;
        }
        String text = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[\\p{Punct}\\p{IsPunctuation}·]", " ").replaceAll("\\s+", " ").strip();
        String stripped = text;
        boolean changed = true;
        while (changed && !stripped.isEmpty()) {
            changed = false;
            for (String form : CHINESE_FORMS) {
                if (stripped.endsWith(form) && stripped.length() > form.length()) {
                    stripped = stripped.substring(0, stripped.length() - form.length()).strip();
                    changed = true;
                    break;
                }
            }
            int space = stripped.lastIndexOf(' ');
            if (space > 0 && LATIN_FORMS.contains(stripped.substring(space + 1))) {
                stripped = stripped.substring(0, space).strip();
                changed = true;
            }
        }
        // Chinese names carry no meaningful spaces ("杭州 云栖" = "杭州云栖"); Latin ones do.
        stripped = stripped.replaceAll("(?<=\\p{IsHan}) (?=\\p{IsHan})", "");
        return stripped.isEmpty() ? text : stripped;
    }

    /**
     * Similarity of two normalised names from 0 to 1: the Dice coefficient of their character n-grams. Bigrams for
     * Chinese, because Chinese company names are short (four to eight characters) and every character carries
     * meaning; trigrams for Latin names, as pg_trgm does, because Latin bigrams are shared by too many words.
     */
    public static double similarity(String a, String b) {
        if (a == null || b == null) {
            return 0;
        }
        int n = HAN.matcher(a).find() || HAN.matcher(b).find() ? 2 : 3;
        Set<String> left = grams(a, n);
        Set<String> right = grams(b, n);
        if (left.isEmpty() || right.isEmpty()) {
            return a.equals(b) ? 1 : 0;
        }
        Set<String> common = new HashSet<>(left);
        common.retainAll(right);
        return 2.0 * common.size() / (left.size() + right.size());
    }

    static Set<String> grams(String text, int n) {
        Set<String> grams = new HashSet<>();
        String padded = " ".repeat(n - 1) + text + " ";
        int[] points = padded.codePoints().toArray();
        for (int i = 0; i + n <= points.length; i++) {
            grams.add(new String(points, i, n));
        }
        return grams;
    }

    private static final java.util.regex.Pattern HAN = java.util.regex.Pattern.compile("\\p{IsHan}");

    /**
     * A normalised name prepared for many {@link #similarity(String, String)} comparisons: whether it has Han
     * characters and its grams are worked out once, not once per pair (an import batch compares each row with
     * thousands of stored names). {@link #similarity(Gramed, Gramed)} gives exactly the same value.
     */
    public static final class Gramed {

        private final String text;
        private final boolean han;
        private Set<String> bigrams;
        private Set<String> trigrams;

        public Gramed(String text) {
            this.text = text;
            this.han = text != null && HAN.matcher(text).find();
        }

        public String text() {
            return text;
        }

        private Set<String> grams(int n) {
            if (n == 2) {
                return bigrams == null ? bigrams = CompanyNames.grams(text, 2) : bigrams;
            }
            return trigrams == null ? trigrams = CompanyNames.grams(text, 3) : trigrams;
        }
    }

    /** {@link #similarity(String, String)} of prepared names. */
    public static double similarity(Gramed a, Gramed b) {
        if (a.text == null || b.text == null) {
            return 0;
        }
        int n = a.han || b.han ? 2 : 3;
        Set<String> left = a.grams(n);
        Set<String> right = b.grams(n);
        if (left.isEmpty() || right.isEmpty()) {
            return a.text.equals(b.text) ? 1 : 0;
        }
        Set<String> smaller = left.size() <= right.size() ? left : right;
        Set<String> larger = smaller == left ? right : left;
        int common = 0;
        for (String gram : smaller) {
            if (larger.contains(gram)) {
                common++;
            }
        }
        return 2.0 * common / (left.size() + right.size());
    }

    private CompanyNames() {
    }
}
