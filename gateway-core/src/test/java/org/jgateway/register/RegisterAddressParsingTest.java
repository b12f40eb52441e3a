package org.jgateway.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterAddressParsingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1:1236 | 127.0.0.1 | 1236",
            "register.internal:1 | register.internal | 1",
            "reg-1.example.com:65535 | reg-1.example.com | 65535",
            "[::1]:1236 | ::1 | 1236",
            "[fe80::1%eth0]:1236 | fe80::1%eth0 | 1236",
    })
    void parses(String value, String host, int port) {
        HostAndPort parsed = HostAndPort.parse(value);
        assertThat(parsed).isEqualTo(new HostAndPort(host, port));
        assertThat(parsed.toString()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1 | the port is missing",
            "text://127.0.0.1:1236 | without a scheme",
            "tcp://127.0.0.1:1236 | without a scheme",
            ":1236 | the host is missing",
            "127.0.0.1: | is not a number",
            "127.0.0.1:abc | is not a number",
            "127.0.0.1:0 | 1-65535",
            "127.0.0.1:65536 | 1-65535",
            "127.0.0.1:123456 | is not a number",
            "127.0.0.1:-1 | is not a number",
            "::1:1236 | in brackets",
            "[::1]1236 | [address]:port",
            "[nope]:1236 | is not an IPv6 address",
            "host_:1236 | is not a host name",
            "a/b:1236 | is not a host name",
            "'127.0.0.1:1236,127.0.0.2:1236' | as a list",
    })
    void rejectsWithAReason(String value, String reason) {
        assertThatThrownBy(() -> HostAndPort.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid register address '" + value + "'")
                .hasMessageContaining(reason)
                .hasMessageContaining("expected host:port");
    }

    @ParameterizedTest
    @ValueSource(strings = {" 127.0.0.1:1236", "127.0.0.1:1236 ", "127.0.0.1 :1236", ""})
    void rejectsWhitespaceAndEmpty(String value) {
        assertThatThrownBy(() -> HostAndPort.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected host:port");
    }
}
