package tcplab.sim;

import java.nio.charset.StandardCharsets;

/** Sequence space sent (a SYN, data or a FIN) and not yet acknowledged: the retransmission queue's entry. */
final class Outstanding {
    final long seq;
    final boolean syn;
    final boolean fin;
    final String data;
    final long firstSentAt;
    long lastSentAt;
    int transmissions = 1;
    /** Retransmissions caused by the timer (Linux counts only these against its limits). */
    int timeouts;
    /** Timeouts that doubled the wait for a SYN (Linux keeps the first ones linear in SYN-SENT). */
    int backoffs;
    /** When the timer first resent it (Linux's retrans_stamp, which its data timeout counts from). */
    long firstRetransmittedAt;

    Outstanding(long seq, boolean syn, boolean fin, String data, long at) {
        this.seq = seq;
        this.syn = syn;
        this.fin = fin;
        this.data = data;
        this.firstSentAt = at;
        this.lastSentAt = at;
    }

    /** SEG.LEN: payload bytes plus one each for SYN and FIN (§3.4). */
    int len() {
        return data.getBytes(StandardCharsets.UTF_8).length + (syn ? 1 : 0) + (fin ? 1 : 0);
    }

    long end() {
        return SeqNum.add(seq, len());
    }

    /** Karn's rule: only a segment sent once gives an RTT sample. */
    boolean sentOnce() {
        return transmissions == 1;
    }

    /** The timer resends it: count the try (and remember the first, Linux's retrans_stamp). */
    void resentByTimer(long now) {
        if (timeouts == 0) firstRetransmittedAt = now;
        timeouts++;
        resent(now);
    }

    /** Sent again for another reason (a SYN-ACK answering a repeated SYN). */
    void resent(long now) {
        transmissions++;
        lastSentAt = now;
    }
}
