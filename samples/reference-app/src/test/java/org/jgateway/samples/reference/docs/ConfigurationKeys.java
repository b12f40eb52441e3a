package org.jgateway.samples.reference.docs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;

/** The property keys of a YAML or properties text, each with the 1-based line it is on, as Spring Boot loads them. */
final class ConfigurationKeys {

    /** A key and its line, counted from the start of the text. */
    record Key(String name, int line) {
    }

    private ConfigurationKeys() {
    }

    /** Loads {@code resource} as YAML or, when {@code properties}, as a properties file. */
    static List<Key> load(Resource resource, boolean properties) throws IOException {
        PropertySourceLoader loader = properties ? new PropertiesPropertySourceLoader() : new YamlPropertySourceLoader();
        List<Key> keys = new ArrayList<>();
        for (PropertySource<?> source : loader.load(resource.getDescription(), resource)) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                throw new IllegalStateException(resource + " did not load as an enumerable property source");
            }
            for (String name : enumerable.getPropertyNames()) {
                keys.add(new Key(name, line(OriginLookup.getOrigin(source, name))));
            }
        }
        return keys;
    }

    private static int line(Origin origin) {
        return origin instanceof TextResourceOrigin text && text.getLocation() != null
                ? text.getLocation().getLine() + 1 : 0;
    }
}
