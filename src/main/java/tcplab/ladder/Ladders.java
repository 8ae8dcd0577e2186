package tcplab.ladder;

import java.util.function.Function;
import java.util.function.IntFunction;

import tcplab.sim.HostSnapshot;
import tcplab.sim.LabSnapshot;
import tcplab.sim.Snapshot;

/**
 * The ladder of a lab of either kind: two endpoints ({@link LadderSvg}) or a lane per host
 * ({@link HostLadder}). Words come from the site's messages of one language ({@code messages}:
 * key to text).
 */
public final class Ladders {

    private Ladders() {}

    /**
     * The wide and the narrow drawing for a page; the narrow drawing makes each segment (a host
     * lab's row: a segment or a burst, by its first) a link to {@code links.apply(n)} (null: no links).
     */
    public static String inline(LabSnapshot s, Function<String, String> messages, IntFunction<String> links) {
        if (s instanceof HostSnapshot h) return HostLadder.inline(h, messages, links);
        return LadderSvg.inline((Snapshot) s, LadderWords.from(messages), links);
    }

    /** A complete SVG document with its own styles, for downloads and slides. */
    public static String standalone(LabSnapshot s, Function<String, String> messages) {
        if (s instanceof HostSnapshot h) return HostLadder.standalone(h, messages);
        return LadderSvg.standalone((Snapshot) s, LadderWords.from(messages));
    }

    /** The file name a download of this ladder gets: {@code tcplab-handshake.svg}. */
    public static String fileName(LabSnapshot s) {
        return "tcplab-" + s.spec().scenarioKey() + ".svg";
    }
}
