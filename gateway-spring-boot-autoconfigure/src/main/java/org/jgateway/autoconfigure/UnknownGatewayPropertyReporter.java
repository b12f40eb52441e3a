package org.jgateway.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Logs a warning at startup for every {@code gateway.*} key of the application's configuration that JGateway does not
 * bind, naming the nearest valid key and where the key was set: a typo such as {@code gateway.listners} would
 * otherwise leave the defaults running without a word (Spring Boot's properties migrator does the same for renamed
 * keys). Environment variables are not checked: the documented {@code GATEWAY_SECRET_KEY} is read through a
 * placeholder, although relaxed binding maps it to the unknown {@code gateway.secret.key}.
 */
public final class UnknownGatewayPropertyReporter implements ApplicationListener<ApplicationPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(UnknownGatewayPropertyReporter.class);

    private static final ConfigurationPropertyName GATEWAY = ConfigurationPropertyName.of("gateway");

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
        GatewayPropertyNames known = null;
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)
                    || source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource) {
                continue;
            }
            for (ConfigurationPropertyName name : (Iterable<ConfigurationPropertyName>) iterable.stream()::iterator) {
                if (!GATEWAY.isAncestorOf(name)) {
                    continue;
                }
                if (known == null) {
                    known = GatewayPropertyNames.load(event.getSpringApplication().getClassLoader());
                }
                if (!known.isKnown(name)) {
                    ConfigurationProperty property = source.getConfigurationProperty(name);
                    log.warn("Unknown JGateway property '{}'{} is ignored: did you mean '{}'?", name,
                            property != null && property.getOrigin() != null ? " (" + property.getOrigin() + ")" : "",
                            known.nearest(name));
                }
            }
        }
    }
}
