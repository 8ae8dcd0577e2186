package tcplab.sim;

import java.util.List;
import org.junit.jupiter.api.Test;
import tcplab.sim.host.HostSettings;

class HostSmokeTest {
    @Test
    void smoke() throws Exception {
        HostSnapshot s = HostLab.replay(null, null, HostSettings.DEFAULTS.withBacklog(1),
                List.of("connect:client", "next", "next", "next", "connect:c2", "next", "next", "next", "connect:c3", "next", "next", "next", "wait:2000", "flood:5", "next", "next", "wait:70000"));
        s.trace().forEach(System.out::println);
        s.connections().forEach(System.out::println);
        System.out.println(s.listener());
        System.out.println(s.counters().get("server"));
        System.out.println(s.errors());
    }
}
