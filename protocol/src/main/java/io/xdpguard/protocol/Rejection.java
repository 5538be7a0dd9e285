package io.xdpguard.protocol;

/** Why an inbound payload was dropped; consumers count these, they never show or crash on them. */
public enum Rejection {
    /** The topic is not {@code xdpguard/v1/{site}/{host}/{kind}} with valid names. */
    FOREIGN_TOPIC,
    /** Larger than {@link Codec#MAX_PAYLOAD_BYTES}. */
    TOO_LARGE,
    /** Not a JSON object. */
    MALFORMED,
    /** {@code schema} missing or not one we read. */
    WRONG_SCHEMA,
    /** Parses, but a field is missing or out of range. */
    INVALID,
    /** Names another site or host than its topic. */
    HOST_MISMATCH
}
