package org.crmsuite.customer.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.crmsuite.customer.customer.CompanyNames;

/**
 * How likely two customers are the same company, from 0 to 100, with the reasons a steward reads:
 * <ul>
 *   <li>the same unified social credit code: 100 (it identifies a legal entity);</li>
 *   <li>similar normalised names: up to 70 (similarity × 70, counted from 0.5 similarity);</li>
 *   <li>a shared phone (switchboard or a contact's): 40;</li>
 *   <li>a shared company email or web domain (public mail providers excluded): 25.</li>
 * </ul>
 * A name alone must be about 71 % similar to be reported at the default threshold of 50 (one wrong character in a
 * six-character Chinese name is); a phone or a domain
 * alone never is (groups share switchboards and domains), but either lifts a similar name over it.
 */
public final class DuplicateScoring {

    public static final int SAME_USCC = 100;
    public static final int NAME_WEIGHT = 70;
    public static final double MIN_NAME_SIMILARITY = 0.5;
    public static final int SHARED_PHONE = 40;
    public static final int SHARED_DOMAIN = 25;

    /** What the comparison looks at; names normalised, phones in E.164, domains lower-case without www. */
    public record Facts(String uscc, String nameNormalised, Set<String> phones, Set<String> domains) {

        public Facts {
            phones = phones == null ? Set.of() : Set.copyOf(phones);
            domains = domains == null ? Set.of() : Set.copyOf(domains);
        }
    }

    public record Score(int value, List<String> reasons) {
    }

    public static Score score(Facts a, Facts b) {
        List<String> reasons = new ArrayList<>();
        int score = 0;
        if (a.uscc() != null && a.uscc().equals(b.uscc())) {
            score += SAME_USCC;
            reasons.add("same unified social credit code " + a.uscc());
        }
        double similarity = CompanyNames.similarity(a.nameNormalised(), b.nameNormalised());
        if (similarity >= MIN_NAME_SIMILARITY) {
            score += (int) Math.round(similarity * NAME_WEIGHT);
            reasons.add(similarity >= 0.999 ? "same name without legal form (" + b.nameNormalised() + ")"
                    : "name " + Math.round(similarity * 100) + "% similar (" + b.nameNormalised() + ")");
        }
        Set<String> phones = new TreeSet<>(a.phones());
        phones.retainAll(b.phones());
        if (!phones.isEmpty()) {
            score += SHARED_PHONE;
            reasons.add("same phone " + String.join(", ", phones));
        }
        Set<String> domains = new TreeSet<>(a.domains());
        domains.retainAll(b.domains());
        if (!domains.isEmpty()) {
            score += SHARED_DOMAIN;
            reasons.add("same email or web domain " + String.join(", ", domains));
        }
        return new Score(Math.min(100, score), List.copyOf(reasons));
    }

    /** The company domain of a website (https://www.yunqi.cn/about -> yunqi.cn), or null. */
    public static String websiteDomain(String website) {
        if (website == null) {
            return null;
        }
        String host = website.replaceFirst("^https?://", "").replaceFirst("[/:].*$", "");
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private DuplicateScoring() {
    }
}
