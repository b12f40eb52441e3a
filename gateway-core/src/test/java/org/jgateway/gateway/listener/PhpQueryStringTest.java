package org.jgateway.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PhpQueryStringTest {

    @Test
    void plainPairsInOrder() {
        assertThat(PhpQueryString.parse("a=1&b=2")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(PhpQueryString.parse("")).isEmpty();
        assertThat(PhpQueryString.parse(null)).isEmpty();
    }

    @Test
    void repeatedNameKeepsFirstPositionAndLastValue() {
        assertThat(PhpQueryString.parse("a=1&b=2&a=3")).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    }

    @Test
    void urlDecodingLikePhp() {
        assertThat(PhpQueryString.parse("q=a+b%20c%2Bd&%6e=%zz%4&e=%C3%A9"))
                .containsExactly(Map.entry("q", "a b c+d"), Map.entry("n", "%zz%4"), Map.entry("e", "é"));
        // Non-ASCII digits are not hex digits.
        assertThat(PhpQueryString.parse("x=%\u0661\u0662")).containsEntry("x", "%\u0661\u0662");
        assertThat(PhpQueryString.parse("k=\u00e9+\uD83D\uDE00")).containsEntry("k", "\u00e9 \uD83D\uDE00");
    }

    @Test
    void emptyNamesSkippedAndMissingValuesEmpty() {
        assertThat(PhpQueryString.parse("=1&&a&b=&=")).containsExactly(Map.entry("a", ""), Map.entry("b", ""));
    }

    @Test
    void namesAreMangledLikePhp() {
        assertThat(PhpQueryString.parse("a.b=1& c d=2&e[f=3&g[]=4"))
                .containsExactly(Map.entry("a_b", "1"), Map.entry("c_d", "2"), Map.entry("e_f", "3"),
                        Map.entry("g[]", "4"));
    }

    @Test
    void cookiesSplitOnSemicolonWithOptionalSpace() {
        assertThat(PhpQueryString.parseCookies("sid=s1; a=b;c=%41+1"))
                .containsExactly(Map.entry("sid", "s1"), Map.entry("a", "b"), Map.entry("c", "A 1"));
        assertThat(PhpQueryString.parseCookies(null)).isEmpty();
    }
}
