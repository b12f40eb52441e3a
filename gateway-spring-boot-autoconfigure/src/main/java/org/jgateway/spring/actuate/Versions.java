package org.jgateway.spring.actuate;

import io.netty.util.Version;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.jgateway.gateway.GatewayServer;

/** Versions shown in the status header, looked up once. */
final class Versions {

    private static final String CORE_POM_PROPERTIES = "/META-INF/maven/org.jgateway/gateway-core/pom.properties";

    static final String JGATEWAY = jgateway();
    static final String NETTY = netty();

    private Versions() {
    }

    private static String jgateway() {
        String version = GatewayServer.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        // Maven writes pom.properties into every jar, with or without manifest version entries.
        try (InputStream in = GatewayServer.class.getResourceAsStream(CORE_POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // An unreadable properties file is no reason to fail a status page.
        }
        return "dev";
    }

    private static String netty() {
        Version common = Version.identify(Version.class.getClassLoader()).get("netty-common");
        return common != null ? common.artifactVersion() : "unknown";
    }
}
