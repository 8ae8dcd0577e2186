package tcplab.export;

/**
 * One field of a protocol header as the lab's inspector shows it: its name as the RFC's header
 * diagram names it, its width in bits and its value written for people, e.g.
 * {@code ("Source port", 16, "49152")}, {@code ("SYN", 1, "1")},
 * {@code ("Checksum", 16, "0x1a2b (correct)")}.
 */
public record HeaderField(String name, int bits, String value) {
    public HeaderField {
        if (bits < 1 || bits > 320) throw new IllegalArgumentException("bits " + bits); // an option is at most 40 bytes
    }
}
