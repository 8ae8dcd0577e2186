package tcplab.drill;

import tcplab.sim.Scenario;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A deck follows one question learners are asked (the classic interview list) and belongs to
 * the lesson that answers it. It says which labs its drills are drawn from, how the learner's
 * part is played in them ({@link Play}), how much is lost on the way, and which kinds it asks.
 */
public enum Deck {
    THREE_WAY('a', "three-way-handshake", 0.0, 0,
            List.of(Kind.NEXT_SEGMENT, Kind.STATE_AFTER),
            new Play(Scenario.HANDSHAKE, "connect"), new Play(Scenario.HANDSHAKE_DATA, "connect")),
    WHY_THREE('b', "why-three-segments", 0.0, 0,
            List.of(Kind.NEXT_SEGMENT, Kind.STATE_AFTER),
            new Play(Scenario.OLD_DUPLICATE_SYN), new Play(Scenario.SIMULTANEOUS_OPEN),
            new Play(Scenario.TWO_WAY_HANDSHAKE)),
    LOST_HANDSHAKE('c', "lost-handshake-segments", 0.35, 3,
            List.of(Kind.WHO_RETRANSMITS, Kind.RETRANSMIT_AT, Kind.GIVE_UP_AT, Kind.STATE_AFTER),
            new Play(Scenario.HANDSHAKE, "connect"), new Play(Scenario.HANDSHAKE_DATA, "connect")),
    WHY_FOUR('d', "why-four-segments", 0.0, 0,
            List.of(Kind.NEXT_SEGMENT, Kind.STATE_AFTER),
            new Play(Scenario.TEARDOWN, "close:client", "close:server"),
            new Play(Scenario.SERVER_CLOSE, "close:server", "close:client"),
            new Play(Scenario.THREE_SEGMENT_CLOSE, "close:client")),
    LOST_TEARDOWN('e', "lost-teardown-segments", 0.35, 3,
            List.of(Kind.WHO_RETRANSMITS, Kind.RETRANSMIT_AT, Kind.GIVE_UP_AT, Kind.NEXT_SEGMENT),
            new Play(Scenario.TEARDOWN, "close:client", "close:server"),
            new Play(Scenario.TEARDOWN, "exit:client", "close:server"),
            new Play(Scenario.SERVER_CLOSE, "close:server", "close:client"),
            new Play(Scenario.SIMULTANEOUS_CLOSE)),
    TWO_MSL('f', "time-wait", 0.15, 1,
            List.of(Kind.WAIT_LEFT, Kind.STATE_AFTER),
            new Play(Scenario.TEARDOWN, "close:client", "close:server"),
            new Play(Scenario.SERVER_CLOSE, "close:server", "close:client"),
            new Play(Scenario.SIMULTANEOUS_CLOSE)),
    /** CLOSE-WAIT piles come from servers that never close: the lesson on crashes and keepalive has the leak. */
    CLOSE_WAIT('g', "crashes-and-keepalive", 0.0, 0,
            List.of(Kind.WAIT_LEFT, Kind.STATE_AFTER),
            new Play(Scenario.TEARDOWN, "exit:client"), new Play(Scenario.TEARDOWN, "close:client"),
            new Play(Scenario.THREE_SEGMENT_CLOSE, "exit:client")),
    HALF_OPEN('h', "special-cases", 0.0, 0,
            List.of(Kind.NEXT_SEGMENT, Kind.STATE_AFTER),
            new Play(Scenario.HALF_OPEN, "connect"), new Play(Scenario.HALF_OPEN, "send:server:HTTP%2F1.1")),
    /** Host labs: a SYN flood against the SYN queue, the accept queue filling while nobody calls accept(). */
    SYN_FLOOD('i', "syn-queue-and-accept-queue", 0.0, 0,
            List.of(Kind.QUEUE_LENGTH, Kind.COUNTER, Kind.ERRNO)),
    /** Host labs: one client opening and closing connections until TIME-WAIT holds its ports. */
    TIME_WAIT_PILE('j', "time-wait-at-scale", 0.0, 0,
            List.of(Kind.ERRNO, Kind.COUNTER)),
    /** Host labs: a peer that crashed, rebooted or exited; keepalive probes and late writes find out. */
    KEEPALIVE('k', "crashes-and-keepalive", 0.0, 0,
            List.of(Kind.ERRNO, Kind.COUNTER));

    /** One way to play a lab: its scenario and the learner's calls, in order, each made once when the lab offers it. */
    public record Play(Scenario scenario, List<String> story) {
        public Play(Scenario scenario, String... story) {
            this(scenario, List.of(story));
        }
    }

    private final char code;
    private final String lesson;
    private final double dropChance;
    private final int maxDrops;
    private final List<Kind> kinds;
    private final List<Play> plays;

    Deck(char code, String lesson, double dropChance, int maxDrops, List<Kind> kinds, Play... plays) {
        this.code = code;
        this.lesson = lesson;
        this.dropChance = dropChance;
        this.maxDrops = maxDrops;
        this.kinds = kinds;
        this.plays = List.of(plays);
    }

    /** {@code lost-handshake}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Deck> byKey(String key) {
        for (Deck d : values()) {
            if (d.key().equals(key)) return Optional.of(d);
        }
        return Optional.empty();
    }

    /** The deck's letter in an exported progress code: fixed for ever, whatever the order of the decks. */
    char code() {
        return code;
    }

    static Optional<Deck> byCode(char code) {
        for (Deck d : values()) {
            if (d.code == code) return Optional.of(d);
        }
        return Optional.empty();
    }

    /** The slug of the lesson that answers this deck's question. */
    public String lesson() {
        return lesson;
    }

    /** The decks tied to a lesson, in order. */
    public static List<Deck> forLesson(String slug) {
        return java.util.Arrays.stream(values()).filter(d -> d.lesson.equals(slug)).toList();
    }

    public List<Kind> kinds() {
        return kinds;
    }

    /** True for a deck of host labs: its drills are drawn from random host-lab specs, not from {@link #plays()}. */
    public boolean isHost() {
        return kinds.get(0).isHost();
    }

    public List<Play> plays() {
        return plays;
    }

    /** Chance that a step of the walk drops a segment in flight. */
    double dropChance() {
        return dropChance;
    }

    int maxDrops() {
        return maxDrops;
    }
}
