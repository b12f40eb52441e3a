package org.jgateway.spring.context;

import org.jgateway.register.RegisterServer;
import org.springframework.context.ApplicationEvent;

/** Published when the register role of the application has bound its port, e.g. to learn an ephemeral port. */
public class RegisterServerInitializedEvent extends ApplicationEvent {

    public RegisterServerInitializedEvent(RegisterServer register) {
        super(register);
    }

    /** The started register. */
    public RegisterServer getRegister() {
        return (RegisterServer) getSource();
    }
}
