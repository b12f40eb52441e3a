package org.jgateway.samples.push;

import org.jgateway.spring.GatewayTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ties a connection to the application's users and groups, GatewayWorker's recommended split: the client connects,
 * receives its {@code client_id} from the worker's {@code onConnect}, sends it to the web application with its
 * authenticated request, and the web application (which knows who the user is) binds it. A real application takes the
 * uid from its session or token, never from the URL; the path keeps the sample short.
 */
@RestController
@RequestMapping("/clients/{clientId}")
class ClientsController {

    private final GatewayTemplate gateway;

    ClientsController(GatewayTemplate gateway) {
        this.gateway = gateway;
    }

    /** {@code Gateway::bindUid($client_id, $uid)}. */
    @PutMapping("/uid/{uid}")
    ResponseEntity<Void> bind(@PathVariable String clientId, @PathVariable String uid) {
        gateway.bindUid(clientId, uid);
        return ResponseEntity.noContent().build();
    }

    /** {@code Gateway::joinGroup($client_id, $group)}. */
    @PutMapping("/groups/{group}")
    ResponseEntity<Void> join(@PathVariable String clientId, @PathVariable String group) {
        gateway.joinGroup(clientId, group);
        return ResponseEntity.noContent().build();
    }

    /** {@code Gateway::leaveGroup($client_id, $group)}. */
    @DeleteMapping("/groups/{group}")
    ResponseEntity<Void> leave(@PathVariable String clientId, @PathVariable String group) {
        gateway.leaveGroup(clientId, group);
        return ResponseEntity.noContent().build();
    }
}
