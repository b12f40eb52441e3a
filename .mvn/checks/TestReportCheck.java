import java.io.File;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Fails the build when a compiled test class produced no Surefire or Failsafe report, naming the class: a test class
 * that no plugin picks up (a name outside the include patterns, a static nested class, an inner class without
 * {@code @Nested}) would otherwise pass unnoticed, its tests never run.
 * <p>
 * Run in the verify phase of every module with the module's test classpath (see the root pom):
 * {@code java -cp <test classpath> TestReportCheck <test-classes> <report dir>...}. A test class is a class that
 * JUnit can instantiate (not abstract, not anonymous or local, not {@code @Nested}: those run with their enclosing
 * class) and that has, itself, through a superclass or interface, or through its {@code @Nested} classes, a method
 * whose annotation is meta-annotated with JUnit's {@code @Testable} ({@code @Test}, {@code @ParameterizedTest},
 * {@code @RepeatedTest}, {@code @TestFactory}, {@code @TestTemplate}). Its report is {@code TEST-<binary name>.xml},
 * or {@code TEST-<binary name>$<nested>.xml} for one of its {@code @Nested} classes. Classes are loaded without being
 * initialised.
 */
public final class TestReportCheck {

    private static final String TESTABLE = "org.junit.platform.commons.annotation.Testable";
    private static final String NESTED = "org.junit.jupiter.api.Nested";

    private TestReportCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: TestReportCheck <test-classes dir> <report dir>...");
            System.exit(2);
        }
        Path testClasses = Path.of(args[0]);
        if (!Files.isDirectory(testClasses)) {
            return;
        }
        Set<String> reports = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            Path dir = Path.of(args[i]);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.map(f -> f.getFileName().toString())
                            .filter(n -> n.startsWith("TEST-") && n.endsWith(".xml"))
                            .forEach(n -> reports.add(n.substring("TEST-".length(), n.length() - ".xml".length())));
                }
            }
        }
        List<String> unreported = new ArrayList<>();
        List<String> unloadable = new ArrayList<>();
        ClassLoader loader = TestReportCheck.class.getClassLoader();
        for (String name : classNames(testClasses)) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (isRunnable(type) && hasTests(type) && !reported(type, reports)) {
                    unreported.add(name);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                unloadable.add(name + " (" + e + ")");
            }
        }
        if (!unloadable.isEmpty() || !unreported.isEmpty()) {
            unreported.forEach(n -> System.err.println("[ERROR] Test class without a Surefire/Failsafe report (its tests"
                    + " never ran): " + n));
            unloadable.forEach(n -> System.err.println("[ERROR] Test class that cannot be inspected: " + n));
            System.exit(1);
        }
    }

    private static List<String> classNames(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString())
                    .filter(n -> !n.endsWith("module-info.class") && !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .sorted()
                    .toList();
        }
    }

    /** Whether JUnit would instantiate this class for its own report. */
    private static boolean isRunnable(Class<?> type) {
        int modifiers = type.getModifiers();
        return !type.isInterface() && !type.isAnnotation() && !type.isEnum() && !type.isRecord()
                && !Modifier.isAbstract(modifiers) && !type.isAnonymousClass() && !type.isLocalClass()
                && !type.isSynthetic() && !annotated(type, NESTED);
    }

    private static boolean hasTests(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (declaresTests(c)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (declaresTestsInHierarchy(i)) {
                    return true;
                }
            }
        }
        for (Class<?> member : nestedClasses(type)) {
            if (hasTests(member)) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresTestsInHierarchy(Class<?> type) {
        if (declaresTests(type)) {
            return true;
        }
        for (Class<?> i : type.getInterfaces()) {
            if (declaresTestsInHierarchy(i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresTests(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            for (Annotation annotation : method.getDeclaredAnnotations()) {
                if (isTestable(annotation.annotationType(), new HashSet<>())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the annotation is {@code @Testable} or (transitively) annotated with it. */
    private static boolean isTestable(Class<? extends Annotation> type, Set<Class<?>> seen) {
        if (type.getName().equals(TESTABLE)) {
            return true;
        }
        if (!seen.add(type)) {
            return false;
        }
        for (Annotation meta : type.getDeclaredAnnotations()) {
            if (isTestable(meta.annotationType(), seen)) {
                return true;
            }
        }
        return false;
    }

    private static List<Class<?>> nestedClasses(Class<?> type) {
        List<Class<?>> nested = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> member : c.getDeclaredClasses()) {
                if (annotated(member, NESTED)) {
                    nested.add(member);
                }
            }
        }
        return nested;
    }

    private static boolean annotated(Class<?> type, String annotation) {
        for (Annotation a : type.getDeclaredAnnotations()) {
            if (a.annotationType().getName().equals(annotation)) {
                return true;
            }
        }
        return false;
    }

    private static boolean reported(Class<?> type, Set<String> reports) {
        if (reports.contains(type.getName())) {
            return true;
        }
        for (Class<?> member : nestedClasses(type)) {
            if (reported(member, reports)) {
                return true;
            }
        }
        return false;
    }
}
