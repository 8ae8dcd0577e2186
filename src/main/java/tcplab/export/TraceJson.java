package tcplab.export;

import tcplab.sim.EndpointSnapshot;
import tcplab.sim.Fate;
import tcplab.sim.Flag;
import tcplab.sim.HostSnapshot;
import tcplab.sim.LabSnapshot;
import tcplab.sim.LabSpec;
import tcplab.sim.Segment;
import tcplab.sim.Snapshot;
import tcplab.sim.StateChanged;
import tcplab.sim.Timer;

import java.util.List;
import java.util.function.Consumer;

/** The contract's trace JSON for a snapshot (field names fixed by CONTRACT.md). No JSON library needed. */
public final class TraceJson {
    private TraceJson() {
    }

    /** The trace JSON of a lab of either kind: a host lab's has the host fields ({@link HostTraceJson}). */
    public static String of(LabSnapshot s) {
        return s instanceof HostSnapshot h ? HostTraceJson.of(h) : of((Snapshot) s);
    }

    public static String of(Snapshot s) {
        StringBuilder b = new StringBuilder(1024);
        head(b, s.spec());
        b.append(",\"time\":").append(s.time()).append(",\"segments\":[");
        list(b, s.segments(), r -> {
            segmentStart(b, r.n(), r.from().key(), r.to().key());
            segmentRest(b, r.sentAt(), r.arrivedAt(), r.fate(), r.segment(), r.retransmission());
            b.append('}');
        });
        b.append("],\"stateChanges\":[");
        list(b, s.stateChanges(), c -> stateChange(b, c, c.side().key(), null));
        b.append("],\"final\":{\"client\":");
        endpoint(b, s.client());
        b.append(",\"server\":");
        endpoint(b, s.server());
        b.append("}}");
        return b.toString();
    }

    /** {@code {"scenario":…,"seed":…,"profile":…,"actions":[…]}: the spec's fields, the object left open. */
    static void head(StringBuilder b, LabSpec spec) {
        b.append("{\"scenario\":").append(str(spec.scenarioKey()))
                .append(",\"seed\":").append(num(spec.seed()))
                .append(",\"profile\":").append(str(spec.profile().key()))
                .append(",\"actions\":[");
        list(b, spec.actions(), w -> b.append(str(w)));
        b.append(']');
    }

    /** A segment's first fields, the object left open: {@code {"n":…,"from":…,"to":…}. */
    static void segmentStart(StringBuilder b, int n, String from, String to) {
        b.append("{\"n\":").append(n)
                .append(",\"from\":").append(str(from))
                .append(",\"to\":").append(str(to));
    }

    /** A segment's fields from {@code sentAt} to {@code retransmission}, the object left open. */
    static void segmentRest(StringBuilder b, long sentAt, Long arrivedAt, Fate fate, Segment seg, boolean retransmission) {
        b.append(",\"sentAt\":").append(sentAt)
                .append(",\"arrivedAt\":").append(num(arrivedAt))
                .append(",\"fate\":").append(str(fate.key()))
                .append(",\"flags\":[");
        String ctl = seg.ctl();
        if (!ctl.isEmpty()) list(b, List.of(ctl.split(",")), f -> b.append(str(f)));
        b.append("],\"seq\":").append(seg.seq())
                .append(",\"ack\":").append(seg.has(Flag.ACK) ? Long.toString(seg.ack()) : "null")
                .append(",\"len\":").append(seg.payload().length)
                .append(",\"data\":").append(str(seg.data()))
                .append(",\"retransmission\":").append(retransmission);
    }

    /** A state change; a host lab's names its {@code connection}, a connection lab's has none (null). */
    static void stateChange(StringBuilder b, StateChanged c, String endpoint, String connection) {
        b.append("{\"at\":").append(c.at())
                .append(",\"endpoint\":").append(str(endpoint));
        if (connection != null) b.append(",\"connection\":").append(str(connection));
        b.append(",\"from\":").append(str(c.from().label()))
                .append(",\"to\":").append(str(c.to().label()))
                .append(",\"reason\":").append(str(c.reason().english()))
                .append('}');
    }

    /** The TCB fields both kinds print: {@code "iss"} to {@code "rcvNxt"}, each after a comma. */
    static void tcb(StringBuilder b, Long iss, Long irs, Long sndUna, Long sndNxt, Long rcvNxt) {
        b.append(",\"iss\":").append(num(iss))
                .append(",\"irs\":").append(num(irs))
                .append(",\"sndUna\":").append(num(sndUna))
                .append(",\"sndNxt\":").append(num(sndNxt))
                .append(",\"rcvNxt\":").append(num(rcvNxt));
    }

    private static void endpoint(StringBuilder b, EndpointSnapshot e) {
        b.append("{\"state\":").append(str(e.state().label()));
        tcb(b, e.iss(), e.irs(), e.sndUna(), e.sndNxt(), e.rcvNxt());
        b.append(",\"timers\":[");
        list(b, e.timers(), t -> timer(b, t));
        b.append("]}");
    }

    static void timer(StringBuilder b, Timer t) {
        b.append("{\"kind\":").append(str(t.kind().key()))
                .append(",\"dueAt\":").append(t.dueAt())
                .append(",\"attempt\":").append(t.attempt())
                .append('}');
    }

    static <T> void list(StringBuilder b, List<T> items, Consumer<T> write) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) b.append(',');
            write.accept(items.get(i));
        }
    }

    static String num(Long value) {
        return value == null ? "null" : value.toString();
    }

    /** A JSON string literal. */
    static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
