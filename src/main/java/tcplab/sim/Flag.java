package tcplab.sim;

/** TCP control bits in wire order (RFC 9293 §3.1, without the newer CWR/ECE). */
public enum Flag {
    URG, ACK, PSH, RST, SYN, FIN;

    /** The bit in the header's flags byte. */
    public int bit() {
        switch (this) {
            case FIN: return 0x01;
            case SYN: return 0x02;
            case RST: return 0x04;
            case PSH: return 0x08;
            case ACK: return 0x10;
            case URG: return 0x20;
            default: throw new AssertionError(this);
        }
    }
}
