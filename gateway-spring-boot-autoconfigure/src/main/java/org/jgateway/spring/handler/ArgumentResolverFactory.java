package org.jgateway.spring.handler;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgateway.client.GatewayApi;
import org.jgateway.spring.annotation.ClientId;
import org.jgateway.spring.annotation.HandshakeData;
import org.jgateway.spring.annotation.Payload;
import org.jgateway.spring.annotation.Redelivered;
import org.jgateway.spring.annotation.Session;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.EventContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.TypeFactory;

/**
 * Chooses, once at startup, how each parameter of a handler method gets its value, and rejects parameters the event
 * cannot provide. Parameters are recognised by annotation first ({@link ClientId}, {@link Session},
 * {@link HandshakeData}, {@link Payload}, {@link Redelivered}), then by type; in a message method, any other parameter is the message.
 */
final class ArgumentResolverFactory {

    private static final List<Class<? extends Annotation>> PARAMETER_ANNOTATIONS =
            List.of(ClientId.class, Session.class, HandshakeData.class, Payload.class, Redelivered.class);

    private final JsonMapper jsonMapper;

    ArgumentResolverFactory(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /**
     * @param parameters the method's parameters, with annotations merged from overridden declarations and the
     *                   containing class set to the bean's class (for generic parameter types)
     * @throws InvalidEventHandlerException naming {@code method} when a parameter cannot be resolved
     */
    ArgumentResolver[] create(MethodParameter[] parameters, GatewayEvent event, String method) {
        ArgumentResolver[] resolvers = new ArgumentResolver[parameters.length];
        MethodParameter messageParameter = null;
        for (MethodParameter parameter : parameters) {
            Problems problems = new Problems(event, method, parameter);
            List<Class<? extends Annotation>> annotations = parameterAnnotations(parameter);
            if (annotations.size() > 1) {
                throw problems.invalid("has " + names(annotations) + ", but a parameter can be only one of them",
                        "Keep one annotation.");
            }
            Class<? extends Annotation> annotation = annotations.isEmpty() ? null : annotations.get(0);
            boolean isMessage = annotation == Payload.class
                    || (annotation == null && event == GatewayEvent.MESSAGE && !isContextType(parameter));
            if (isMessage && messageParameter != null) {
                throw problems.invalid("is a second message parameter, after parameter " + describe(messageParameter),
                        "A method receives the message once: remove one, or mark the other as what it is "
                        + "(@ClientId, @Session...). " + supported(event));
            }
            if (isMessage) {
                messageParameter = parameter;
            }
            resolvers[parameter.getParameterIndex()] = annotation != null
                    ? annotated(annotation, parameter, problems)
                    : byType(parameter, problems);
        }
        return resolvers;
    }

    private ArgumentResolver annotated(Class<? extends Annotation> annotation, MethodParameter parameter,
            Problems problems) {
        GatewayEvent event = problems.event;
        if (annotation == ClientId.class) {
            requireClientEvent(problems, "@ClientId");
            if (parameter.getParameterType() != String.class) {
                throw problems.invalid("is @ClientId but not a String", "Declare it as String.");
            }
            return invocation -> invocation.context().clientId();
        }
        if (annotation == Session.class) {
            requireClientEvent(problems, "@Session");
            if (!isStringObjectMap(parameter)) {
                throw problems.invalid("is @Session but not a Map<String, Object>",
                        "Declare it as Map<String, Object>: the session holds any PHP-compatible value.");
            }
            return invocation -> invocation.context().session();
        }
        if (annotation == Redelivered.class) {
            requireClientEvent(problems, "@Redelivered");
            if (parameter.getParameterType() != boolean.class && parameter.getParameterType() != Boolean.class) {
                throw problems.invalid("is @Redelivered but not a boolean", "Declare it as boolean.");
            }
            return invocation -> invocation.context().isRedelivery();
        }
        if (annotation == HandshakeData.class) {
            if (event != GatewayEvent.WEBSOCKET_CONNECT) {
                throw problems.invalid("is @HandshakeData, which only @OnWebSocketConnect methods receive",
                        "Remove it, or read the handshake in an @OnWebSocketConnect method and keep what you need "
                                + "in the session.");
            }
            if (!isStringObjectMap(parameter)) {
                throw problems.invalid("is @HandshakeData but not a Map<String, Object>",
                        "Declare it as Map<String, Object>.");
            }
            return EventInvocation::handshakeData;
        }
        if (event != GatewayEvent.MESSAGE) {
            throw problems.invalid("is @Payload, but only @OnMessage methods receive a message",
                    "Remove it. " + supported(event));
        }
        return messageResolver(parameter);
    }

    private ArgumentResolver byType(MethodParameter parameter, Problems problems) {
        GatewayEvent event = problems.event;
        Class<?> type = parameter.getParameterType();
        if (type == GatewayApi.class) {
            return EventInvocation::api;
        }
        if (type == EventContext.class) {
            requireClientEvent(problems, "EventContext");
            return EventInvocation::context;
        }
        if (type == BusinessWorker.class) {
            if (event.isClientEvent()) {
                throw problems.invalid("is the BusinessWorker, which only @OnWorkerStart and @OnWorkerStop methods "
                        + "receive", "Use GatewayApi or EventContext instead. " + supported(event));
            }
            return EventInvocation::worker;
        }
        if (event == GatewayEvent.MESSAGE) {
            return messageResolver(parameter);
        }
        String hint = "";
        if (event.isClientEvent() && type == String.class) {
            hint = "If it is the client id, annotate it @ClientId. ";
        } else if (event.isClientEvent() && type == Map.class) {
            hint = event == GatewayEvent.WEBSOCKET_CONNECT
                    ? "Annotate it @Session or @HandshakeData. "
                    : "If it is the session, annotate it @Session. ";
        }
        throw problems.invalid("has a type " + event.annotationName() + " methods cannot receive",
                hint + supported(event));
    }

    private ArgumentResolver messageResolver(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        if (type == byte[].class) {
            return invocation -> invocation.message().bytes();
        }
        if (type == String.class) {
            return invocation -> invocation.message().text();
        }
        if (type == JsonNode.class) {
            return invocation -> invocation.message().tree();
        }
        // Type variables are resolved against the bean class, so that a generic base handler binds to the real type.
        JavaType javaType = javaType(ResolvableType.forMethodParameter(parameter));
        return invocation -> invocation.message().bind(javaType);
    }

    /**
     * Jackson's type for a resolved parameter type. Spring's {@code GenericTypeResolver} would give only the raw class
     * of a resolved type variable ({@code List} for {@code T = List<Point>}), so the generics are walked here.
     */
    private JavaType javaType(ResolvableType type) {
        TypeFactory types = jsonMapper.getTypeFactory();
        if (type.isArray() && !type.getComponentType().toClass().isPrimitive()) {
            return types.constructArrayType(javaType(type.getComponentType()));
        }
        Class<?> raw = type.toClass();
        if (!type.hasGenerics()) {
            return types.constructType(raw);
        }
        ResolvableType[] generics = type.getGenerics();
        JavaType[] parameters = new JavaType[generics.length];
        for (int i = 0; i < generics.length; i++) {
            parameters[i] = javaType(generics[i]);
        }
        return types.constructParametricType(raw, parameters);
    }

    private static void requireClientEvent(Problems problems, String what) {
        if (!problems.event.isClientEvent()) {
            throw problems.invalid("is " + what + ", but " + problems.event.annotationName()
                    + " is not about a client", "Remove it. " + supported(problems.event));
        }
    }

    /** Parameters that are never the message, even unannotated in a message method. */
    private static boolean isContextType(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == GatewayApi.class || type == EventContext.class || type == BusinessWorker.class;
    }

    private static boolean isStringObjectMap(MethodParameter parameter) {
        if (parameter.getParameterType() != Map.class) {
            return false;
        }
        ResolvableType map = ResolvableType.forMethodParameter(parameter);
        // Raw Map and Map<String, ?> are fine; Map<String, String> would promise what the session does not hold.
        return map.getGeneric(0).resolve(String.class) == String.class
                && map.getGeneric(1).resolve(Object.class) == Object.class;
    }

    private static List<Class<? extends Annotation>> parameterAnnotations(MethodParameter parameter) {
        List<Class<? extends Annotation>> found = new ArrayList<>();
        for (Class<? extends Annotation> annotation : PARAMETER_ANNOTATIONS) {
            if (parameter.hasParameterAnnotation(annotation)) {
                found.add(annotation);
            }
        }
        return found;
    }

    private static String names(List<Class<? extends Annotation>> annotations) {
        return String.join(" and ", annotations.stream().map(a -> "@" + a.getSimpleName()).toList());
    }

    /** What an event's methods may declare, for the fix part of a message. */
    static String supported(GatewayEvent event) {
        return switch (event) {
            case WORKER_START, WORKER_STOP -> event.annotationName() + " methods can receive BusinessWorker and "
                    + "GatewayApi.";
            case CONNECT, CLOSE -> event.annotationName() + " methods can receive EventContext, GatewayApi, "
                    + "@ClientId String, @Session Map<String, Object> and @Redelivered boolean.";
            case WEBSOCKET_CONNECT -> "@OnWebSocketConnect methods can receive EventContext, GatewayApi, "
                    + "@ClientId String, @Session Map<String, Object>, @Redelivered boolean and @HandshakeData "
                    + "Map<String, Object>.";
            case MESSAGE -> "@OnMessage methods can receive EventContext, GatewayApi, @ClientId String, "
                    + "@Session Map<String, Object>, @Redelivered boolean and one message parameter (byte[], String, JsonNode or a type "
                    + "bound from JSON, optionally marked @Payload).";
        };
    }

    static String describe(MethodParameter parameter) {
        String name = parameter.getParameterName();
        return (parameter.getParameterIndex() + 1) + " (" + parameter.getParameterType().getSimpleName()
                + (name != null ? " " + name : "") + ")";
    }

    /** Builds the failure for one parameter: which method, which parameter, what is wrong, how to fix it. */
    private record Problems(GatewayEvent event, String method, MethodParameter parameter) {

        InvalidEventHandlerException invalid(String problem, String fix) {
            return new InvalidEventHandlerException("Invalid " + event.annotationName() + " method " + method
                    + ": parameter " + describe(parameter) + " " + problem + ". " + fix);
        }
    }
}
