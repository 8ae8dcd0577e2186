package tcplab.sim;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A TCP segment as the lab shows it: sequence and acknowledgment numbers, control bits,
 * window and payload. {@code ack} means something only when ACK is set (it is 0 otherwise).
 */
public record Segment(long seq, long ack, Set<Flag> flags, int window, String data) {

    /** Order in which RFC 9293's figures write the control bits: SYN,ACK / FIN,ACK / RST,ACK. */
    private static final List<Flag> CTL_ORDER = List.of(Flag.SYN, Flag.FIN, Flag.RST, Flag.PSH, Flag.URG, Flag.ACK);

    public Segment {
        SeqNum.check(seq, "SEQ");
        SeqNum.check(ack, "ACK");
        flags = flags.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Flag.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        if (!flags.contains(Flag.ACK) && ack != 0) {
            throw new IllegalArgumentException("ACK field set without the ACK flag");
        }
        if (window < 0 || window > 65535) throw new IllegalArgumentException("window " + window);
        data = data == null ? "" : data;
    }

    public static Segment of(long seq, long ack, Set<Flag> flags, String data) {
        return new Segment(seq, flags.contains(Flag.ACK) ? ack : 0, flags, Simulation.WINDOW, data);
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    public byte[] payload() {
        return data.getBytes(StandardCharsets.UTF_8);
    }

    /** SEG.LEN: payload octets, plus one for SYN and one for FIN. */
    public int len() {
        return payload().length + (has(Flag.SYN) ? 1 : 0) + (has(Flag.FIN) ? 1 : 0);
    }

    /** The sequence number just after this segment. */
    public long end() {
        return SeqNum.add(seq, len());
    }

    /** Control bits as the RFC figures write them, e.g. {@code SYN,ACK}. */
    public String ctl() {
        StringBuilder b = new StringBuilder();
        for (Flag f : CTL_ORDER) {
            if (has(f)) {
                if (b.length() > 0) b.append(',');
                b.append(f.name());
            }
        }
        return b.toString();
    }

    /** RFC notation: {@code <SEQ=300><ACK=101><CTL=SYN,ACK>}, data quoted. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("<SEQ=").append(seq).append('>');
        if (has(Flag.ACK)) b.append("<ACK=").append(ack).append('>');
        if (!flags.isEmpty()) b.append("<CTL=").append(ctl()).append('>');
        if (!data.isEmpty()) b.append("<DATA=\"").append(data).append("\">");
        return b.toString();
    }
}
