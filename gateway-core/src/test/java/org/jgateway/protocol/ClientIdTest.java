package org.jgateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIdTest {

    @Test
    void documentedExamples() {
        assertThat(ClientId.format(Ipv4.parse("127.0.0.1"), 2900, 1)).isEqualTo("7f0000010b5400000001");
        assertThat(ClientId.format(Ipv4.parse("192.168.1.10"), 2901, 70000)).isEqualTo("c0a8010a0b5500011170");
        ClientId observed = ClientId.parse("7f0000010f3c00000002");
        assertThat(observed.gatewayAddress()).isEqualTo("127.0.0.1:3900");
        assertThat(observed.connectionIdUnsigned()).isEqualTo(2);
    }

    @Test
    void unsignedExtremesRoundTrip() {
        ClientId max = new ClientId(0xffffffff, 65535, 0xffffffff);
        assertThat(max.toString()).isEqualTo("ffffffffffffffffffff");
        assertThat(ClientId.parse("ffffffffffffffffffff")).isEqualTo(max);
        assertThat(max.connectionIdUnsigned()).isEqualTo(4294967295L);
        assertThat(max.gatewayAddress()).isEqualTo("255.255.255.255:65535");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "7f0000010b540000000", "7f0000010b54000000011", "7F0000010B5400000001",
            "7f0000010b540000000g", " 7f0000010b540000000", "7f000001-b5400000001"})
    void rejectsMalformed(String text) {
        assertThat(ClientId.isValid(text)).isFalse();
        assertThatThrownBy(() -> ClientId.parse(text)).isInstanceOf(InvalidClientIdException.class)
                .hasMessageContaining("20 lowercase hex");
    }

    @Test
    void ipv4ParsingIsStrict() {
        assertThat(Ipv4.parse("10.0.0.255")).isEqualTo(0x0a0000ff);
        assertThat(Ipv4.toString(0x0a0000ff)).isEqualTo("10.0.0.255");
        for (String bad : new String[] {"1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "a.b.c.d", "1.2.3.4 ", "", "1234.1.1.1"}) {
            assertThat(Ipv4.isValid(bad)).as(bad).isFalse();
        }
    }
}
