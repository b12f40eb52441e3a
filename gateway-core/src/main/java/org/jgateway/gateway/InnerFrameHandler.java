package org.jgateway.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.QueryReplyCodec;
import org.jgateway.protocol.SecretKey;
import org.jgateway.transport.PeerFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one inner connection: a business worker (after {@code CMD_WORKER_CONNECT} it becomes a routing target),
 * or an API client; executes their commands and answers their queries in arrival order.
 * <p>
 * A query is answered after the gateway's inner loop has polled its sockets once more ({@link AfterNextIoRound}):
 * a command written to the gateway before the query, on another connection that may not have been read yet (one
 * accepted in this very round, say), is applied by then. Commands that follow a deferred query on the same
 * connection wait behind it, so a connection's frames still take effect in order. Commands are otherwise applied at
 * once: only queries pay, one loop iteration.
 * <p>
 * A {@code RECOVER} whose history the store has not read yet does not hold up the loop: it is answered when the read
 * completes, on this connection's loop, and meanwhile the frames this connection sent after it wait behind it (then
 * run in order) while every other connection of the loop is served. Recoveries that follow one another on the
 * connection are the exception: each starts as soon as its turn comes, so their reads go to the store together (a
 * worker recovering thousands of reconnecting clients waits for one store round trip, not for one per client), and
 * their replies still go out in the order they were asked for. A connection that closes meanwhile gets no reply.
 */
final class InnerFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InnerFrameHandler.class);

    private final GatewayCommandHandler commands;
    private final WorkerDirectory workers;
    private final AfterNextIoRound queryRound;
    private final GatewayStats stats;
    private final SecretKey secret;
    private final EventForwarder forwarder;
    private final UnconfirmedBudget unconfirmedBudget;
    private ChannelWorkerLink worker;
    /** Queries of this connection, and commands behind them, waiting for the next I/O round. */
    private int deferred;
    /** Replies to this connection's recoveries whose history is still being read, in the order they were asked for. */
    private final ArrayDeque<CompletableFuture<byte[]>> unanswered = new ArrayDeque<>();
    /** This connection's frames that wait for those recoveries, in arrival order; each had its I/O round. */
    private final ArrayDeque<Step> waiting = new ArrayDeque<>();

    /** A frame's turn: a recovery may start while earlier recoveries are still read, anything else may not. */
    private record Step(boolean recovery, Runnable run) {
    }

    InnerFrameHandler(GatewayCommandHandler commands, WorkerDirectory workers, AfterNextIoRound queryRound,
            GatewayStats stats, SecretKey secret, EventForwarder forwarder, UnconfirmedBudget unconfirmedBudget) {
        this.commands = commands;
        this.forwarder = forwarder;
        this.unconfirmedBudget = unconfirmedBudget;
        this.workers = workers;
        this.queryRound = queryRound;
        this.stats = stats;
        this.secret = secret;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        GatewayFrame frame = (GatewayFrame) msg;
        int cmd = frame.cmd();
        switch (cmd) {
            case GatewayCommand.WORKER_CONNECT -> workerConnect(ctx, frame);
            case GatewayCommand.GATEWAY_CLIENT_CONNECT -> {
                if (secret.required() && !secret.matches(frame.body())) {
                    reject(ctx, frame);
                }
            }
            case GatewayCommand.PING -> {
            }
            case GatewayCommand.WORKER_LEAVING -> workerLeaving(ctx);
            case GatewayCommand.WORKER_ACK -> {
                if (worker != null) {
                    worker.confirmed(frame.connectionId());
                }
            }
            default -> {
                if (GatewayCommand.isQuery(cmd)) {
                    defer(cmd == GatewayCommand.RECOVER, () -> answer(ctx, frame));
                } else if (deferred > 0 || !unanswered.isEmpty()) {
                    defer(false, () -> execute(ctx, frame));
                } else {
                    execute(ctx, frame);
                }
            }
        }
    }

    private void workerConnect(ChannelHandlerContext ctx, GatewayFrame frame) {
        if (secret.required() && !secret.matches(frame.body())) {
            reject(ctx, frame);
            return;
        }
        String workerKey = SecretKey.field(frame.body(), "worker_key");
        if (workerKey == null || workerKey.isEmpty() || worker != null) {
            stats.invalidCommands.increment();
            log.warn("Bad CMD_WORKER_CONNECT from {}: closing", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        worker = new ChannelWorkerLink(ctx.channel(), remote.getAddress().getHostAddress() + ':' + workerKey, stats);
        if ("true".equals(SecretKey.field(frame.body(), "acks"))) {
            // Tell the worker we take its confirmations; PHP workers never ask, so never see this extension. Its
            // events are kept until confirmed unless it asked for at-most-once delivery.
            boolean atLeastOnce = !"at-most-once".equals(SecretKey.field(frame.body(), "delivery"));
            worker.enableAcks(atLeastOnce ? unconfirmedBudget : null);
            ctx.writeAndFlush(GatewayFrame.command(GatewayCommand.WORKER_ACK, 0, 0, null, null), ctx.voidPromise());
        }
        workers.joined(worker, false);
    }

    /**
     * The worker is stopping: route no more clients to it, then confirm on its connection. The confirmation follows
     * every event already written to it, so once the worker reads it nothing else of ours is on the way.
     */
    private void workerLeaving(ChannelHandlerContext ctx) {
        if (worker == null) {
            stats.invalidCommands.increment();
            return;
        }
        // Queued behind the events already on their way to the worker, so it really is the last thing it reads.
        worker.leave(GatewayFrame.command(GatewayCommand.WORKER_LEAVING, 0, 0, null, null));
        workers.left(worker);
    }

    private void reject(ChannelHandlerContext ctx, GatewayFrame frame) {
        stats.unauthorizedInner.increment();
        log.warn("Gateway: secret_key mismatch from {} ({}): closing", ctx.channel().remoteAddress(),
                GatewayCommand.nameOf(frame.cmd()));
        ctx.close();
    }

    private void defer(boolean recovery, Runnable task) {
        deferred++;
        queryRound.add(() -> {
            deferred--;
            waiting.add(new Step(recovery, task));
            runWaiting();
        });
    }

    /** Runs the waiting frames in order, as far as their turn has come. */
    private void runWaiting() {
        Step next;
        while ((next = waiting.peek()) != null && (next.recovery() || unanswered.isEmpty())) {
            waiting.poll();
            next.run().run();
        }
    }

    private void answer(ChannelHandlerContext ctx, GatewayFrame frame) {
        if (!ctx.channel().isActive()) {
            // The asker left before its answer was due: nobody to reply to.
            return;
        }
        CompletableFuture<byte[]> reply = commands.answerFrom(frame, ctx.channel().remoteAddress(), ctx.executor());
        if (reply.isDone() && unanswered.isEmpty()) {
            reply(ctx, reply.join());
            return;
        }
        unanswered.add(reply);
        // The recovery ends on this loop (finishOn above); its reply, in its turn, and the frames behind run there.
        reply.whenCompleteAsync((payload, never) -> answered(ctx), ctx.executor());
    }

    /** Replies to the recoveries whose turn has come (never fails: see answerFrom), then what waited behind them. */
    private void answered(ChannelHandlerContext ctx) {
        while (!unanswered.isEmpty() && unanswered.peek().isDone()) {
            byte[] payload = unanswered.poll().join();
            if (ctx.channel().isActive()) {
                reply(ctx, payload);
            }
        }
        runWaiting();
    }

    private static void reply(ChannelHandlerContext ctx, byte[] payload) {
        ctx.writeAndFlush(QueryReplyCodec.encode(ctx.alloc(), payload), ctx.voidPromise());
    }

    private void execute(ChannelHandlerContext ctx, GatewayFrame frame) {
        commands.executeFrom(frame, ctx.channel().remoteAddress());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (worker != null && ctx.channel().isWritable()) {
            worker.runWritableWaiters();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (worker != null) {
            workers.left(worker);
            if (workers.closing()) {
                // The gateway stops and closed the link itself, after its clients: the worker still reads what was
                // written before the close, and there is nobody to redeliver to.
                worker.runWritableWaiters();
                ctx.fireChannelInactive();
                return;
            }
            Set<ClientConnection> clients = worker.died();
            long lost = worker.lostEvents();
            if (lost > 0) {
                stats.eventsLostWithWorker.add(lost);
                log.warn("Business worker {} went away with {} event(s) not confirmed as handled and not kept for "
                        + "redelivery: counted as lost", worker.key(), lost);
            }
            if (!clients.isEmpty()) {
                log.info("Business worker {} went away with unconfirmed events of {} client(s): sending them again",
                        worker.key(), clients.size());
                forwarder.redeliver(worker, clients);
            }
            worker.runWritableWaiters();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            // An event written with the void promise after the worker went away. A worker that confirms has it
            // accounted for when the link died: redelivered, or counted as lost.
            if (worker == null || !worker.accountsForEvents()) {
                stats.eventsDroppedWorkerClosed.increment();
            }
            return;
        }
        if (cause instanceof DecoderException) {
            stats.innerProtocolErrors.increment();
            log.warn("Inner connection {} sent a bad frame: {}: closing", ctx.channel().remoteAddress(),
                    PeerFailures.describe(cause));
        } else if (cause instanceof IOException) {
            log.debug("Inner connection {} I/O error: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("Inner connection {} failed: closing", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
