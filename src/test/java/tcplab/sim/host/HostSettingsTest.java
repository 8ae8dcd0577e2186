package tcplab.sim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import tcplab.sim.BadActionException;
import tcplab.sim.LabSpec;
import tcplab.sim.Profile;

/** The host keys of a lab's spec: Linux's defaults when unset, Linux's ranges, the contract's URL form. */
class HostSettingsTest {

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void unsetMeansLinuxDefaults() {
        Sysctls s = Sysctls.DEFAULTS;
        assertEquals(1, s.get(Sysctl.TCP_SYNCOOKIES));
        assertEquals(4096, s.get(Sysctl.SOMAXCONN));
        assertEquals(5, s.get(Sysctl.TCP_SYNACK_RETRIES));
        assertEquals(6, s.get(Sysctl.TCP_SYN_RETRIES));
        assertEquals(60, s.get(Sysctl.TCP_FIN_TIMEOUT));
        assertEquals(2, s.get(Sysctl.TCP_TW_REUSE));
        assertEquals(7200, s.get(Sysctl.TCP_KEEPALIVE_TIME));
        assertEquals(75, s.get(Sysctl.TCP_KEEPALIVE_INTVL));
        assertEquals(9, s.get(Sysctl.TCP_KEEPALIVE_PROBES));
        assertEquals(new PortRange(32768, 60999), s.portRange());
        assertEquals(4096, HostSettings.DEFAULTS.maxAckBacklog());
    }

    @Test
    void parsesAndPrintsTheContractsUrlForm() throws BadSettingException {
        HostSettings h = HostSettings.parse(params("backlog", "128", "keepalive", "both", "sysctl.tcp_syncookies", "0",
                "sysctl.ip_local_port_range", "50000-50010", "actions", "ignored"));
        assertEquals(128, h.backlog());
        assertEquals(Keepalive.BOTH, h.keepalive());
        assertEquals(0, h.sysctls().get(Sysctl.TCP_SYNCOOKIES));
        assertEquals(new PortRange(50000, 50010), h.sysctls().portRange());
        assertEquals(params("backlog", "128", "keepalive", "both", "sysctl.tcp_syncookies", "0",
                "sysctl.ip_local_port_range", "50000-50010"), h.toParams());
        assertEquals(h, HostSettings.parse(h.toParams()));
        assertEquals(128, h.with(Sysctl.SOMAXCONN, 4096).maxAckBacklog());
        assertEquals(16, h.with(Sysctl.SOMAXCONN, 16).maxAckBacklog()); // min(backlog, somaxconn)
    }

    @Test
    void badSettingsNameTheKey() {
        assertEquals("sysctl.tcp_syncookies", assertThrows(BadSettingException.class,
                () -> HostSettings.parse(params("sysctl.tcp_syncookies", "3"))).key());
        assertEquals("sysctl.tcp_nosuch", assertThrows(BadSettingException.class,
                () -> HostSettings.parse(params("sysctl.tcp_nosuch", "1"))).key());
        assertEquals("sysctl.ip_local_port_range", assertThrows(BadSettingException.class,
                () -> HostSettings.parse(params("sysctl.ip_local_port_range", "60000-50000"))).key());
        assertEquals("sysctl.tcp_syn_retries", assertThrows(BadSettingException.class,
                () -> HostSettings.parse(params("sysctl.tcp_syn_retries", "0"))).key()); // Linux's minimum is 1
        assertEquals("backlog", assertThrows(BadSettingException.class, () -> HostSettings.parse(params("backlog", "-1"))).key());
        assertEquals("keepalive", assertThrows(BadSettingException.class, () -> HostSettings.parse(params("keepalive", "yes"))).key());
        assertTrue(assertThrows(BadSettingException.class, () -> HostSettings.parse(params("sysctl.tcp_fin_timeout", "x")))
                .getMessage().contains("tcp_fin_timeout"));
    }

    @Test
    void aLabSpecCarriesAHostLab() throws BadActionException {
        LabSpec spec = LabSpec.parseHost("flood:100,next", "7", null, params("backlog", "16", "sysctl.tcp_syncookies", "2"));
        assertTrue(spec.isHostLab());
        assertEquals("host", spec.scenarioKey());
        assertEquals("actions=flood:100,next&seed=7&backlog=16&sysctl.tcp_syncookies=2", spec.query());
        assertEquals(100, spec.replayHost().segments().size() - 100); // 100 SYNs, 100 cookie SYN-ACKs
        LabSpec.BadSpecException e = assertThrows(LabSpec.BadSpecException.class,
                () -> LabSpec.parseHost("", null, null, params("sysctl.somaxconn", "-5")));
        assertEquals("sysctl.somaxconn", e.key());
        assertEquals("-5", e.value());
        assertEquals(List.of("flood:100", "next"), spec.actions());
        assertEquals(Profile.LINUX, spec.profile());
    }
}
