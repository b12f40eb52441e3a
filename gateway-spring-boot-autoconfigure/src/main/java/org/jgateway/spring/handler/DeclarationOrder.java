package org.jgateway.spring.handler;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.ClassUtils;

/**
 * Orders the methods of a class as they are declared in its source: superclass methods first, then by their position
 * in the class file. Reflection returns methods in no specified order, so the class files are read instead (as Spring
 * does for {@code @Bean} methods); javac writes methods in source order. Overloads, and methods of classes whose
 * class file cannot be read, fall back to their signature, which keeps the order deterministic.
 */
final class DeclarationOrder implements Comparator<Method> {

    private final List<Class<?>> hierarchy = new ArrayList<>();
    private final Map<Class<?>, List<String>> methodNames = new HashMap<>();
    private final MetadataReaderFactory metadataReaders;

    DeclarationOrder(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        ClassLoader classLoader = type.getClassLoader();
        this.metadataReaders = MetadataReaderFactory.create(
                classLoader != null ? classLoader : ClassUtils.getDefaultClassLoader());
    }

    @Override
    public int compare(Method a, Method b) {
        int result = Integer.compare(classRank(a), classRank(b));
        if (result == 0) {
            result = Integer.compare(position(a), position(b));
        }
        return result != 0 ? result : signature(a).compareTo(signature(b));
    }

    /** Interface (default) methods come after the class hierarchy's. */
    private int classRank(Method method) {
        int rank = hierarchy.indexOf(method.getDeclaringClass());
        return rank >= 0 ? rank : hierarchy.size();
    }

    private int position(Method method) {
        int position = methodNames.computeIfAbsent(method.getDeclaringClass(), this::readMethodNames)
                .indexOf(method.getName());
        return position >= 0 ? position : Integer.MAX_VALUE;
    }

    private List<String> readMethodNames(Class<?> type) {
        try {
            return metadataReaders.getMetadataReader(type.getName()).getAnnotationMetadata().getDeclaredMethods()
                    .stream().map(MethodMetadata::getMethodName).toList();
        } catch (IOException | RuntimeException e) {
            // Generated classes have no readable class file: signature order is still deterministic.
            return List.of();
        }
    }

    private static String signature(Method method) {
        return method.getDeclaringClass().getName() + '.' + method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getName).collect(Collectors.joining(",", "(", ")"));
    }
}
