package org.jgateway.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A real program a test drives (a browser, a Redis server), found by the exact paths of its executables. Where one is
 * missing, a developer's build skips the test with a message saying what to install; a CI build ({@code CI=true},
 * as {@code .ci/run} runs) fails it instead, so CI never goes green without the tests that need the component.
 * Shared by the modules' tests (test-jar).
 * <p>
 * As a {@code static @RegisterExtension} field it decides before anything of the test class runs (no application
 * context is started for a skipped class, and the report names the reason); {@link #require()} does the same from
 * code.
 */
public final class RequiredComponent implements ExecutionCondition {

    private final String name;
    private final String install;
    private final List<Path> executables;

    private RequiredComponent(String name, String install, List<Path> executables) {
        if (executables.isEmpty()) {
            throw new IllegalArgumentException(name + ": no executable given");
        }
        this.name = name;
        this.install = install;
        this.executables = executables;
    }

    /**
     * @param name what the component is, for the message ("Chromium and chromedriver")
     * @param install how to install it ("apt-get install chromium chromium-driver")
     * @param executable the first executable, at the exact path the test starts it from
     * @param more further executables
     */
    public static RequiredComponent of(String name, String install, Path executable, Path... more) {
        return new RequiredComponent(name, install, Stream.concat(Stream.of(executable), Stream.of(more)).toList());
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return evaluate(isCi());
    }

    ConditionEvaluationResult evaluate(boolean ci) {
        List<Path> missing = missing();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled(name + " installed");
        }
        if (ci) {
            throw new AssertionError(message(missing) + "; CI=true, so the build fails instead of skipping the test");
        }
        return ConditionEvaluationResult.disabled(message(missing) + "; the test is skipped (with CI=true it would fail)");
    }

    /** Skips the calling test when an executable is missing, or fails it when the environment has {@code CI=true}. */
    public void require() {
        require(isCi());
    }

    /** {@link #require()} with the environment's answer given: CI fails, elsewhere skips. */
    void require(boolean ci) {
        ConditionEvaluationResult result = evaluate(ci);
        if (result.isDisabled()) {
            throw new TestAbortedException(result.getReason().orElseThrow());
        }
    }

    private String message(List<Path> missing) {
        return name + " missing: no executable " + String.join(", ", missing.stream().map(Path::toString).toList())
                + " (" + install + ")";
    }

    private static boolean isCi() {
        return "true".equals(System.getenv("CI"));
    }

    /** The executables that do not exist or are not executable, in the order given. */
    public List<Path> missing() {
        return executables.stream().filter(path -> !Files.isExecutable(path)).toList();
    }

    public List<Path> executables() {
        return executables;
    }
}
