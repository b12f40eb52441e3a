package org.jgateway.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisServerExtensionTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    @Test
    void aRealRedis7AnswersOnItsLoopbackPort() {
        assertThat(redis.host()).isEqualTo("127.0.0.1");
        assertThat(redis.port()).isPositive();
        assertThat(redis.addresses()).containsExactly("127.0.0.1:" + redis.port());
        assertThat(redis.command("SET", "k", "v")).isEqualTo("OK");
        assertThat(redis.command("GET", "k")).isEqualTo("v");
        assertThat((String) redis.command("INFO", "server")).contains("redis_version:7.")
                .contains("tcp_port:" + redis.port());
        assertThat(redis.isCluster()).isFalse();
        assertThat(redis.password()).isNull();
    }

    @Test
    void stopEndsTheProcessAndStartComesBackOnTheSamePortEmpty() {
        RedisProcess node = redis.nodes().get(0);
        int port = node.port();
        long pid = node.pid();
        redis.command("SET", "k", "v");

        redis.stop();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(node.isRunning()).isFalse();
        assertThatThrownBy(() -> redis.command("PING")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("port " + port);

        redis.start();

        assertThat(node.port()).isEqualTo(port);
        assertThat(node.pid()).isNotEqualTo(pid);
        assertThat(redis.command("GET", "k")).isNull();
    }

    @Test
    void killEndsTheProcessAtOnce() {
        long pid = redis.nodes().get(0).pid();
        redis.kill();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        redis.restart();
        assertThat(redis.command("PING")).isEqualTo("PONG");
    }

    @Test
    void aServerATestLeftStoppedIsStartedForTheNextTest() {
        redis.stop();
        redis.beforeEach(null);
        assertThat(redis.command("PING")).isEqualTo("PONG");
    }

    @Test
    void errorRepliesAreThrownWithTheServersMessage() {
        assertThatThrownBy(() -> redis.command("NOSUCHCOMMAND")).isInstanceOf(RedisProcess.RedisErrorReply.class)
                .hasMessageStartingWith("ERR unknown command");
    }

    @Test
    void afterAllEndsTheProcessByPidAndDeletesItsDirectory() throws Exception {
        RedisServerExtension own = RedisServerExtension.standalone();
        own.beforeAll(null);
        RedisProcess node = own.nodes().get(0);
        long pid = node.pid();
        Path dir = node.dir();
        assertThat(Files.readString(dir.resolve("redis.conf"))).contains("port " + node.port(), "bind 127.0.0.1");
        assertThat(node.log()).contains("Ready to accept connections");

        own.afterAll(null);

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(dir.getParent()).doesNotExist();
        assertThatThrownBy(own::port).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("static @RegisterExtension");
    }

    @Nested
    class WithPassword {

        @RegisterExtension
        static final RedisServerExtension secured = RedisServerExtension.standalone().withPassword("s3cret");

        @Test
        void theDefaultUserNeedsThePassword() {
            RedisProcess node = secured.nodes().get(0);
            assertThatThrownBy(() -> node.commandWithoutAuth("GET", "k"))
                    .isInstanceOf(RedisProcess.RedisErrorReply.class).hasMessageStartingWith("NOAUTH");
            assertThatThrownBy(() -> node.commandWithoutAuth("AUTH", "wrong"))
                    .isInstanceOf(RedisProcess.RedisErrorReply.class).hasMessageStartingWith("WRONGPASS");
            assertThat(secured.command("ACL", "WHOAMI")).isEqualTo("default");
            assertThat(secured.password()).isEqualTo("s3cret");
            assertThat(secured.username()).isNull();
        }
    }

    @Nested
    class WithAclUser {

        @RegisterExtension
        static final RedisServerExtension secured = RedisServerExtension.standalone().withUser("gw", "s3cret");

        @Test
        void onlyTheAclUserGetsIn() {
            RedisProcess node = secured.nodes().get(0);
            assertThatThrownBy(() -> node.commandWithoutAuth("GET", "k"))
                    .isInstanceOf(RedisProcess.RedisErrorReply.class).hasMessageStartingWith("NOAUTH");
            // The default user is switched off: even requirepass-style AUTH with the right password is refused.
            assertThatThrownBy(() -> node.commandWithoutAuth("AUTH", "s3cret"))
                    .isInstanceOf(RedisProcess.RedisErrorReply.class).hasMessageStartingWith("WRONGPASS");
            assertThat(secured.command("ACL", "WHOAMI")).isEqualTo("gw");
            assertThat(secured.username()).isEqualTo("gw");
        }
    }
}
