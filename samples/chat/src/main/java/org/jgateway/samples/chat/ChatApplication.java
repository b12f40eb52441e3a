package org.jgateway.samples.chat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The chat room: a register, a WebSocket gateway (7272) for the page, a text gateway (8282) for telnet, a business
 * worker running {@link ChatHandler}, and the web server (8080) serving the page, all in one process
 * ({@code gateway.machine-type: all} in {@code application.yml}).
 */
@SpringBootApplication
public class ChatApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }
}
