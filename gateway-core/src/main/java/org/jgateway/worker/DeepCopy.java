package org.jgateway.worker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies nested maps and lists (session snapshots for change detection); other values (strings, numbers, byte arrays) are shared as immutable. */
final class DeepCopy {

    private DeepCopy() {
    }

    static Object of(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map.size() * 2);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(e.getKey(), of(e.getValue()));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(of(element));
            }
            return copy;
        }
        return value;
    }
}
