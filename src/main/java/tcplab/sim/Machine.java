package tcplab.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

import tcplab.sim.host.Address;
import tcplab.sim.host.EphemeralPorts;
import tcplab.sim.host.LinuxClock;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.SynCookies;

/** A host: its address, boot (clock and secrets), counters, sockets and port cursor. */
final class Machine {
    private final HostLab lab;
    final String name;
    final String ip;
    boolean up = true;
    int boots;
    LinuxClock clock;
    SynCookies cookies;
    final EnumMap<Nstat, Long> counters = new EnumMap<>(Nstat.class);
    final List<Conn> conns = new ArrayList<>();
    /** Connection numbers K handed out (request sockets and cookie children on the server count too). */
    int named;
    EphemeralPorts ports = new EphemeralPorts();

    Machine(HostLab lab, String name, String ip) {
        this.lab = lab;
        this.name = name;
        this.ip = ip;
        for (Nstat n : Nstat.values()) counters.put(n, 0L);
        boot();
    }

    void boot() {
        boots++;
        long secret = HostLab.bootSecret(lab.seed, name, boots);
        clock = new LinuxClock(secret, lab.now);
        cookies = new SynCookies(secret * 31 + 7);
        ports = new EphemeralPorts();
    }

    void count(Nstat n) {
        counters.merge(n, 1L, Long::sum);
    }

    Conn find(Address local, Address remote) {
        for (int i = conns.size() - 1; i >= 0; i--) {
            Conn c = conns.get(i);
            if (c.ep.state() != State.CLOSED && c.local.equals(local) && c.remote.equals(remote)) return c;
        }
        return null;
    }

    int timeWaitCount() {
        int n = 0;
        for (Conn c : lab.live) if (c.machine == this && c.ep.state() == State.TIME_WAIT) n++;
        return n;
    }
}

