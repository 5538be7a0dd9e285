package io.xdpguard.console.model;

import io.xdpguard.protocol.Status;

/**
 * How a command to an agent ended, as the command panel shows it. {@code status} is the agent's state after
 * the command (from its reply), null unless {@link Result#OK}.
 */
public record CommandOutcome(Result result, String message, Status status) {
    public enum Result {
        /** The agent did it. */
        OK,
        /** The agent answered no (bad value, BPF map update failed, …); {@code message} is its reason. */
        REFUSED,
        /** No answer within the timeout: the agent may be offline, or the broker's ACL may not let it read. */
        TIMED_OUT,
        /** Never reached the agent (not connected), or the answer could not be read. */
        FAILED
    }

    public static CommandOutcome failed(String why) {
        return new CommandOutcome(Result.FAILED, why, null);
    }
}
