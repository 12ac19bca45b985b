package org.crmsuite.customer.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.crmsuite.customer.customer.Customer;
import org.crmsuite.customer.customer.EmailAddresses;
import org.crmsuite.customer.customer.PhoneNumbers;
import org.crmsuite.customer.customer.StageRequirements;
import org.crmsuite.customer.customer.UnifiedSocialCreditCode;

/**
 * How trustworthy a customer record is, from 0 to 100, with the issues to fix. Four dimensions:
 * <ul>
 *   <li>completeness (50): identity (USCC or foreign) 10, industry 5, size 5, province and city 10, street 5,
 *       a phone or an email 10, website 5;</li>
 *   <li>validity (20): the USCC's check character 10, the phone 5 and the email 5 in a valid form (records from
 *       before standardisation or from imports may not be);</li>
 *   <li>timeliness (20): verified with the customer within a year 20; only updated within a year 10;</li>
 *   <li>consistency (10): the lifecycle stage's required fields are all there.</li>
 * </ul>
 */
public final class QualityScore {

    public static final Duration FRESH = Duration.ofDays(365);

    public enum Dimension { COMPLETENESS, VALIDITY, TIMELINESS, CONSISTENCY }

    public record Issue(Dimension dimension, String field, String issue) {
    }

    public record Result(int score, int completeness, int validity, int timeliness, int consistency, List<Issue> issues) {
    }

    public static Result of(Customer c, Instant now) {
        List<Issue> issues = new ArrayList<>();
        int completeness = 0;
        completeness += present(issues, "uscc", c.uscc() != null || c.foreignCompany(), 10);
        completeness += present(issues, "industry", c.industry() != null, 5);
        completeness += present(issues, "size", c.size() != null, 5);
        completeness += present(issues, "city", c.province() != null && c.city() != null, 10);
        completeness += present(issues, "street", c.street() != null, 5);
        completeness += present(issues, "phone", c.phone() != null || c.email() != null, 10);
        completeness += present(issues, "website", c.website() != null, 5);

        int validity = 0;
        validity += valid(issues, "uscc", c.uscc() == null || UnifiedSocialCreditCode.isValid(c.uscc()), "check character does not match", 10);
        validity += valid(issues, "phone", c.phone() == null || PhoneNumbers.problem(c.phone()) == null, "not a valid phone number", 5);
        validity += valid(issues, "email", EmailAddresses.problem(c.email()) == null, "not a valid email address", 5);

        int timeliness;
        if (c.lastVerifiedAt() != null && c.lastVerifiedAt().isAfter(now.minus(FRESH))) {
            timeliness = 20;
        } else if (c.updatedAt() != null && c.updatedAt().isAfter(now.minus(FRESH))) {
            timeliness = 10;
            issues.add(new Issue(Dimension.TIMELINESS, "lastVerifiedAt", "not confirmed with the customer in the last year"));
        } else {
            timeliness = 0;
            issues.add(new Issue(Dimension.TIMELINESS, "updatedAt", "neither confirmed nor updated in the last year"));
        }

        var missing = StageRequirements.missing(c.lifecycleStage(), c.facts());
        missing.forEach(v -> issues.add(new Issue(Dimension.CONSISTENCY, v.field(), v.reason())));
        int consistency = missing.isEmpty() ? 10 : 0;
        return new Result(completeness + validity + timeliness + consistency, completeness, validity, timeliness, consistency,
                List.copyOf(issues));
    }

    private static int present(List<Issue> issues, String field, boolean present, int points) {
        if (!present) {
            issues.add(new Issue(Dimension.COMPLETENESS, field, "missing"));
            return 0;
        }
        return points;
    }

    private static int valid(List<Issue> issues, String field, boolean valid, String problem, int points) {
        if (!valid) {
            issues.add(new Issue(Dimension.VALIDITY, field, problem));
            return 0;
        }
        return points;
    }

    private QualityScore() {
    }
}
