package org.jgateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jgateway.client.GatewayApi;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameDecoder;
import org.jgateway.protocol.GatewayFrameEncoder;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GatewayLinks} against a real gateway socket on port 0: it connects to what the registers list, reconnects a
 * listed gateway it lost, keeps an unlisted one's open connection but does not reconnect it, and carries commands.
 */
class GatewayLinksTest {

    private static final byte[] HI = "hi".getBytes(StandardCharsets.UTF_8);

    private final EventLoopResources resources = EventLoopResources.create(1, "links-test");
    private final List<Channel> accepted = new CopyOnWriteArrayList<>();
    private final Queue<GatewayFrame> commands = new ConcurrentLinkedQueue<>();
    private final Queue<String> lost = new ConcurrentLinkedQueue<>();
    private final Queue<GatewayFrame> events = new ConcurrentLinkedQueue<>();
    private final Channel gateway;
    private volatile boolean offerConfirmations;
    private final String address;
    private GatewayLinks links;

    GatewayLinksTest() throws InterruptedException {
        gateway = new ServerBootstrap().group(resources.group()).channel(resources.transport().serverChannelClass())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.add(ch);
                        ch.pipeline().addLast(new GatewayFrameDecoder(), GatewayFrameEncoder.INSTANCE,
                                new SimpleChannelInboundHandler<GatewayFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, GatewayFrame frame) {
                                        if (frame.cmd() == GatewayCommand.WORKER_CONNECT && offerConfirmations) {
                                            // What a JGateway gateway answers; a PHP one says nothing.
                                            ctx.writeAndFlush(GatewayFrame.command(GatewayCommand.WORKER_ACK, 0, 0, null,
                                                    null));
                                        }
                                        commands.add(frame);
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        address = "127.0.0.1:" + ((InetSocketAddress) gateway.localAddress()).getPort();
    }

    @AfterEach
    void close() {
        if (links != null) {
            links.close();
        }
        gateway.close().syncUninterruptibly();
        resources.close();
    }

    private GatewayLinks start() {
        links = new GatewayLinks(WorkerOptions.builder()
                .cluster(ClusterConnectionOptions.builder().reconnectDelay(Duration.ofMillis(20)).build()).build(), resources,
                new InJvmGateways());
        links.start(new GatewayLinkListener() {
            @Override
            public void received(GatewayConnection link, GatewayFrame frame) {
                events.add(frame);
            }

            @Override
            public void afterEventsOf(String clientId, Runnable task) {
                task.run();
            }

            @Override
            public void disconnected(GatewayConnection link) {
                lost.add(link.address());
            }
        });
        return links;
    }

    @Test
    void connectsToAListedGatewayAndCarriesCommands() {
        GatewayLinks links = start();
        links.addressesChanged(Set.of(address));
        await().atMost(Duration.ofSeconds(10)).until(() -> links.connectedAddresses().equals(List.of(address)));
        // The worker introduces itself first.
        await().atMost(Duration.ofSeconds(10)).until(() -> !commands.isEmpty());
        assertThat(commands.poll().cmd()).isEqualTo(GatewayCommand.WORKER_CONNECT);

        assertThat(links.send(address, GatewayFrame.command(GatewayCommand.SEND_TO_ALL, 0, 0, null, HI))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !commands.isEmpty());
        assertThat(commands.poll().cmd()).isEqualTo(GatewayCommand.SEND_TO_ALL);
        assertThat(links.send("127.0.0.1:1", GatewayFrame.command(GatewayCommand.SEND_TO_ALL, 0, 0, null, HI)))
                .as("a gateway the registers do not list").isFalse();
    }

    @Test
    void theirApiExistsBeforeTheWorkerThatUsesThemAndTheyServeOnlyThatWorker() {
        links = new GatewayLinks(WorkerOptions.builder().build(), resources, new InJvmGateways());
        // What a handler gets as a collaborator before the worker that runs it exists.
        GatewayApi api = links.api();
        BusinessWorker worker = new BusinessWorker(links, (context, message) -> { });
        try {
            assertThat(worker.api()).isSameAs(api);
            assertThat(worker.workerKey()).isEqualTo(links.workerKey());
            assertThatThrownBy(() -> new BusinessWorker(links, (context, message) -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already serve a business worker");
        } finally {
            worker.close();
        }
    }

    @Test
    void reconnectsAListedGatewayItLost() {
        GatewayLinks links = start();
        links.addressesChanged(Set.of(address));
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 1 && links.connectedAddresses().size() == 1);
        accepted.get(0).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 2 && links.connectedAddresses().size() == 1);
        assertThat(lost).containsExactly(address);
    }

    @Test
    void aReconnectedLinkConfirmsNothingUntilTheGatewayOnItsAddressTakesConfirmationsAgain() {
        offerConfirmations = true;
        GatewayLinks links = start();
        links.addressesChanged(Set.of(address));
        await().atMost(Duration.ofSeconds(10)).until(() -> links.get(address) != null && links.get(address).confirmsLeave());

        // A PHP gateway now listens on the address: no confirmation is sent to it and a leave does not wait for it.
        offerConfirmations = false;
        accepted.get(0).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 2 && links.connectedAddresses().size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> commands.stream()
                .filter(frame -> frame.cmd() == GatewayCommand.WORKER_CONNECT).count() == 2);
        assertThat(links.get(address).confirmsLeave()).isFalse();
    }

    @Test
    void keepsAnUnlistedGatewaysConnectionButDoesNotReconnectIt() {
        GatewayLinks links = start();
        links.addressesChanged(Set.of(address));
        await().atMost(Duration.ofSeconds(10)).until(() -> links.connectedAddresses().size() == 1);
        links.addressesChanged(Set.of());
        assertThat(links.connectedAddresses()).containsExactly(address);
        assertThat(links.gatewayAddresses()).containsExactly(address);

        accepted.get(0).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> links.gatewayAddresses().isEmpty());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> accepted.size() == 1);
    }

    @Test
    void readsNothingWhileReadingIsOff() {
        GatewayLinks links = start();
        links.setReading(false);
        boolean[] resumed = new boolean[1];
        links.whenReading(() -> resumed[0] = true);
        assertThat(resumed[0]).isFalse();
        // A link made while reading is off starts paused.
        links.addressesChanged(Set.of(address));
        await().atMost(Duration.ofSeconds(10)).until(() -> links.connectedAddresses().size() == 1);
        accepted.get(0).writeAndFlush(GatewayFrame.command(GatewayCommand.ON_MESSAGE, 1, 0, null, HI));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(events::isEmpty);

        links.setReading(true);
        assertThat(resumed[0]).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
        assertThat(events.poll().cmd()).isEqualTo(GatewayCommand.ON_MESSAGE);
    }
}
