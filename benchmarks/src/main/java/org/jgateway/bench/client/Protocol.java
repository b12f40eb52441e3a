package org.jgateway.bench.client;

/** The client protocols the generator speaks: WebSocket (masked text frames) and newline-delimited text. */
public enum Protocol {
    WS, TEXT
}
