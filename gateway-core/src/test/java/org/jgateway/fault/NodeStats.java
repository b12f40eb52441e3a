package org.jgateway.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.io.File;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.gateway.ClientBacklogSampler;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.GatewayStats;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.register.RegisterServer;
import org.jgateway.test.LeakRecorder;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerStats;

/** What a {@link NodeMain} reports on its {@code STATS} line: its role's counters and its own memory. */
final class NodeStats {

    /** Leaks reported since the node started (the recorder forgets what it hands out). */
    private static final AtomicInteger LEAKS = new AtomicInteger();

    private NodeStats() {
    }

    static Map<String, Object> register(RegisterServer register) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registerGateways", register.gatewayAddresses().size());
        m.put("registerConnections", register.stats().connections());
        return m;
    }

    /** With a {@code sampler}, also {@code largestClientBacklog}: the most bytes one client held in any sample. */
    static Map<String, Object> gateway(GatewayServer gateway, ClientBacklogSampler sampler) {
        ListenerStatus l = gateway.listeners().get(0);
        GatewayStats s = l.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clients", l.clients());
        m.put("workers", l.workers().size());
        m.put("clientsWaitingForWorker", l.clientsWaitingForWorker());
        m.put("connectedRegisters", gateway.connectedRegisters());
        m.put("clientMessagesIn", s.clientMessagesIn());
        m.put("eventsToWorkers", s.eventsToWorkers());
        m.put("connectionsAccepted", s.connectionsAccepted());
        m.put("eventsHeld", s.eventsHeld());
        m.put("eventsDroppedNoWorker", s.eventsDroppedNoWorker());
        m.put("eventsDroppedWorkerClosed", s.eventsDroppedWorkerClosed());
        m.put("eventsLostWithWorker", s.eventsLostWithWorker());
        m.put("eventsRedelivered", s.eventsRedelivered());
        m.put("eventsNotKept", s.eventsNotKept());
        m.put("clientsClosedNoWorker", s.clientsClosedNoWorker());
        m.put("sendDroppedSlowConsumer", s.sendDroppedSlowConsumer());
        m.put("clientsClosedSlowConsumer", s.clientsClosedSlowConsumer());
        m.put("sendDroppedClosed", s.sendDroppedClosed());
        m.put("readsPausedForWorker", s.readsPausedForWorker());
        m.put("acceptFailures", s.acceptFailures());
        m.put("messagesSent", l.commandStats().messagesSent());
        m.put("acceptPauses", s.acceptPauses());
        m.put("workersStalled", s.workersStalled());
        m.put("stalledRegisters", gateway.stalledRegisters());
        if (sampler != null) {
            m.put("largestClientBacklog", sampler.largest());
        }
        return m;
    }

    static Map<String, Object> worker(BusinessWorker worker) {
        WorkerStats s = worker.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workerKey", worker.workerKey());
        m.put("connectedGateways", worker.connectedGateways());
        m.put("connectedRegisters", worker.connectedRegisters());
        m.put("eventsReceived", s.eventsReceived());
        m.put("eventsHandled", s.eventsHandled());
        m.put("pendingEvents", worker.pendingEvents());
        m.put("handlerErrors", s.handlerErrors());
        m.put("commandsDropped", s.commandsDropped());
        m.put("eventsAbandonedAtStop", s.eventsAbandonedAtStop());
        m.put("readPauses", s.readPauses());
        m.put("gatewaysStalled", s.gatewaysStalled());
        m.put("stalledRegisters", worker.stalledRegisters());
        return m;
    }

    /**
     * Heap after a full collection, direct memory (Netty's counter, the JDK's direct pool and the default
     * allocator's own figure), open file descriptors, threads, and the leaks Netty's detector reported.
     */
    static Map<String, Object> memory() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            pollLeakDetector();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heapUsed", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        m.put("nettyDirect", PlatformDependent.usedDirectMemory());
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                m.put("jdkDirect", pool.getMemoryUsed());
            }
        }
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            ByteBufAllocatorMetric metric = provider.metric();
            m.put("allocatorDirect", metric.usedDirectMemory());
            m.put("allocatorHeap", metric.usedHeapMemory());
        }
        String[] fds = new File("/proc/self/fd").list();
        m.put("openFds", fds == null ? -1 : fds.length);
        m.put("fdKinds", fdKinds(fds));
        m.put("threads", Thread.activeCount());
        m.put("leaks", LEAKS.addAndGet(LeakRecorder.drain().size()));
        return m;
    }

    /** Open descriptors by kind (socket, pipe, anon_inode, file), to tell a leaked socket from a loaded jar. */
    private static Map<String, Integer> fdKinds(String[] fds) {
        Map<String, Integer> kinds = new TreeMap<>();
        if (fds == null) {
            return kinds;
        }
        for (String fd : fds) {
            String kind;
            try {
                String target = Files.readSymbolicLink(Path.of("/proc/self/fd", fd)).toString();
                int colon = target.indexOf(':');
                kind = target.startsWith("/") ? "file" : colon > 0 ? target.substring(0, colon) : target;
            } catch (IOException e) {
                // Closed while listing.
                continue;
            }
            kinds.merge(kind, 1, Integer::sum);
        }
        return kinds;
    }

    /** The detector reports a leak only when a later tracked allocation polls its queue of collected buffers. */
    private static void pollLeakDetector() {
        for (int i = 0; i < 16; i++) {
            ByteBuf direct = ByteBufAllocator.DEFAULT.directBuffer(16);
            direct.release();
        }
    }
}
