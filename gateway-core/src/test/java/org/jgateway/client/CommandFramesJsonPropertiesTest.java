package org.jgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The uid list of a SEND_TO_UID frame, written without Jackson, is byte for byte what Jackson writes. */
class CommandFramesJsonPropertiesTest {

    @Test
    void aListOfStringsIsWrittenAsJacksonWritesIt() {
        qt().withExamples(3000).forAll(lists().of(ids()).ofSizeBetween(0, 4)).checkAssert(values ->
                assertThat(CommandFrames.jsonArray(values)).as("%s", values)
                        .isEqualTo(CommandFrames.json(List.copyOf(values))));
    }

    @Test
    void escapesAreThoseOfJson() {
        assertThat(new String(CommandFrames.jsonArray(List.of("a\"b\\c", "\n\u0001\u001f", "é中😀", "")),
                StandardCharsets.UTF_8)).isEqualTo("[\"a\\\"b\\\\c\",\"\\n\\u0001\\u001F\",\"é中😀\",\"\"]");
    }

    /** Strings over every BMP character below 0x100 (controls, quotes, backslash), a few wider ones and surrogates. */
    private static Gen<String> ids() {
        String wide = "é中\u2028\uFFFF\uD83D\uDE00\uD800";
        Gen<Character> chars = integers().between(0, 0xFF + wide.length())
                .map(i -> i <= 0xFF ? (char) (int) i : wide.charAt(i - 0x100));
        return lists().of(chars).ofSizeBetween(0, 8).map(list -> {
            StringBuilder text = new StringBuilder();
            list.forEach(text::append);
            return text.toString();
        });
    }
}
