package org.jgateway.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code gateway.*} property names JGateway binds: every name of the configuration metadata
 * ({@code META-INF/spring-configuration-metadata.json}, generated from {@link GatewayProperties}), and under
 * {@code gateway.listeners.NAME} the settings of a {@link GatewayProperties.Listener} (the metadata documents the
 * listener map as one entry). Names compare as Spring Boot binds them: {@code lanIp}, {@code lan-ip} and
 * {@code lan_ip} are one name.
 */
public final class GatewayPropertyNames {

    /** Where the configuration processor writes the metadata. */
    public static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private static final ConfigurationPropertyName GATEWAY = ConfigurationPropertyName.of("gateway");

    private static final ConfigurationPropertyName LISTENERS = ConfigurationPropertyName.of("gateway.listeners");

    /** Lists of {@link GatewayProperties.Pattern}s: the metadata documents each as one entry, its settings below. */
    private static final List<ConfigurationPropertyName> ENTRY_LISTS = List.of(
            ConfigurationPropertyName.of("gateway.history.groups"), ConfigurationPropertyName.of("gateway.history.uids"));

    private final Set<ConfigurationPropertyName> names;

    private final List<String> listenerSettings;

    private final List<String> patternSettings;

    private GatewayPropertyNames(Set<ConfigurationPropertyName> names, List<String> listenerSettings,
            List<String> patternSettings) {
        this.names = names;
        this.listenerSettings = listenerSettings;
        this.patternSettings = patternSettings;
    }

    /** The names of the metadata files on {@code classLoader}'s class path. */
    public static GatewayPropertyNames load(ClassLoader classLoader) {
        Set<ConfigurationPropertyName> names = new LinkedHashSet<>();
        try {
            for (URL url : Collections.list(classLoader.getResources(METADATA))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
                        ConfigurationPropertyName name = ConfigurationPropertyName.of(property.path("name").asString());
                        // The listener map is one entry of the metadata; its settings are added below.
                        if (GATEWAY.isAncestorOf(name) && !name.equals(LISTENERS)) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the configuration metadata " + METADATA, ex);
        }
        return new GatewayPropertyNames(names, settings(GatewayProperties.Listener.class),
                settings(GatewayProperties.Pattern.class));
    }

    /** The dashed names of the writable properties of {@code type}. */
    private static List<String> settings(Class<?> type) {
        List<String> settings = new ArrayList<>();
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            if (property.getWriteMethod() != null) {
                settings.add(DataObjectPropertyName.toDashedForm(property.getName()));
            }
        }
        return List.copyOf(settings);
    }

    /**
     * Whether JGateway binds {@code name} (a list element such as {@code gateway.register-address[0]} included, and
     * the settings of an entry of a list of objects such as {@code gateway.history.groups[0].pattern}).
     */
    public boolean isKnown(ConfigurationPropertyName name) {
        for (ConfigurationPropertyName list : ENTRY_LISTS) {
            int index = list.getNumberOfElements();
            if (list.isAncestorOf(name) && name.getNumberOfElements() == index + 2 && name.isNumericIndex(index)) {
                return patternSettings.contains(name.getLastElement(ConfigurationPropertyName.Form.DASHED));
            }
        }
        ConfigurationPropertyName property = withoutListIndex(name);
        if (LISTENERS.isAncestorOf(property)) {
            return property.getNumberOfElements() == LISTENERS.getNumberOfElements() + 2
                    && listenerSettings.contains(property.getLastElement(ConfigurationPropertyName.Form.DASHED));
        }
        return names.contains(property);
    }

    /**
     * The known name closest to {@code name} by edit distance: for a name with a listener's place (a fourth
     * element, as in {@code gateway.listners.ws.port}) the settings of that listener count among the candidates.
     */
    public String nearest(ConfigurationPropertyName name) {
        String text = name.toString();
        List<String> candidates = new ArrayList<>();
        names.stream().map(ConfigurationPropertyName::toString).forEach(candidates::add);
        String listener = name.getNumberOfElements() > 2 ? name.getElement(2, ConfigurationPropertyName.Form.DASHED)
                : "NAME";
        listenerSettings.forEach(setting -> candidates.add(LISTENERS + "." + listener + "." + setting));
        return candidates.stream().min(Comparator.comparingInt((String c) -> distance(text, c))).orElseThrow();
    }

    /** Every known name; the listener settings as {@code gateway.listeners.NAME.setting}. */
    public List<String> all() {
        List<String> all = new ArrayList<>();
        names.stream().map(ConfigurationPropertyName::toString).forEach(all::add);
        listenerSettings.forEach(setting -> all.add(LISTENERS + ".NAME." + setting));
        ENTRY_LISTS.forEach(list -> patternSettings.forEach(setting -> all.add(list + "[0]." + setting)));
        return all;
    }

    private static ConfigurationPropertyName withoutListIndex(ConfigurationPropertyName name) {
        ConfigurationPropertyName property = name;
        while (property.getNumberOfElements() > 1 && property.isLastElementIndexed()
                && property.getLastElement(ConfigurationPropertyName.Form.ORIGINAL).chars().allMatch(Character::isDigit)) {
            property = property.getParent();
        }
        return property;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
