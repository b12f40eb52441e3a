package org.jgateway.samples.push;

import org.jgateway.spring.GatewayTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pushes the request body, as it is (text or JSON), to connected clients. Pushes are fire-and-forget, as in
 * GatewayWorker: the gateways get the message, nobody confirms that a client read it, hence {@code 202 Accepted}.
 */
@RestController
@RequestMapping("/notify")
class NotifyController {

    private final GatewayTemplate gateway;

    NotifyController(GatewayTemplate gateway) {
        this.gateway = gateway;
    }

    /** {@code Gateway::sendToAll($message)}. */
    @PostMapping("/all")
    ResponseEntity<Void> all(@RequestBody String message) {
        gateway.sendToAll(message);
        return ResponseEntity.accepted().build();
    }

    /** {@code Gateway::sendToUid($uid, $message)}: every connection of the user, on every gateway. */
    @PostMapping("/uid/{uid}")
    ResponseEntity<Void> uid(@PathVariable String uid, @RequestBody String message) {
        gateway.sendToUid(uid, message);
        return ResponseEntity.accepted().build();
    }

    /** {@code Gateway::sendToGroup($group, $message)}. */
    @PostMapping("/group/{group}")
    ResponseEntity<Void> group(@PathVariable String group, @RequestBody String message) {
        gateway.sendToGroup(group, message);
        return ResponseEntity.accepted().build();
    }
}
