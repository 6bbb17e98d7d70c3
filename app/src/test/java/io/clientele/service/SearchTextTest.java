package io.clientele.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {
    @Test
    void chineseIsIndexedAsCharactersAndPairsAndEnglishAsWords() {
        SearchText.Parts parts = SearchText.document("如何退货? Return a broken kettle");
        assertThat(parts.latin()).isEqualTo("Return a broken kettle");
        assertThat(parts.cjk()).isEqualTo("如 何 退 货 如何 何退 退货");
    }

    @Test
    void aChinesePhraseIsSearchedAsItsPairsAndALoneCharacterAsItself() {
        assertThat(SearchText.query("退货流程").cjk()).isEqualTo("退货 货流 流程");
        assertThat(SearchText.query("茶").cjk()).isEqualTo("茶");
        assertThat(SearchText.query("保修，电池").cjk()).as("punctuation ends a run").isEqualTo("保修 电池");
    }

    @Test
    void mixedTextKeepsDigitsAndDropsPunctuation() {
        SearchText.Parts parts = SearchText.query("型号X200的保修期?");
        assertThat(parts.latin()).isEqualTo("X200");
        assertThat(parts.cjk()).isEqualTo("型号 的保 保修 修期");
    }
}
