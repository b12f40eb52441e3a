package org.jgateway.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jgateway.transport.PeerFailures;
import org.junit.jupiter.api.Test;

/** A plaintext request on a TLS port: Netty reports it with the request's bytes, which must never reach a log. */
class PlaintextOnTlsTest {

    private static final String REQUEST = "GET /chat?token=s3cret-token HTTP/1.1\r\nCookie: sid=abc123\r\n\r\n";

    @Test
    void failureIsDescribedWithoutTheRequestBytes() {
        List<Throwable> failures = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(TlsTestSupport.server().newHandler(ByteBufAllocator.DEFAULT),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        failures.add(cause);
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
                            failures.add(tls.cause());
                        }
                    }
                });
        byte[] request = REQUEST.getBytes(StandardCharsets.US_ASCII);
        channel.writeInbound(Unpooled.wrappedBuffer(request));
        channel.finishAndReleaseAll();

        String hex = ByteBufUtil.hexDump(request).substring(0, 40);
        assertThat(failures).hasSizeGreaterThanOrEqualTo(2)
                // Netty's own text carries the request: the reason this class exists.
                .anySatisfy(failure -> assertThat(failure.toString()).contains(hex))
                .allSatisfy(failure -> {
                    assertThat(PeerFailures.isPlaintextOnTls(failure)).isTrue();
                    assertThat(PeerFailures.describe(failure))
                            .isEqualTo("not a TLS record (plaintext sent to a TLS port)")
                            .doesNotContain(hex);
                });
    }

    @Test
    void otherFailuresKeepTheirText() {
        IllegalStateException failure = new IllegalStateException("boom");
        assertThat(PeerFailures.isPlaintextOnTls(failure)).isFalse();
        assertThat(PeerFailures.describe(failure)).isEqualTo("java.lang.IllegalStateException: boom");
    }
}
