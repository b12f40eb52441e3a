package org.jgateway.autoconfigure;

import static org.jgateway.autoconfigure.InvalidGatewayPropertyException.naming;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.unit.DataSize;

/**
 * Binds a properties object onto a core options builder by name: every property that is set goes to the builder
 * method of the same name, case ignored (so {@code websocketPath} reaches {@code webSocketPath}), a {@link DataSize}
 * as its bytes. The builder checks the value; one it refuses fails the startup naming the property. A setting thus
 * needs no mapping line: the option (the builder method) and the property (its field) are the two places that name
 * it.
 * <p>
 * A property without a builder method of its name must be one of those mapped by hand (named when binding), so that
 * a new property cannot be silently left out.
 */
final class BuilderBinding {

    private BuilderBinding() {
    }

    /**
     * @param properties     the bound properties, e.g. one {@code GatewayProperties.Listener}
     * @param builder        the core builder they configure
     * @param propertyName   the full property name of a property of {@code properties}, given its dashed name
     * @param mappedElsewhere the Java names of the properties the caller maps itself
     * @throws InvalidGatewayPropertyException for a value the builder refuses
     * @throws IllegalStateException           for a property with no builder method and not mapped elsewhere
     */
    static void bind(Object properties, Object builder, Function<String, String> propertyName,
            Set<String> mappedElsewhere) {
        BeanWrapper source = PropertyAccessorFactory.forBeanPropertyAccess(properties);
        for (PropertyDescriptor property : source.getPropertyDescriptors()) {
            String name = property.getName();
            if (property.getReadMethod() == null || property.getWriteMethod() == null || mappedElsewhere.contains(name)) {
                continue;
            }
            Object value = source.getPropertyValue(name);
            if (value == null) {
                continue;
            }
            Method setter = builderMethod(builder.getClass(), name, property.getPropertyType());
            String fullName = propertyName.apply(DataObjectPropertyName.toDashedForm(name));
            naming(fullName, value, () -> ReflectionUtils.invokeMethod(setter, builder, converted(value)));
        }
    }

    private static Method builderMethod(Class<?> builderType, String name, Class<?> valueType) {
        Class<?> target = valueType == DataSize.class ? int.class : valueType;
        for (Method method : builderType.getMethods()) {
            if (method.getName().equalsIgnoreCase(name) && method.getParameterCount() == 1
                    && ClassUtils.isAssignable(method.getParameterTypes()[0], target)) {
                return method;
            }
        }
        throw new IllegalStateException(builderType.getName() + " has no method " + name + "(" + target.getSimpleName()
                + ") for the property of that name: add it, or map the property by hand");
    }

    /** The value as the builder takes it. */
    private static Object converted(Object value) {
        return value instanceof DataSize size ? bytes(size) : value;
    }

    /** A size property as the int the builders take; beyond it is refused like any other invalid size. */
    static int bytes(DataSize size) {
        if (size.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be at most " + Integer.MAX_VALUE + " bytes (2GB), got " + size);
        }
        return (int) size.toBytes();
    }
}
