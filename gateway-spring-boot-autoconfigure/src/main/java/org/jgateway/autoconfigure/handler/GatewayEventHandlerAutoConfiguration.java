package org.jgateway.autoconfigure.handler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jgateway.autoconfigure.GatewayProperties;
import org.jgateway.spring.annotation.GatewayEventHandler;
import org.jgateway.spring.handler.AnnotatedEventHandlerDispatcher;
import org.jgateway.worker.WorkerEventHandler;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.annotation.OrderUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contributes the business worker's {@link WorkerEventHandler}: an {@link AnnotatedEventHandlerDispatcher} over every
 * {@link GatewayEventHandler @GatewayEventHandler} bean, ordered by {@code Ordered} / {@code @Order}. Nothing when
 * there is no such bean, or when the application defines its own {@code WorkerEventHandler}.
 * <p>
 * Messages are routed to {@code @OnMessage(type = ...)} methods by the JSON field named by
 * {@code gateway.worker.message-type-field} (default {@code type}); JSON is bound and written with the application's
 * {@link JsonMapper} bean, or Jackson's shared mapper when there is none.
 */
@AutoConfiguration(beforeName = "org.jgateway.autoconfigure.GatewayAutoConfiguration",
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBean(annotation = GatewayEventHandler.class)
@EnableConfigurationProperties(GatewayProperties.class)
public final class GatewayEventHandlerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(WorkerEventHandler.class)
    public AnnotatedEventHandlerDispatcher gatewayEventHandlerDispatcher(ListableBeanFactory beanFactory,
            ObjectProvider<JsonMapper> jsonMapper, GatewayProperties properties) {
        String messageTypeField = properties.getWorker().getMessageTypeField();
        // Handler beans are looked up once all singletons exist: they may depend on the worker, which needs us.
        return new AnnotatedEventHandlerDispatcher(() -> handlerBeans(beanFactory),
                () -> jsonMapper.getIfUnique(JsonMapper::shared), messageTypeField);
    }

    /**
     * The handler beans by {@link Ordered}, else {@link Order @Order} on the bean's class or {@code @Bean} method (or
     * {@code @Priority}); beans of equal order keep their registration order.
     */
    private static List<Object> handlerBeans(ListableBeanFactory beanFactory) {
        Map<String, Object> beans = beanFactory.getBeansWithAnnotation(GatewayEventHandler.class);
        Map<Object, Integer> orders = new IdentityHashMap<>();
        beans.forEach((name, bean) -> orders.put(bean, order(beanFactory, name, bean)));
        List<Object> handlers = new ArrayList<>(beans.values());
        handlers.sort(Comparator.comparingInt(orders::get));
        return handlers;
    }

    private static int order(ListableBeanFactory beanFactory, String name, Object bean) {
        if (bean instanceof Ordered ordered) {
            return ordered.getOrder();
        }
        Order order = beanFactory.findAnnotationOnBean(name, Order.class);
        if (order != null) {
            return order.value();
        }
        return OrderUtils.getOrder(AopUtils.getTargetClass(bean), Ordered.LOWEST_PRECEDENCE);
    }
}
