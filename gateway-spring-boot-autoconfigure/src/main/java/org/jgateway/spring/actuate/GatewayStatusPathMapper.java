package org.jgateway.spring.actuate;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMapper;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Serves the {@link GatewayStatusEndpoint} at {@code /actuator/gateway-status}, the path GatewayWorker users know,
 * although its id is {@code gatewayStatus}. A {@code management.endpoints.web.path-mapping} entry for the endpoint
 * still decides: this mapper then stays out of the way, whatever the order the path mappers are asked in.
 */
public final class GatewayStatusPathMapper implements PathMapper {

    private static final EndpointId ENDPOINT = EndpointId.of(GatewayStatusEndpoint.ID);

    private final boolean mappedByProperty;

    public GatewayStatusPathMapper(Environment environment) {
        Map<String, String> mapping = Binder.get(environment)
                .bind("management.endpoints.web.path-mapping", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        this.mappedByProperty = mapping.keySet().stream().map(EndpointId::fromPropertyValue).anyMatch(ENDPOINT::equals);
    }

    @Override
    public String getRootPath(EndpointId endpointId) {
        return !mappedByProperty && ENDPOINT.equals(endpointId) ? GatewayStatusEndpoint.PATH : null;
    }
}
