package org.crmsuite.ticket.knowledge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTermsTest {

    @Test
    void chineseIsIndexedByCharactersAndPairsLatinByWordsAndFullWidthIsFolded() {
        assertThat(SearchTerms.index("重开发票")).containsExactlyInAnyOrder("重", "开", "发", "票", "重开", "开发", "发票");
        assertThat(SearchTerms.index("How to re-issue an Invoice")).contains("how", "re", "issue", "invoice");
        assertThat(SearchTerms.index("ＶＰＮ连接")).contains("vpn", "连接");
        assertThat(SearchTerms.index("Office365登录失败")).contains("office365", "登录", "失败", "录失");
    }

    @Test
    void queriesUsePairsSoEveryQueryTermIsInTheIndexOfAMatchingText() {
        assertThat(SearchTerms.query("发票")).containsExactly("发票");
        assertThat(SearchTerms.query("票")).containsExactly("票");
        assertThat(SearchTerms.query("重新 开具发票")).containsExactlyInAnyOrder("重新", "开具", "具发", "发票");
        assertThat(SearchTerms.index("如何重新开具发票")).containsAll(SearchTerms.query("重新 开具发票"));
        assertThat(SearchTerms.query("  ")).isEmpty();
    }
}
