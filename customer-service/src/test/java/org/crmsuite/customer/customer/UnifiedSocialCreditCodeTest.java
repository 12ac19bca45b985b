package org.crmsuite.customer.customer;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedSocialCreditCodeTest {

    @Test
    void acceptsCodesWhoseCheckCharacterMatches() {
        assertThat(UnifiedSocialCreditCode.problem(withCheck("91330106MA27XY812"))).isNull();
        assertThat(UnifiedSocialCreditCode.problem(withCheck("91110108551385082"))).isNull();
    }

    @Test
    void detectsEverySingleCharacterSubstitution() {
        Random random = new Random(42);
        for (int n = 0; n < 200; n++) {
            String code = withCheck(randomBody(random));
            for (int i = 0; i < 18; i++) {
                for (char c : UnifiedSocialCreditCode.ALPHABET.toCharArray()) {
                    if (c != code.charAt(i)) {
                        String typo = code.substring(0, i) + c + code.substring(i + 1);
                        assertThat(UnifiedSocialCreditCode.isValid(typo)).as(typo).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void explainsWhatIsWrong() {
        assertThat(UnifiedSocialCreditCode.problem("9133")).isEqualTo("must have 18 characters, has 4");
        assertThat(UnifiedSocialCreditCode.problem("91330106MA27XY81IO")).contains("character 17 ('I') is not allowed");
        String valid = withCheck("91330106MA27XY812");
        char wrong = valid.charAt(17) == '0' ? '1' : '0';
        assertThat(UnifiedSocialCreditCode.problem(valid.substring(0, 17) + wrong)).contains("check character is '" + wrong + "'");
    }

    static String withCheck(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    private static String randomBody(Random random) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            body.append(UnifiedSocialCreditCode.ALPHABET.charAt(random.nextInt(31)));
        }
        return body.toString();
    }
}
