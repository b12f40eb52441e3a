package org.jgateway.samples.push;

import java.util.List;
import java.util.Set;
import org.jgateway.spring.GatewayTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is online, asked of every gateway of the cluster. Each answer comes from one query, so a count and the ids
 * next to it always agree.
 */
@RestController
@RequestMapping("/online")
class OnlineController {

    private final GatewayTemplate gateway;

    OnlineController(GatewayTemplate gateway) {
        this.gateway = gateway;
    }

    /** {@code Gateway::getAllClientIdCount()}. */
    @GetMapping("/count")
    Count count() {
        return new Count(gateway.getAllClientIdCount());
    }

    /** {@code Gateway::getClientIdListByGroup($group)}. */
    @GetMapping("/groups/{group}")
    Group group(@PathVariable String group) {
        Set<String> clientIds = gateway.getClientIdListByGroup(group);
        return new Group(group, clientIds.size(), clientIds);
    }

    /** {@code Gateway::getClientIdByUid($uid)}: a user is online when one of its connections is. */
    @GetMapping("/uid/{uid}")
    User uid(@PathVariable String uid) {
        List<String> clientIds = gateway.getClientIdByUid(uid);
        return new User(uid, !clientIds.isEmpty(), clientIds);
    }

    /** Connections on every gateway. */
    record Count(int count) {
    }

    /** The members of a group. */
    record Group(String group, int count, Set<String> clientIds) {
    }

    /** The connections of a user. */
    record User(String uid, boolean online, List<String> clientIds) {
    }
}
