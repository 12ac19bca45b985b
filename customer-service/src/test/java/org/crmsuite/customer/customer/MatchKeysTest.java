package org.crmsuite.customer.customer;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MatchKeysTest {

    /** Search: the typed name's keys against the stored keys of an existing name. */
    private static boolean share(String stored, String typed) {
        Set<Long> left = new HashSet<>();
        Arrays.stream(MatchKeys.of(CompanyNames.normalise(stored))).forEach(left::add);
        return Arrays.stream(MatchKeys.of(CompanyNames.normalise(typed))).anyMatch(left::contains);
    }

    /** The duplicate check: the new name's duplicate keys against the stored keys. */
    private static boolean shareForDuplicates(String stored, String typed) {
        Set<Long> left = new HashSet<>();
        Arrays.stream(MatchKeys.of(CompanyNames.normalise(stored))).forEach(left::add);
        return Arrays.stream(MatchKeys.forDuplicates(CompanyNames.normalise(typed))).anyMatch(left::contains);
    }

    @Test
    void aTypoAnotherLegalFormOrAMissingRegionShareAKey() {
        assertThat(share("杭州云栖科技有限公司", "杭州云西科技有限公司")).isTrue();        // one character changed
        assertThat(share("杭州云栖科技有限公司", "杭州云栖科技股份有限公司")).isTrue();    // another legal form
        assertThat(share("杭州云栖科技有限公司", "杭州云栖网科技有限公司")).isTrue();      // one character inserted
        assertThat(share("杭州云栖科技有限公司", "杭州云科技有限公司")).isTrue();          // one character missing
        assertThat(share("云栖科技有限公司", "云西科技有限公司")).isTrue();               // four characters: search keys
        assertThat(shareForDuplicates("云栖科技有限公司", "云西科技有限公司")).isFalse(); // ... but not the duplicate check's
        assertThat(shareForDuplicates("杭州云栖科技有限公司", "杭州云西科技有限公司")).isTrue();
        assertThat(share("杭州云栖科技股份有限公司", "杭州云栖科技股x有限公司")).isTrue();  // a typo in the legal form
        assertThat(share("Kalori Software Co., Ltd.", "Kalori Software Co., Ltx.")).isTrue();
        assertThat(share("杭州云栖科技有限公司", "云栖科技有限公司")).isTrue();            // without the city
        assertThat(share("浙江省杭州云栖科技有限公司", "杭州云栖科技")).isTrue();         // the province stripped
        assertThat(share("浙江省杭州云栖科技有限公司", "云栖科技")).isFalse();           // two prefixes: not by keys
        assertThat(share("Quillfeather Analytics Co., Ltd.", "QUILLFEATHER ANALYTICS INC.")).isTrue();
        assertThat(share("Quillfeather Analytics", "Quilfeather Analytics")).isTrue();
        assertThat(share("Quill feather Analytics", "Quillfeather Analytics")).isTrue(); // spaces do not count
    }

    @Test
    void differentCompaniesShareNoKey() {
        assertThat(share("杭州云栖科技有限公司", "宁波港湾物流股份有限公司")).isFalse();
        assertThat(share("杭州云栖科技有限公司", "杭州华星医药有限公司")).isFalse();
        assertThat(share("Quillfeather Analytics", "Bramblewood Logistics GmbH")).isFalse();
    }

    @Test
    void keysAreTheCompactNameItsCoreAndTheirOneCharacterDeletions() {
        assertThat(MatchKeys.keyStrings("杭州云栖科技")).containsExactlyInAnyOrder(
                "杭州云栖科技", "州云栖科技", "杭云栖科技", "杭州栖科技", "杭州云科技", "杭州云栖技", "杭州云栖科", "云栖科技");
        assertThat(MatchKeys.core("北京市云栖科技")).isEqualTo("云栖科技");
        assertThat(MatchKeys.core("杭州")).isEqualTo("杭州");
        // short names: no deletion (one or two characters would match far too many)
        assertThat(MatchKeys.keyStrings("云栖科技", false)).containsExactly("云栖科技");
        assertThat(MatchKeys.keyStrings("云栖科技")).containsExactlyInAnyOrder("云栖科技", "栖科技", "云科技", "云栖技", "云栖科");
        assertThat(MatchKeys.keyStrings("云栖科")).containsExactly("云栖科");
        assertThat(MatchKeys.keyStrings(null)).isEmpty();
        assertThat(MatchKeys.keyStrings(" ")).isEmpty();
    }

    @Test
    void longNamesHaveABoundedNumberOfKeys() {
        String longName = "a".repeat(10) + "b".repeat(100);
        assertThat(MatchKeys.of(longName).length).isLessThanOrEqualTo(MatchKeys.MAX_LENGTH + 4);
        assertThat(MatchKeys.hash("x")).isNotEqualTo(MatchKeys.hash("y"));
    }
}
