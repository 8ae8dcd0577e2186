package tcplab.sim;

/**
 * What a scenario scripts into one endpoint, fixed when the simulation starts: the stack's
 * delayed ACKs, an application that reacts by itself, or the counterfactual two-way handshake.
 * Scripted calls at given times (connect at 0, close at once) are the simulation's, not this.
 *
 * @param delayedAck          ACK new data or a FIN after 40 ms, or with the second segment (RFC 1122 4.2.3.2)
 * @param closeOnEndOfFile    the application closes as soon as it reads end of file (three-segment-close)
 * @param sendWhenEstablished text the application sends once the connection is ESTABLISHED, or null
 * @param twoWayHandshake     the counterfactual server that enters ESTABLISHED on a SYN
 */
record Script(boolean delayedAck, boolean closeOnEndOfFile, String sendWhenEstablished, boolean twoWayHandshake) {

    static final Script NONE = new Script(false, false, null, false);

    /** The script of {@code side} in {@code scenario}. */
    static Script of(Scenario scenario, Side side) {
        switch (scenario) {
            case HANDSHAKE_DATA:
                return side == Side.CLIENT ? new Script(false, false, Simulation.CLIENT_SAMPLE_TEXT, false) : NONE;
            case THREE_SEGMENT_CLOSE:
                return new Script(true, side == Side.SERVER, null, false);
            case TWO_WAY_HANDSHAKE:
                return side == Side.SERVER ? new Script(false, false, null, true) : NONE;
            default:
                return NONE;
        }
    }
}
