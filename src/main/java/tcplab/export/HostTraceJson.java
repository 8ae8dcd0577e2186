package tcplab.export;

import java.util.List;
import java.util.Map;

import tcplab.sim.HostSnapshot;
import tcplab.sim.HostSnapshot.AppError;
import tcplab.sim.HostSnapshot.ConnectionRow;
import tcplab.sim.HostSnapshot.HostSegment;
import tcplab.sim.HostSnapshot.ListenerRow;
import tcplab.sim.StateChanged;
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
        TraceJson.head(b, s.spec());
        b.append(",\"settings\":{\"backlog\":").append(s.settings().backlog())
                .append(",\"keepalive\":").append(TraceJson.str(s.settings().keepalive().key()))
                .append(",\"sysctls\":{");
        list(b, List.of(Sysctl.values()), k -> {
            String v = s.settings().sysctls().text(k);
            b.append(TraceJson.str(k.key())).append(':').append(k == Sysctl.IP_LOCAL_PORT_RANGE ? TraceJson.str(v) : v);
        });
        b.append("}},\"time\":").append(s.time()).append(",\"segments\":[");
        list(b, s.segments(), seg -> segment(b, seg));
        b.append("],\"stateChanges\":[");
        list(b, s.stateChanges(), e -> TraceJson.stateChange(b, (StateChanged) e.event(), e.host(), e.connection()));
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
        list(b, s.counters().entrySet().stream().sorted(Map.Entry.comparingByKey(HostTraceJson::hostOrder)).toList(), host -> {
            b.append(TraceJson.str(host.getKey())).append(":{");
            list(b, List.of(Nstat.values()), n -> b.append(TraceJson.str(n.key())).append(':').append(host.getValue().getOrDefault(n, 0L)));
            b.append('}');
        });
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
        TraceJson.segmentStart(b, r.n(), r.from(), r.to());
        b.append(",\"src\":").append(TraceJson.str(r.src().toString()))
                .append(",\"dst\":").append(TraceJson.str(r.dst().toString()))
                .append(",\"connection\":").append(r.connection() == null ? "null" : TraceJson.str(r.connection()));
        TraceJson.segmentRest(b, r.sentAt(), r.arrivedAt(), r.fate(), r.segment(), r.retransmission());
        b.append(",\"options\":[");
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
                .append(",\"sendQ\":").append(r.sendQ());
        TraceJson.tcb(b, r.iss(), r.irs(), r.sndUna(), r.sndNxt(), r.rcvNxt());
        b.append(",\"accepted\":").append(r.accepted())
                .append(",\"timers\":[");
        list(b, r.timers(), t -> TraceJson.timer(b, t));
        b.append("]}");
    }

    private static void error(StringBuilder b, AppError e) {
        b.append("{\"at\":").append(e.at())
                .append(",\"connection\":").append(TraceJson.str(e.connection()))
                .append(",\"call\":").append(TraceJson.str(e.call()))
                .append(",\"errno\":").append(TraceJson.str(e.errno()))
                .append('}');
    }

    private static <T> void list(StringBuilder b, List<T> items, java.util.function.Consumer<T> write) {
        TraceJson.list(b, items, write);
    }
}
