package tcplab.sim;

/** Who put a segment into the channel. */
public enum Origin {
    /** Sent by an endpoint's TCP. */
    ENDPOINT,
    /** An old segment from an earlier connection, injected by the scenario. */
    INJECTED,
    /** A copy of another segment made by the network. */
    DUPLICATE
}
