package org.jgateway.protocol.php;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jgateway.protocol.php.PhpGoldenTraceTest.map;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhpArraysTest {

    @Test
    void normalizeKeyFollowsPhp() {
        assertThat(PhpArrays.normalizeKey("1")).isEqualTo(1L);
        assertThat(PhpArrays.normalizeKey("0")).isEqualTo(0L);
        assertThat(PhpArrays.normalizeKey("-5")).isEqualTo(-5L);
        assertThat(PhpArrays.normalizeKey("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(PhpArrays.normalizeKey("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        for (String stays : new String[] {"01", "-0", "+1", "1.0", " 1", "1 ", "", "-", "1e3", "0x1", "١",
            "9223372036854775808", "-9223372036854775809", "99999999999999999999", "abc"}) {
            assertThat(PhpArrays.normalizeKey(stays)).as(stays).isEqualTo(stays);
        }
        assertThat(PhpArrays.normalizeKey(7)).isEqualTo(7L);
        assertThat(PhpArrays.normalizeKey((short) 7)).isEqualTo(7L);
        assertThat(PhpArrays.normalizeKey((byte) -7)).isEqualTo(-7L);
        assertThat(PhpArrays.normalizeKey(7L)).isEqualTo(7L);
        assertThat(PhpArrays.normalizeKey(true)).isEqualTo(1L);
        assertThat(PhpArrays.normalizeKey(false)).isEqualTo(0L);
        assertThat(PhpArrays.normalizeKey(null)).isEqualTo("");
        assertThat(PhpArrays.normalizeKey(3.0)).isEqualTo(3L);
        assertThat(PhpArrays.normalizeKey(-0.0f)).isEqualTo(0L);
        assertThat(PhpArrays.normalizeKey(new StringBuilder("12"))).isEqualTo(12L);
        assertThat(PhpArrays.normalizeKey("42".getBytes(StandardCharsets.UTF_8))).isEqualTo(42L);
        assertThat(PhpArrays.normalizeKey("é".getBytes(StandardCharsets.UTF_8))).isEqualTo("é");
    }

    @Test
    void normalizeKeyRejectsLossyKeys() {
        for (Object bad : new Object[] {1.5, Double.NaN, Double.POSITIVE_INFINITY, 0x1p63, new byte[] {(byte) 0xFF},
            new Object(), List.of()}) {
            assertThatThrownBy(() -> PhpArrays.normalizeKey(bad)).isInstanceOf(PhpSerializationException.class);
        }
        assertThat(PhpArrays.normalizeKey(-0x1p63)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void asMapCopiesAndNormalises() {
        Map<Object, Object> source = map("1", "a", "k", "b");
        Map<Object, Object> copy = PhpArrays.asMap(source);
        assertThat(copy).isEqualTo(map(1L, "a", "k", "b")).isNotSameAs(source);
        assertThat(PhpArrays.asMap(List.of("x", "y"))).isEqualTo(map(0L, "x", 1L, "y"));
        assertThat(PhpArrays.asMap(List.of())).isEmpty();
        assertThat(PhpArrays.asMap(map("1", "a", 1, "b", "z", "c"))).containsExactly(
                Map.entry(1L, "b"), Map.entry("z", "c"));
        assertThatThrownBy(() -> PhpArrays.asMap("x")).isInstanceOf(PhpSerializationException.class);
        assertThatThrownBy(() -> PhpArrays.asMap(null)).isInstanceOf(PhpSerializationException.class);
    }

    /** The examples of the PHP manual page for array_replace_recursive. */
    @Test
    void replaceRecursiveLikeThePhpManual() {
        Map<Object, Object> base = map("citrus", List.of("orange"), "berries", List.of("blackberry", "raspberry"));
        Map<Object, Object> replacements = map("citrus", List.of("pineapple"), "berries", List.of("blueberry"));
        assertThat(PhpArrays.replaceRecursive(base, replacements)).isEqualTo(
                map("citrus", List.of("pineapple"), "berries", List.of("blueberry", "raspberry")));

        Map<Object, Object> base2 = map("citrus", List.of("orange"), "berries", List.of("blackberry", "raspberry"),
                "others", "banana");
        Map<Object, Object> r1 = map("citrus", "pineapple", "berries", List.of("blueberry"), "others",
                List.of("litchis"));
        Map<Object, Object> r2 = map("citrus", List.of("pineapple"), "berries", List.of("blueberry"), "others",
                "litchis");
        assertThat(PhpArrays.replaceRecursive(PhpArrays.replaceRecursive(base2, r1), r2)).isEqualTo(
                map("citrus", List.of("pineapple"), "berries", List.of("blueberry", "raspberry"), "others", "litchis"));
    }

    @Test
    void replaceRecursiveForSessionUpdates() {
        Map<Object, Object> stored = map("k", "v", "user", map("id", 5L, "roles", List.of("a", "b")));
        Map<Object, Object> update = map("n", 1L, "user", map("name", "x", "roles", map(1L, "c")), "k", null);
        Map<Object, Object> merged = PhpArrays.replaceRecursive(stored, update);
        assertThat(merged).isEqualTo(map("k", null, "user", map("id", 5L, "roles", List.of("a", "c"), "name", "x"),
                "n", 1L));
        assertThat(((Map<?, ?>) merged.get("user")).get("roles")).isInstanceOf(List.class);
        assertThat(stored).isEqualTo(map("k", "v", "user", map("id", 5L, "roles", List.of("a", "b")))); // untouched
        // Keys of both sides are PHP keys: "0" replaces 0; an array replaces a scalar and vice versa.
        assertThat(PhpArrays.replaceRecursive(map(0L, "a", "s", "x"), map("0", "b", "s", List.of(1L))))
                .isEqualTo(map(0L, "b", "s", List.of(1L)));
        assertThat(PhpArrays.replaceRecursive(map("s", List.of(1L)), map("s", "x"))).isEqualTo(map("s", "x"));
        // Recursion that leaves gaps gives a map, not a list.
        assertThat(PhpArrays.replaceRecursive(map("l", List.of("a")), map("l", map(2L, "c"))))
                .isEqualTo(map("l", map(0L, "a", 2L, "c")));
        assertThat(PhpArrays.replaceRecursive(map(), map())).isEmpty();
    }

    @Test
    void replaceRecursiveMatchesTheSerializedUpdateSessionFlow() {
        byte[] stored = "a:1:{s:1:\"k\";s:1:\"v\";}".getBytes(StandardCharsets.UTF_8);
        byte[] partial = "a:1:{s:1:\"n\";i:1;}".getBytes(StandardCharsets.UTF_8);
        Map<Object, Object> merged = PhpArrays.replaceRecursive((Map<?, ?>) PhpUnserializer.unserialize(stored),
                (Map<?, ?>) PhpUnserializer.unserialize(partial));
        assertThat(new String(PhpSerializer.serialize(merged), StandardCharsets.UTF_8))
                .isEqualTo("a:2:{s:1:\"k\";s:1:\"v\";s:1:\"n\";i:1;}"); // the golden trace's session
        assertThat(Arrays.asList(merged.keySet().toArray())).containsExactly("k", "n");
    }
}
