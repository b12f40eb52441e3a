package org.jgateway.samples.reference.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The YAML files of deploy/ as SnakeYAML loads them (maps, lists, scalars), and typed views of their nodes. */
final class YamlTree {

    private YamlTree() {
    }

    /** Every document of {@code file}. */
    static List<Object> loadAll(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Object> documents = new ArrayList<>();
            new Yaml().loadAll(reader).forEach(documents::add);
            return documents;
        }
    }

    /** A mapping node; an absent node is an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    /** A sequence node; an absent node is an empty list. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }

    /** A sequence of mappings. */
    static List<Map<String, Object>> maps(Object node) {
        return list(node).stream().map(YamlTree::map).toList();
    }
}
