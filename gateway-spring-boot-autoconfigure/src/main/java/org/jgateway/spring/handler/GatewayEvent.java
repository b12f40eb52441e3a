package org.jgateway.spring.handler;

import java.lang.annotation.Annotation;
import org.jgateway.spring.annotation.OnClose;
import org.jgateway.spring.annotation.OnConnect;
import org.jgateway.spring.annotation.OnMessage;
import org.jgateway.spring.annotation.OnWebSocketConnect;
import org.jgateway.spring.annotation.OnWorkerStart;
import org.jgateway.spring.annotation.OnWorkerStop;

/** The worker events a handler method can be annotated for, with what each offers its methods. */
enum GatewayEvent {

    WORKER_START(OnWorkerStart.class, false, false),
    CONNECT(OnConnect.class, true, true),
    WEBSOCKET_CONNECT(OnWebSocketConnect.class, true, true),
    MESSAGE(OnMessage.class, true, true),
    CLOSE(OnClose.class, true, false),
    WORKER_STOP(OnWorkerStop.class, false, false);

    private final Class<? extends Annotation> annotationType;
    private final boolean clientEvent;
    private final boolean replyable;

    GatewayEvent(Class<? extends Annotation> annotationType, boolean clientEvent, boolean replyable) {
        this.annotationType = annotationType;
        this.clientEvent = clientEvent;
        this.replyable = replyable;
    }

    Class<? extends Annotation> annotationType() {
        return annotationType;
    }

    /** Whether the event concerns one client (and so has an {@code EventContext}, a client id and a session). */
    boolean isClientEvent() {
        return clientEvent;
    }

    /** Whether a method's return value can be sent to the client: not when there is none, or it is gone. */
    boolean isReplyable() {
        return replyable;
    }

    /** {@code @OnConnect} and the like, as users write it. */
    String annotationName() {
        return "@" + annotationType.getSimpleName();
    }
}
