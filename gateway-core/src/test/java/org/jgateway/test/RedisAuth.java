package org.jgateway.test;

import java.util.List;

/**
 * How a test Redis requires clients to authenticate: not at all, with the default user's password
 * ({@code requirepass}), or as a named ACL user (the default user is then switched off, so only that user gets in).
 */
record RedisAuth(String username, String password) {

    static final RedisAuth NONE = new RedisAuth(null, null);

    boolean isEnabled() {
        return password != null;
    }

    List<String> config() {
        if (password == null) {
            return List.of();
        }
        if (username == null) {
            return List.of("requirepass " + password);
        }
        return List.of("user default off", "user " + username + " on >" + password + " ~* &* +@all");
    }

    List<String> authCommand() {
        return username == null ? List.of("AUTH", password) : List.of("AUTH", username, password);
    }

    /** The options of {@code redis-cli} that authenticate as this user. */
    List<String> cliOptions() {
        if (password == null) {
            return List.of();
        }
        return username == null ? List.of("--no-auth-warning", "-a", password)
                : List.of("--no-auth-warning", "--user", username, "--pass", password);
    }
}
