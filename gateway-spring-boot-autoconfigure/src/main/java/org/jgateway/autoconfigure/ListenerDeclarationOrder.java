package org.jgateway.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Puts the bound {@code gateway.listeners} back in declaration order. The binder fills a map source by source, most
 * important first, so overriding one value of the second listener ({@code --gateway.listeners.text.port=9000}) would
 * move that listener first and swap the inner ports, which follow the listeners' order. Declaration order is the order
 * of the least important source naming a listener: application.yml before the profiles, the environment and the
 * command line that override it.
 */
public final class ListenerDeclarationOrder {

    private static final ConfigurationPropertyName LISTENERS = ConfigurationPropertyName.of("gateway.listeners");

    private ListenerDeclarationOrder() {
    }

    /** {@code listeners} sorted by where {@code environment} declares them; unknown names keep their place last. */
    public static Map<String, GatewayProperties.Listener> sort(Map<String, GatewayProperties.Listener> listeners,
            Environment environment) {
        List<String> declared = new ArrayList<>(declaredNames(environment));
        List<String> names = new ArrayList<>(listeners.keySet());
        // A stable sort: names no source declares (set programmatically) stay in their order, after the others.
        names.sort(Comparator.comparingInt(name -> {
            int index = declared.indexOf(name);
            return index < 0 ? Integer.MAX_VALUE : index;
        }));
        Map<String, GatewayProperties.Listener> sorted = new LinkedHashMap<>();
        names.forEach(name -> sorted.put(name, listeners.get(name)));
        return sorted;
    }

    /** The listener names of every source, least important source first, each source in its own order. */
    private static Set<String> declaredNames(Environment environment) {
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        ConfigurationPropertySources.get(environment).forEach(sources::add);
        Collections.reverse(sources);
        Set<String> names = new LinkedHashSet<>();
        int keyIndex = LISTENERS.getNumberOfElements();
        for (ConfigurationPropertySource source : sources) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                // The binder keys the map with the original form of this element, so the names match its keys.
                iterable.filter(LISTENERS::isAncestorOf)
                        .forEach(name -> names.add(name.getElement(keyIndex, Form.ORIGINAL)));
            }
        }
        return names;
    }
}
