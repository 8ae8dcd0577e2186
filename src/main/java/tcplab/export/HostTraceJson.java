package tcplab.export;

import java.util.List;
import java.util.Map;

import tcplab.sim.Flag;
import tcplab.sim.HostSnapshot;
import tcplab.sim.HostSnapshot.AppError;
import tcplab.sim.HostSnapshot.ConnectionRow;
import tcplab.sim.HostSnapshot.HostEvent;
import tcplab.sim.HostSnapshot.HostSegment;
import tcplab.sim.HostSnapshot.ListenerRow;
import tcplab.sim.Segment;
import tcplab.sim.StateChanged;
import tcplab.sim.Timer;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.Sysctl;
import tcplab.sim.host.TcpOptions;

/**
 * The contract's trace JSON for a host lab (CONTRACT.md "Host labs"): the connection lab's
 * fields, each segment with {@code src}, {@code dst}, {@code options} and its
 * {@code connection}, each state change with its {@code connection}, and {@code final} with
 * {@code connections} (ss -tan rows), {@code listener}, {@code counters} (every nstat name, 0
 * when it never moved) and {@code errors}. {@code settings} holds the spec's host keys in force.
 */
public final class HostTraceJson {
    private HostTraceJson() {
    }

    public static String of(HostSnapshot s) {
        StringBuilder b = new StringBuilder(4096);
        b.append("{\"scenario\":").append(TraceJson.str(s.scenario()))
                .append(",\"seed\":").append(s.seed() == null ? "null" : s.seed().toString())
                .append(",\"profile\":").append(TraceJson.str(s.profile().key()))
                .append(",\"actions\":[");
        list(b, s.actions(), w -> b.append(TraceJson.str(w)));
        b.append("],\"settings\":{\"backlog\":").append(s.settings().backlog())
                .append(",\"keepalive\":").append(TraceJson.str(s.settings().keepalive().key()))
                .append(",\"sysctls\":{");
        boolean first = true;
        for (Sysctl k : Sysctl.values()) {
            if (!first) b.append(',');
            first = false;
            String v = s.settings().sysctls().text(k);
            b.append(TraceJson.str(k.key())).append(':').append(k == Sysctl.IP_LOCAL_PORT_RANGE ? TraceJson.str(v) : v);
        }
        b.append("}},\"time\":").append(s.time()).append(",\"segments\":[");
        list(b, s.segments(), seg -> segment(b, seg));
        b.append("],\"stateChanges\":[");
        List<HostEvent> changes = s.stateChanges();
        list(b, changes, e -> {
            StateChanged c = (StateChanged) e.event();
            b.append("{\"at\":").append(c.at())
                    .append(",\"endpoint\":").append(TraceJson.str(e.host()))
                    .append(",\"connection\":").append(TraceJson.str(e.connection()))
                    .append(",\"from\":").append(TraceJson.str(c.from().label()))
                    .append(",\"to\":").append(TraceJson.str(c.to().label()))
                    .append(",\"reason\":").append(TraceJson.str(c.reason().english()))
                    .append('}');
        });
        b.append("],\"final\":{\"connections\":[");
        list(b, s.connections(), r -> connection(b, r));
        ListenerRow l = s.listener();
        b.append("],\"listener\":{\"open\":").append(l.open())
                .append(",\"backlog\":").append(l.backlog())
                .append(",\"synQueue\":").append(l.synQueue())
                .append(",\"synQueueMax\":").append(l.synQueueMax())
                .append(",\"acceptQueue\":").append(l.acceptQueue())
                .append(",\"acceptQueueMax\":").append(l.acceptQueueMax())
                .append("},\"counters\":{");
        first = true;
        for (Map.Entry<String, Map<Nstat, Long>> host : s.counters().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(HostTraceJson::hostOrder)).toList()) {
            if (!first) b.append(',');
            first = false;
            b.append(TraceJson.str(host.getKey())).append(":{");
            boolean inner = true;
            for (Nstat n : Nstat.values()) {
                if (!inner) b.append(',');
                inner = false;
                b.append(TraceJson.str(n.key())).append(':').append(host.getValue().getOrDefault(n, 0L));
            }
            b.append('}');
        }
        b.append("},\"errors\":[");
        list(b, s.errors(), e -> error(b, e));
        b.append("]}}");
        return b.toString();
    }

    /** server, client, c2 … c9 in the contract's order. */
    private static int hostOrder(String a, String b) {
        return Integer.compare(rank(a), rank(b));
    }

    private static int rank(String host) {
        if (host.equals("server")) return 0;
        if (host.equals("client")) return 1;
        return host.startsWith("c") ? Integer.parseInt(host.substring(1)) : 99;
    }

    private static void segment(StringBuilder b, HostSegment r) {
        Segment seg = r.segment();
        b.append("{\"n\":").append(r.n())
                .append(",\"from\":").append(TraceJson.str(r.from()))
                .append(",\"to\":").append(TraceJson.str(r.to()))
                .append(",\"src\":").append(TraceJson.str(r.src().toString()))
                .append(",\"dst\":").append(TraceJson.str(r.dst().toString()))
                .append(",\"connection\":").append(r.connection() == null ? "null" : TraceJson.str(r.connection()))
                .append(",\"sentAt\":").append(r.sentAt())
                .append(",\"arrivedAt\":").append(r.arrivedAt() == null ? "null" : r.arrivedAt().toString())
                .append(",\"fate\":").append(TraceJson.str(r.fate().key()))
                .append(",\"flags\":[");
        String ctl = seg.ctl();
        if (!ctl.isEmpty()) {
            String[] flags = ctl.split(",");
            for (int i = 0; i < flags.length; i++) {
                if (i > 0) b.append(',');
                b.append(TraceJson.str(flags[i]));
            }
        }
        b.append("],\"seq\":").append(seg.seq())
                .append(",\"ack\":").append(seg.has(Flag.ACK) ? Long.toString(seg.ack()) : "null")
                .append(",\"len\":").append(seg.payload().length)
                .append(",\"data\":").append(TraceJson.str(seg.data()))
                .append(",\"retransmission\":").append(r.retransmission())
                .append(",\"options\":[");
        options(b, r.options());
        b.append("]}");
    }

    /** The options in the order Linux writes them on a SYN: {@code {"mss":1460}, {"sackOK":true}, {"ts":[tsval,tsecr]}, {"wscale":7}}. */
    private static void options(StringBuilder b, TcpOptions o) {
        boolean first = true;
        if (o.mss() != null) {
            b.append("{\"mss\":").append(o.mss()).append('}');
            first = false;
        }
        if (o.sackPermitted()) {
            b.append(first ? "" : ",").append("{\"sackOK\":true}");
            first = false;
        }
        if (o.tsval() != null) {
            b.append(first ? "" : ",").append("{\"ts\":[").append(o.tsval()).append(',').append(o.tsecr()).append("]}");
            first = false;
        }
        if (o.wscale() != null) b.append(first ? "" : ",").append("{\"wscale\":").append(o.wscale()).append('}');
    }

    private static void connection(StringBuilder b, ConnectionRow r) {
        b.append("{\"id\":").append(TraceJson.str(r.id()))
                .append(",\"host\":").append(TraceJson.str(r.host()))
                .append(",\"local\":").append(TraceJson.str(r.local().toString()))
                .append(",\"remote\":").append(TraceJson.str(r.remote().toString()))
                .append(",\"state\":").append(TraceJson.str(r.state().label()))
                .append(",\"recvQ\":").append(r.recvQ())
                .append(",\"sendQ\":").append(r.sendQ())
                .append(",\"iss\":").append(num(r.iss()))
                .append(",\"irs\":").append(num(r.irs()))
                .append(",\"sndUna\":").append(num(r.sndUna()))
                .append(",\"sndNxt\":").append(num(r.sndNxt()))
                .append(",\"rcvNxt\":").append(num(r.rcvNxt()))
                .append(",\"accepted\":").append(r.accepted())
                .append(",\"timers\":[");
        list(b, r.timers(), t -> timer(b, t));
        b.append("]}");
    }

    private static void timer(StringBuilder b, Timer t) {
        b.append("{\"kind\":").append(TraceJson.str(t.kind().key()))
                .append(",\"dueAt\":").append(t.dueAt())
                .append(",\"attempt\":").append(t.attempt())
                .append('}');
    }

    private static void error(StringBuilder b, AppError e) {
        b.append("{\"at\":").append(e.at())
                .append(",\"connection\":").append(TraceJson.str(e.connection()))
                .append(",\"call\":").append(TraceJson.str(e.call()))
                .append(",\"errno\":").append(TraceJson.str(e.errno()))
                .append('}');
    }

    private static String num(Long value) {
        return value == null ? "null" : value.toString();
    }

    private static <T> void list(StringBuilder b, List<T> items, java.util.function.Consumer<T> write) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) b.append(',');
            write.accept(items.get(i));
        }
    }
}
