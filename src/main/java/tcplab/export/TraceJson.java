package tcplab.export;

import tcplab.sim.EndpointSnapshot;
import tcplab.sim.Flag;
import tcplab.sim.Segment;
import tcplab.sim.SegmentRecord;
import tcplab.sim.Snapshot;
import tcplab.sim.StateChanged;
import tcplab.sim.Timer;

import java.util.List;

/** The contract's trace JSON for a snapshot (field names fixed by CONTRACT.md). No JSON library needed. */
public final class TraceJson {
    private TraceJson() {
    }

    public static String of(Snapshot s) {
        StringBuilder b = new StringBuilder(1024);
        b.append("{\"scenario\":").append(str(s.scenario().key()))
                .append(",\"seed\":").append(s.seed() == null ? "null" : s.seed().toString())
                .append(",\"profile\":").append(str(s.profile().key()))
                .append(",\"actions\":[");
        List<String> actions = s.actions();
        for (int i = 0; i < actions.size(); i++) {
            if (i > 0) b.append(',');
            b.append(str(actions.get(i)));
        }
        b.append("],\"time\":").append(s.time()).append(",\"segments\":[");
        boolean first = true;
        for (SegmentRecord r : s.segments()) {
            if (!first) b.append(',');
            first = false;
            Segment seg = r.segment();
            b.append("{\"n\":").append(r.n())
                    .append(",\"from\":").append(str(r.from().key()))
                    .append(",\"to\":").append(str(r.to().key()))
                    .append(",\"sentAt\":").append(r.sentAt())
                    .append(",\"arrivedAt\":").append(r.arrivedAt() == null ? "null" : r.arrivedAt().toString())
                    .append(",\"fate\":").append(str(r.fate().key()))
                    .append(",\"flags\":[");
            String ctl = seg.ctl();
            if (!ctl.isEmpty()) {
                String[] flags = ctl.split(",");
                for (int i = 0; i < flags.length; i++) {
                    if (i > 0) b.append(',');
                    b.append(str(flags[i]));
                }
            }
            b.append("],\"seq\":").append(seg.seq())
                    .append(",\"ack\":").append(seg.has(Flag.ACK) ? Long.toString(seg.ack()) : "null")
                    .append(",\"len\":").append(seg.payload().length)
                    .append(",\"data\":").append(str(seg.data()))
                    .append(",\"retransmission\":").append(r.retransmission())
                    .append('}');
        }
        b.append("],\"stateChanges\":[");
        first = true;
        for (StateChanged c : s.stateChanges()) {
            if (!first) b.append(',');
            first = false;
            b.append("{\"at\":").append(c.at())
                    .append(",\"endpoint\":").append(str(c.side().key()))
                    .append(",\"from\":").append(str(c.from().label()))
                    .append(",\"to\":").append(str(c.to().label()))
                    .append(",\"reason\":").append(str(c.reason().english()))
                    .append('}');
        }
        b.append("],\"final\":{\"client\":");
        endpoint(b, s.client());
        b.append(",\"server\":");
        endpoint(b, s.server());
        b.append("}}");
        return b.toString();
    }

    private static void endpoint(StringBuilder b, EndpointSnapshot e) {
        b.append("{\"state\":").append(str(e.state().label()))
                .append(",\"iss\":").append(num(e.iss()))
                .append(",\"irs\":").append(num(e.irs()))
                .append(",\"sndUna\":").append(num(e.sndUna()))
                .append(",\"sndNxt\":").append(num(e.sndNxt()))
                .append(",\"rcvNxt\":").append(num(e.rcvNxt()))
                .append(",\"timers\":[");
        boolean first = true;
        for (Timer t : e.timers()) {
            if (!first) b.append(',');
            first = false;
            b.append("{\"kind\":").append(str(t.kind().key()))
                    .append(",\"dueAt\":").append(t.dueAt())
                    .append(",\"attempt\":").append(t.attempt())
                    .append('}');
        }
        b.append("]}");
    }

    private static String num(Long value) {
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
