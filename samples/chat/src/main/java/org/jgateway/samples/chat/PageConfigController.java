package org.jgateway.samples.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@code /config.js}, which tells the page where the WebSocket gateway listens. The port is the one the
 * listener actually got, so the page follows the gateway also when it listens on an ephemeral port (tests).
 */
@RestController
public class PageConfigController {

    private final Environment environment;
    private final JsonMapper json;

    public PageConfigController(Environment environment, JsonMapper json) {
        this.environment = environment;
        this.json = json;
    }

    @GetMapping(path = "/config.js", produces = "text/javascript")
    public String config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("websocketPort", environment.getProperty("local.gateway.listeners.websocket.port", Integer.class));
        config.put("textPort", environment.getProperty("chat.text-port", Integer.class));
        return "window.chatConfig = " + json.writeValueAsString(config) + ";\n";
    }
}
