package tcplab.drill;

import java.util.Locale;
import java.util.Optional;

/** What a drill asks about one moment of a lab. */
public enum Kind {
    /** The flags, SEQ and ACK of the next segment to enter the network. */
    NEXT_SEGMENT('n'),
    /** One side's state after the next event. */
    STATE_AFTER('s'),
    /** When the next retransmission (by either side) is sent. */
    RETRANSMIT_AT('r'),
    /** When a side whose every segment is lost gives up. */
    GIVE_UP_AT('g'),
    /** How long from now until a side in TIME-WAIT or FIN-WAIT-2 reaches CLOSED. */
    WAIT_LEFT('w'),
    /** Which side resends first after a loss. */
    WHO_RETRANSMITS('x'),
    /** Host labs: the length of the SYN queue or the accept queue after the next event(s). */
    QUEUE_LENGTH('q'),
    /** Host labs: which nstat counter moves after the next event(s), and by how much. */
    COUNTER('c'),
    /** Host labs: what an application call is told (an errno and when, or nothing). */
    ERRNO('e');

    private final char code;

    Kind(char code) {
        this.code = code;
    }

    /** The kind's letter in an exported progress code: fixed for ever. */
    char code() {
        return code;
    }

    static Optional<Kind> byCode(char code) {
        for (Kind k : values()) {
            if (k.code == code) return Optional.of(k);
        }
        return Optional.empty();
    }

    /** {@code next-segment}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Kind> byKey(String key) {
        for (Kind k : values()) {
            if (k.key().equals(key)) return Optional.of(k);
        }
        return Optional.empty();
    }

    /** True for the kinds asked about host labs (a {@code sim.HostLab}), not about one connection. */
    public boolean isHost() {
        return this == QUEUE_LENGTH || this == COUNTER || this == ERRNO;
    }

    /** True when the answer is a time the learner may type (in milliseconds) instead of choosing. */
    public boolean isTime() {
        return this == RETRANSMIT_AT || this == GIVE_UP_AT || this == WAIT_LEFT;
    }
}
