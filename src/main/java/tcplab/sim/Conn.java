package tcplab.sim;

import tcplab.sim.HostSnapshot.HostEvent;
import tcplab.sim.host.Address;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.Sysctl;
import tcplab.sim.host.TcpOptions;

/** One socket: an {@link Endpoint} with the host's addressing, options and timestamps. */
final class Conn extends AbstractLab.EndpointHost {
    private final HostLab lab;
    final String id;
    final Machine machine;
    final Address local;
    final Address remote;
    final Endpoint ep;
    final long tsOffset;
    boolean ownSynHadTs;
    boolean tsOk;
    Long tsRecent;
    long tsRecentAt = -1;
    boolean accepted;
    long timeWaitSince;
    State lastState = State.CLOSED;

    Conn(HostLab lab, Machine machine, int k, Address local, Address remote, Side side) {
        super(lab);
        this.lab = lab;
        this.id = machine.name + "/" + k;
        this.machine = machine;
        this.local = local;
        this.remote = remote;
        this.tsOffset = machine.clock.tsOffset(local, remote, lab.sysctls.get(Sysctl.TCP_TIMESTAMPS));
        this.ep = new Endpoint(side, lab.profile, Script.NONE, this);
        if (lab.profile == Profile.LINUX) {
            ep.linuxSysctls(lab.sysctls.get(Sysctl.TCP_SYN_RETRIES), lab.sysctls.get(Sysctl.TCP_SYNACK_RETRIES),
                    lab.sysctls.get(Sysctl.TCP_ORPHAN_RETRIES), lab.sysctls.get(Sysctl.TCP_FIN_TIMEOUT) * 1000L);
        }
        boolean keep = side == Side.SERVER ? lab.settings.keepalive().server() : lab.settings.keepalive().client();
        if (keep) {
            ep.keepalive(new Endpoint.Keepalive(lab.sysctls.get(Sysctl.TCP_KEEPALIVE_TIME) * 1000L,
                    lab.sysctls.get(Sysctl.TCP_KEEPALIVE_INTVL) * 1000L, lab.sysctls.get(Sysctl.TCP_KEEPALIVE_PROBES)));
        }
        machine.conns.add(this);
        lab.live.add(this);
    }

    @Override
    public void transmit(Side from, Segment segment, boolean retransmission, Reason reason) {
        TcpOptions options;
        if (segment.has(Flag.SYN)) {
            ownSynHadTs = lab.sysctls.get(Sysctl.TCP_TIMESTAMPS) > 0;
            options = synOptions(ownSynHadTs ? machine.clock.tsval(lab.now, tsOffset) : null, segment.has(Flag.ACK) ? tsRecent : null);
        } else if (tsOk) {
            options = TcpOptions.timestamp(machine.clock.tsval(lab.now, tsOffset), tsRecent == null ? 0 : tsRecent);
        } else {
            options = TcpOptions.NONE;
        }
        if (reason.why() == Why.SENDS_KEEPALIVE_PROBE) machine.count(Nstat.TCP_KEEP_ALIVE); // tcp_write_wakeup
        lab.channel.send(new Packet(machine.name, lab.hostOf(remote.ip()), local, remote, segment, options, retransmission, id), reason, from);
    }

    @Override
    public void record(Event event) {
        lab.events.add(new HostEvent(event.at(), machine.name, id, event, event.reason()));
        lab.apps.observe(this, event);
    }

    @Override
    public long nextIss(Side side) {
        return machine.clock.isn(local, remote, lab.now);
    }

    @Override
    public void scheduleCall(Side side, String call, Runnable run) {
        throw new IllegalStateException("host labs script no application reactions");
    }

    @Override
    public boolean scripting() {
        return false;
    }

    /** tcp_time_wait: inet_twsk_alloc refuses beyond tcp_max_tw_buckets. */
    @Override
    public boolean admitTimeWait() {
        if (machine.timeWaitCount() < lab.sysctls.get(Sysctl.TCP_MAX_TW_BUCKETS)) return true;
        machine.count(Nstat.TCP_TIME_WAIT_OVERFLOW);
        return false;
    }

    /** tcp_syn_options on the client's SYN: MSS, SACK permitted, timestamps (tcp_timestamps), window scale. */
    private static TcpOptions synOptions(Long tsval, Long tsecr) {
        return new TcpOptions(TcpOptions.LINUX_MSS, true, tsval, tsval == null ? null : (tsecr == null ? 0 : tsecr), TcpOptions.LINUX_WSCALE);
    }

    /**
     * A segment for this socket: the timestamps it carries (RFC 7323's TS.Recent), then
     * tcp_timewait_state_process in TIME-WAIT (RFC 1337, a new SYN handed to the listener), else the state machine.
     */
    void arrives(Packet p) {
        Segment seg = p.segment();
        TcpOptions o = p.options();
        if (ep.state() == State.SYN_SENT && seg.has(Flag.SYN)) {
            tsOk = ownSynHadTs && o.hasTimestamp(); // RFC 7323: both SYNs carried it
        }
        if (tsOk && o.hasTimestamp() && !seg.has(Flag.RST)) {
            tsRecent = o.tsval();
            tsRecentAt = lab.now;
        }
        if (ep.state() == State.TIME_WAIT) {
            long rcvNxt = ep.snapshot().rcvNxt();
            // tcp_timewait_state_process: with tcp_rfc1337=1 an in-window RST does not end TIME-WAIT.
            if (seg.has(Flag.RST) && seg.seq() == rcvNxt && lab.sysctls.get(Sysctl.TCP_RFC1337) == 1) {
                lab.hostEvent(machine, id, Why.TIME_WAIT_RFC1337);
                return;
            }
            // A new SYN above RCV.NXT, or with a newer timestamp, is handed to the listener (TCP_TW_SYN).
            boolean newer = SeqNum.gt(seg.seq(), rcvNxt)
                    || (o.hasTimestamp() && tsRecent != null && (int) (tsRecent - o.tsval()) < 0);
            if (machine == lab.server && lab.listener.open && seg.has(Flag.SYN) && !seg.has(Flag.RST) && !seg.has(Flag.ACK) && newer) {
                long isn = SeqNum.add(ep.snapshot().sndNxt(), 65535 + 2);
                ep.discard(Why.TIME_WAIT_NEW_SYN, seg.seq(), rcvNxt);
                lab.passive.connRequest(p, isn == 0 ? 1 : isn);
                return;
            }
        }
        ep.segmentArrives(seg);
    }
}
