package org.jgateway.gateway;

import org.jgateway.protocol.GatewayCommand;

/**
 * A command or query from a worker or GatewayClient that the gateway cannot execute: an unknown command code, a
 * malformed {@code ext_data} (bad JSON or PHP serialization, a scalar where a list is required), an empty uid or
 * group. Nothing of the command has been applied when this is thrown; the caller logs it, and for a query replies
 * with {@link GatewayCommandHandler#MALFORMED_QUERY_REPLY} (what PHP answers) so the asking client does not hang.
 */
public class InvalidCommandException extends RuntimeException {

    private final int cmd;

    public InvalidCommandException(int cmd, String message) {
        super(GatewayCommand.nameOf(cmd) + ": " + message);
        this.cmd = cmd;
    }

    public InvalidCommandException(int cmd, String message, Throwable cause) {
        super(GatewayCommand.nameOf(cmd) + ": " + message, cause);
        this.cmd = cmd;
    }

    /** PHP's wording for a command code the gateway does not handle: {@code gateway inner pack err cmd=N}. */
    static InvalidCommandException unknown(int cmd) {
        return new InvalidCommandException(cmd, "gateway inner pack err cmd=" + cmd);
    }

    /** The command code of the rejected frame. */
    public int cmd() {
        return cmd;
    }
}
