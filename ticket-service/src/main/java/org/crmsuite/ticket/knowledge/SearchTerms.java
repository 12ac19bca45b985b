package org.crmsuite.ticket.knowledge;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Search terms that work for Chinese and Latin text on a real MongoDB and on the wire server alike (which has no
 * {@code $text}): text is NFKC-folded (full-width letters and digits become ASCII) and lower-cased; Latin words and
 * numbers are terms; runs of Chinese (and Japanese, Korean) characters give every single character and every
 * adjacent pair (bigram), the usual way to index CJK without a dictionary. An article stores its terms in an
 * indexed array; a query matches articles holding all of the query's terms ({@code $all}).
 */
public final class SearchTerms {

    /** Terms for an indexed text: words, CJK characters and CJK bigrams. */
    public static Set<String> index(String... texts) {
        Set<String> terms = new LinkedHashSet<>();
        for (String text : texts) {
            collect(text, terms, true);
        }
        return terms;
    }

    /** Terms for a query: words and CJK bigrams (a lone CJK character stands for itself). */
    public static Set<String> query(String text) {
        Set<String> terms = new LinkedHashSet<>();
        collect(text, terms, false);
        return terms;
    }

    private static void collect(String text, Set<String> terms, boolean withUnigrams) {
        if (text == null || text.isBlank()) {
            return;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        StringBuilder cjk = new StringBuilder();
        folded.codePoints().forEach(cp -> {
            if (isCjk(cp)) {
                flushWord(word, terms);
                cjk.appendCodePoint(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                flushCjk(cjk, terms, withUnigrams);
                word.appendCodePoint(cp);
            } else {
                flushWord(word, terms);
                flushCjk(cjk, terms, withUnigrams);
            }
        });
        flushWord(word, terms);
        flushCjk(cjk, terms, withUnigrams);
    }

    private static void flushWord(StringBuilder word, Set<String> terms) {
        if (!word.isEmpty()) {
            terms.add(word.toString());
            word.setLength(0);
        }
    }

    private static void flushCjk(StringBuilder run, Set<String> terms, boolean withUnigrams) {
        if (run.isEmpty()) {
            return;
        }
        int[] cps = run.codePoints().toArray();
        if (cps.length == 1 || withUnigrams) {
            for (int cp : cps) {
                terms.add(new String(Character.toChars(cp)));
            }
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            terms.add(new String(cps, i, 2));
        }
        run.setLength(0);
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    private SearchTerms() {
    }
}
