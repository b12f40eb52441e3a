package org.jgateway.spring.handler;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jgateway.spring.annotation.OnMessage;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the event methods of a handler bean, validates them and turns each into a ready-to-call
 * {@link EventHandlerMethod}. The bean's class is inspected through any proxy, while methods are invoked on the bean
 * itself, so that proxy advice (transactions, security...) applies.
 */
final class EventHandlerMethodDetector {

    private static final Log logger = LogFactory.getLog(EventHandlerMethodDetector.class);

    private final ArgumentResolverFactory argumentResolvers;
    private final ReplySender replySender;
    private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

    EventHandlerMethodDetector(JsonMapper jsonMapper) {
        this.argumentResolvers = new ArgumentResolverFactory(jsonMapper);
        this.replySender = new ReplySender(jsonMapper);
    }

    /**
     * @return the bean's event methods in declaration order
     * @throws InvalidEventHandlerException for the first method that cannot be called as declared
     */
    List<EventHandlerMethod> detect(Object bean) {
        Class<?> targetClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
        Map<Method, List<GatewayEvent>> annotated = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<List<GatewayEvent>>) method -> {
                    List<GatewayEvent> events = eventsOf(method);
                    return events.isEmpty() ? null : events;
                });
        if (annotated.isEmpty()) {
            logger.warn("Gateway event handler " + targetClass.getName() + " has no event methods (@OnConnect, "
                    + "@OnMessage...): it handles nothing");
            return List.of();
        }
        List<Method> methods = new ArrayList<>(annotated.keySet());
        methods.sort(new DeclarationOrder(targetClass));
        List<EventHandlerMethod> handlerMethods = new ArrayList<>(methods.size());
        for (Method method : methods) {
            handlerMethods.add(create(bean, targetClass, method, annotated.get(method)));
        }
        return handlerMethods;
    }

    private EventHandlerMethod create(Object bean, Class<?> targetClass, Method method, List<GatewayEvent> events) {
        String description = describe(targetClass, method);
        if (events.size() > 1) {
            throw new InvalidEventHandlerException("Invalid event handler method " + description + ": it is annotated "
                    + events.stream().map(GatewayEvent::annotationName).collect(Collectors.joining(" and "))
                    + ", but a method handles one event. Declare one method per event (they can share a helper).");
        }
        GatewayEvent event = events.get(0);
        String invalid = "Invalid " + event.annotationName() + " method " + description + ": ";
        if (Modifier.isStatic(method.getModifiers())) {
            throw new InvalidEventHandlerException(invalid + "it is static. Make it an instance method of the bean.");
        }
        if (!Modifier.isPublic(method.getModifiers())) {
            throw new InvalidEventHandlerException(invalid + "it is not public. Make it public.");
        }
        if (!event.isReplyable() && method.getReturnType() != void.class) {
            throw new InvalidEventHandlerException(invalid + "it returns " + method.getReturnType().getSimpleName()
                    + ", but there is no client to send it to" + (event == GatewayEvent.CLOSE ? " (it is gone)" : "")
                    + ". Make it return void.");
        }
        String messageType = null;
        if (event == GatewayEvent.MESSAGE) {
            String type = AnnotatedElementUtils.findMergedAnnotation(method, OnMessage.class).type();
            messageType = type.isEmpty() ? null : type;
        }
        ArgumentResolver[] resolvers = argumentResolvers.create(parameters(method, targetClass), event, description);
        Method invocable = invocableMethod(bean, method, invalid);
        ReflectionUtils.makeAccessible(invocable);
        return new EventHandlerMethod(bean, invocable, description, event, messageType, resolvers,
                method.getReturnType() == void.class ? null : replySender);
    }

    /** Parameters with annotations merged from overridden declarations, generics resolved against the bean class. */
    private MethodParameter[] parameters(Method method, Class<?> targetClass) {
        MethodParameter[] parameters = new AnnotatedMethod(method) {
            @Override
            protected Class<?> getContainingClass() {
                return targetClass;
            }
        }.getMethodParameters();
        for (MethodParameter parameter : parameters) {
            parameter.initParameterNameDiscovery(parameterNames);
        }
        return parameters;
    }

    private static Method invocableMethod(Object bean, Method method, String invalid) {
        try {
            return AopUtils.selectInvocableMethod(method, bean.getClass());
        } catch (IllegalStateException e) {
            throw new InvalidEventHandlerException(invalid + "the bean is a JDK proxy that does not expose it. "
                    + "Declare the method on an interface the bean implements, or proxy the target class.", e);
        }
    }

    private static List<GatewayEvent> eventsOf(Method method) {
        List<GatewayEvent> events = new ArrayList<>(1);
        for (GatewayEvent event : GatewayEvent.values()) {
            Class<? extends Annotation> annotationType = event.annotationType();
            if (AnnotatedElementUtils.hasAnnotation(method, annotationType)) {
                events.add(event);
            }
        }
        return events;
    }

    /** {@code Bean.method(ParameterTypes)}, as failure messages name a method. */
    static String describe(Class<?> beanClass, Method method) {
        return beanClass.getSimpleName() + '.' + method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
