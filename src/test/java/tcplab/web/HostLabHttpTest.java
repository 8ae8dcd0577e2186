package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.support.Learner;
import tcplab.support.TestSite;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Host labs over HTTP: the playground, its actions and settings (htmx and plain forms), a
 * replay link that carries the settings, playing on from it, and bad specs answered with a
 * 400 that names the key or word.
 */
class HostLabHttpTest {

    static final String LAB = "/en/play/host";
    static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    @Test
    void thePlaygroundShowsTheHostViewInBothLanguages() {
        var en = site.get(LAB);
        assertEquals(200, en.statusCode());
        for (String s : new String[] {"SYN queue: 0 of 4,096", "Accept queue: 0 of 4,096", "Sockets (ss -tan)", "tcp_syncookies",
                "connect() from client", "name=\"n\"", "flood", "ladder-narrow"}) {
            assertTrue(en.body().contains(s), s);
        }
        var zh = site.get("/zh/play/host");
        assertEquals(200, zh.statusCode());
        assertTrue(zh.body().contains("半连接队列（SYN 队列）：0 / 4,096"), "the glossary's word for the SYN queue");
        assertTrue(zh.body().contains("全连接队列"));
        assertFalse(zh.body().contains("connect() from client"), "no English control words on the Chinese page");
        assertTrue(zh.body().contains("服务器（server）"), "full-width brackets, as TERMS.md and the lessons write them");
        assertFalse(zh.body().contains("服务器 (server)"));
        assertTrue(zh.body().contains(">状态</th>"), "the ss table's State column in Chinese, like the others");
        assertFalse(zh.body().contains(">State</th>"));
    }

    @Test
    void aFloodFillsTheSynQueueAndTheTableSummarisesIt() {
        Learner learner = new Learner(site);
        learner.press(LAB, "connect:client");
        var r = learner.post(LAB, true, "do", "flood", "n", "10000", "version", "1");
        assertEquals(200, r.statusCode(), r.body());
        var step = learner.act(LAB, "next", Learner.version(r.body()));
        step = learner.act(LAB, "next", Learner.version(step.body()));
        assertEquals(200, step.statusCode(), step.body());
        String html = step.body();
        assertTrue(html.contains("SYN-RECV"), "ss's name for SYN-RECEIVED");
        assertTrue(html.contains("title=\"SYN-RECEIVED\""), "the RFC's name beside it");
        assertTrue(html.matches("(?s).*[0-9,]+ more SYN-RECV from 203\\.0\\.113\\.0/24.*"), "the flood in one line: " + html.substring(html.indexOf("host-sockets"), html.indexOf("host-counters")));
        assertTrue(html.split("<tr>").length < 40, "not ten thousand rows");
        assertTrue(html.contains("TcpExtSyncookiesSent") || html.contains("TcpExtTCPReqQFullDoCookies"), "the counters that moved");
        assertTrue(html.contains("role=\"meter\""));

        var tooMany = learner.post(LAB, true, "do", "flood", "n", "10001", "version", Long.toString(Learner.version(html)));
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("flood:10001"), "the word is named");
    }

    @Test
    void theTimerColumnIsWhatSsPrints() {
        // a request socket waiting for its first resend: timer:(on,1sec,0) in ss, the count being resends so far
        String flood = site.get("/en/lab/host?actions=flood:1,next").body();
        assertTrue(timer(flood, "server/1").matches("on,[0-9.]+(ms|sec),0"), timer(flood, "server/1"));
        String resent = site.get("/en/lab/host?actions=flood:1,next,next,next").body();
        assertTrue(timer(resent, "server/1").matches("on,[0-9.]+(ms|sec),1"), "after the first resend: " + timer(resent, "server/1"));
        // the client's orphan FIN-WAIT-2 lives on as a time-wait record (tcp_time_wait(sk, TCP_FIN_WAIT2, tmo))
        String orphan = site.get("/en/lab/host?actions=connect:client,next,next,next,accept,exit:client,next,next").body();
        assertTrue(orphan.contains("<abbr title=\"FIN-WAIT-2\">FIN-WAIT-2</abbr>"), orphan);
        assertTrue(timer(orphan, "client/1").matches("timewait,(1min|[0-9]+sec),0"), timer(orphan, "client/1"));
    }

    @Test
    void timesReadAsInConnectionLabs() {
        // LabView.ms everywhere: milliseconds below ten seconds, then seconds with three decimals
        String late = site.get("/en/lab/host?actions=unlisten,wait:20000,connect:client,next,next").body();
        assertTrue(late.matches("(?s).*<p class=\"clock\">.*?<strong>20\\.[0-9]{3} s</strong>.*"), "the clock");
        assertTrue(late.matches("(?s).*<span>20\\.[0-9]{3} s</span> <strong>client/1</strong>.*"), "the errors list");
        assertFalse(late.contains("20,"), "no grouped milliseconds");
        String early = site.get("/en/lab/host?actions=connect:client,next").body();
        assertTrue(early.matches("(?s).*<p class=\"clock\">.*?<strong>[0-9]+ ms</strong>.*"), "below ten seconds, milliseconds");
        assertTrue(late.contains("<li>20.000 s · client/1: CLOSED → SYN-SENT"), "the event log too");
        assertTrue(early.contains("<li>0 ms · server: listen</li>"));
    }

    @Test
    void aPhoneGetsCompactControlsAndTheSettingsStayClosedUntilChanged() {
        Learner learner = new Learner(site);
        String fresh = learner.page(LAB).body();
        // a group for the next client to connect; the other idle clients share one select
        assertTrue(fresh.matches("(?s).*<button[^>]*value=\"connect:client\".*"), "the next client to connect has its button");
        for (int i = 2; i <= 9; i++) {
            assertFalse(fresh.matches("(?s).*<button[^>]*value=\"connect:c" + i + "\".*"), "no group for idle c" + i);
            assertTrue(fresh.contains("<option value=\"connect:c" + i + "\">connect() from c" + i + "</option>"), "c" + i + " is still reachable");
            assertTrue(fresh.contains("<option value=\"crash:c" + i + "\">Crash c" + i + "</option>"), "and so is crashing it");
        }
        assertTrue(fresh.matches("(?s).*<details class=\"host-settings\">.*"), "the settings start closed");
        // the select works without JavaScript: a plain form post, and c5 then has its own group
        var r = learner.post(LAB, false, "do", "connect:c5", "version", Long.toString(Learner.version(fresh)));
        assertEquals(303, r.statusCode(), r.body());
        String after = learner.page(LAB).body();
        assertTrue(after.contains("c5/1"), "c5 connected");
        assertTrue(after.matches("(?s).*<button[^>]*value=\"crash:c5\".*"), "c5 has its group now");
        assertFalse(after.contains("<option value=\"connect:c5\">"));
        assertTrue(after.matches("(?s).*<button[^>]*value=\"connect:client\".*"), "the client is still the next idle one");
        // a lab that changed a setting opens them, and its share link carries them
        String changed = site.get("/en/lab/host?actions=connect:client&backlog=1").body();
        assertTrue(changed.matches("(?s).*<details class=\"host-settings\" open=\"open\">.*"), "a changed setting shows");
        assertTrue(changed.contains("<code>backlog = 1</code>"), "the replay lists it");
        var applied = learner.post(LAB, true, "do", "settings", "version", Long.toString(Learner.version(after)), "backlog", "2");
        assertTrue(applied.body().matches("(?s).*<details class=\"host-settings\" open=\"open\">.*"), "open after a change");
        assertTrue(applied.body().contains("/en/lab/host?actions=&amp;backlog=2"), "the share link carries it");
    }

    /** The timer cell of socket {@code id}'s row in the ss table. */
    private static String timer(String html, String id) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<td[^>]*>" + java.util.regex.Pattern.quote(id)
                + "</td>(?:\\s*<td[^>]*>.*?</td>){5}\\s*<td[^>]*>([^<]*)</td>", java.util.regex.Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "a row for " + id);
        return m.group(1);
    }

    @Test
    void changingASettingStartsOverAndTheShareLinkCarriesIt() {
        Learner learner = new Learner(site);
        learner.press(LAB, "connect:client");
        var r = learner.post(LAB, true, "do", "settings", "version", "1", "backlog", "1", "keepalive", "none",
                "sysctl.tcp_syncookies", "0", "sysctl.tcp_abort_on_overflow", "1", "sysctl.ip_local_port_range", "32768-60999");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Accept queue: 0 of 1"), "min(backlog, somaxconn)");
        assertTrue(r.body().contains("/en/lab/host?actions=&amp;backlog=1&amp;sysctl.tcp_syncookies=0&amp;sysctl.tcp_abort_on_overflow=1"),
                "the share link carries the settings, and no default");
        assertFalse(r.body().contains("client/1"), "the lab started over");

        var bad = learner.post(LAB, true, "do", "settings", "version", "2", "sysctl.tcp_syncookies", "3");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("sysctl.tcp_syncookies"), bad.body());
        var unknown = learner.post(LAB, true, "do", "settings", "version", "2", "sysctl.tcp_tw_recycle", "1");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("sysctl.tcp_tw_recycle"), unknown.body());

        var page = learner.page(LAB);
        assertTrue(page.body().contains("Accept queue: 0 of 1"), "the session keeps the settings");

        var plain = learner.post(LAB, false, "do", "connect:c2", "version", "2");
        assertEquals(303, plain.statusCode(), "without htmx: back to the page");

        // the settings form swaps the lab with htmx, and without JavaScript posts and comes back to the page
        String form = page.body().substring(page.body().indexOf("class=\"host-settings\""));
        assertTrue(form.substring(0, form.indexOf("</form>")).contains("hx-post=\"/en/play/host\""), "an htmx swap");
        var settingsPlain = learner.post(LAB, false, "do", "settings", "version", "3", "backlog", "2");
        assertEquals(303, settingsPlain.statusCode());
        assertTrue(learner.page(LAB).body().contains("Accept queue: 0 of 2"), "started over with backlog 2");
    }

    @Test
    void theChineseEventLogIsChinese() {
        var zh = site.get("/zh/lab/host?actions=" + URLEncoder.encode("connect:client,next,next,next,accept,exit:client,next", StandardCharsets.UTF_8));
        assertEquals(200, zh.statusCode(), zh.body());
        String log = zh.body().substring(zh.body().indexOf("class=\"log"));
        assertTrue(log.contains("client/1 发送报文段 #1"), log);
        assertTrue(log.contains("server/1：SYN-RECEIVED → ESTABLISHED"), log);
        for (String english : List.of(" sends ", " arrives", " because ", "timer set", "calls ")) {
            assertFalse(log.contains(english), "no English in the zh log: " + english);
        }
        var en = site.get("/en/lab/host?actions=connect:client,next");
        assertTrue(en.body().contains("client/1"), "English pages keep the trace's lines");
    }

    @Test
    void replayLinksShowTheLabAndPlayOnKeepsTheSettings() {
        String q = "?actions=" + URLEncoder.encode("connect:client,next,next,connect:c2,next,next,next", StandardCharsets.UTF_8)
                + "&backlog=1&sysctl.tcp_abort_on_overflow=1";
        var replay = site.get("/zh/lab/host" + q);
        assertEquals(200, replay.statusCode(), replay.body());
        assertTrue(replay.body().contains("全连接队列："));
        assertTrue(replay.body().contains("name=\"backlog\" value=\"1\""), "play on carries the settings");

        Learner learner = new Learner(site);
        var load = learner.post(site, "/zh/play/host/load", Map.of("actions", "connect:client,next", "backlog", "1"));
        assertEquals(303, load.statusCode());
        var page = learner.page("/zh/play/host");
        assertTrue(page.body().contains("全连接队列：0 / 1"), page.body());

        var badKey = site.get("/en/lab/host?actions=next&sysctl.nope=1");
        assertEquals(400, badKey.statusCode());
        assertTrue(badKey.body().contains("sysctl.nope"));
        var badRange = site.get("/en/lab/host?actions=&sysctl.tcp_keepalive_probes=0");
        assertEquals(400, badRange.statusCode());
        assertTrue(badRange.body().contains("sysctl.tcp_keepalive_probes"));
        assertTrue(badRange.body().contains("must be between 1 and 127 (Linux rejects 0)"), badRange.body());
        // a Chinese page says why in Chinese, naming the key and Linux's range
        var badRangeZh = site.get("/zh/lab/host?actions=&sysctl.tcp_keepalive_probes=0");
        assertEquals(400, badRangeZh.statusCode());
        assertTrue(badRangeZh.body().contains("“sysctl.tcp_keepalive_probes”无法使用：必须在 1 到 127 之间（Linux 拒绝 0）"), badRangeZh.body());
        assertFalse(badRangeZh.body().contains("must be"), "no English on the Chinese page");
        var badWord = site.get("/en/lab/host?actions=connect:mars");
        assertEquals(400, badWord.statusCode());
        assertTrue(badWord.body().contains("connect:mars"));
    }

    @Test
    void aFormAnswered400MakesNoSession() {
        // every host-lab form is read before a session is made for it: a 400 sets no cookie
        String[][] bad = {
                {"do", "connect:client"},                                       // no version
                {"do", "connect:mars", "version", "0"},                         // no such word
                {"do", "flood", "n", "10001", "version", "0"},                  // a flood too large
                {"do", "send:client", "text", "", "version", "0"},              // nothing to send
                {"do", "settings", "version", "0", "sysctl.tcp_syncookies", "3"}, // out of Linux's range
        };
        for (String[] form : bad) {
            for (String lab : new String[] {LAB, "/en/lessons/syn-queue-and-accept-queue/labs/1"}) {
                Learner learner = new Learner(site);
                var r = learner.post(lab, true, form);
                assertEquals(400, r.statusCode(), lab + " " + String.join(" ", form));
                assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), "no session for " + lab + " " + String.join(" ", form));
                assertNull(learner.cookie());
            }
        }
        // and a prediction that cannot be read, in a host lab and in a connection lab
        for (String lab : new String[] {"/en/lessons/syn-queue-and-accept-queue/labs/1", "/en/lessons/three-way-handshake/labs/1"}) {
            for (String[] form : new String[][] {{"q", "0", "choice", "7", "version", "0"}, {"q", "x", "choice", "0", "version", "0"},
                    {"q", "0", "choice", "0"}}) {
                var r = new Learner(site).post(lab + "/predict", true, form);
                assertEquals(400, r.statusCode(), lab + " " + String.join(" ", form));
                assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), "no session for a bad prediction at " + lab);
            }
        }
    }

    @Test
    void theHeaderInspectorShowsAHostSegmentWithItsOptions() {
        Learner learner = new Learner(site);
        learner.press(LAB, "connect:client");
        // the client's SYN, with the options Linux puts on it (tcp_timestamps=1 by default)
        var r = site.get(LAB + "/inspect?seg=1", "HX-Request", "true", "Cookie", "tcplab=" + learner.cookie());
        assertEquals(200, r.statusCode(), r.body());
        for (String s : new String[] {"Source address</th><td>32</td><td>192.0.2.10", "Destination port</th><td>16</td><td>80",
                "Maximum segment size</th><td>32</td><td>MSS 1460", "SACK permitted</th><td>16</td>", "Timestamps</th><td>80</td><td>TSval ",
                "No-operation</th><td>8</td>", "Window scale</th><td>24</td><td>window scale 7", "Data offset</th><td>4</td><td>10 (40 bytes)", "(correct)"}) {
            assertTrue(r.body().contains(s), s + " in " + r.body());
        }
        var page = learner.page(LAB).body();
        assertTrue(page.contains("class=\"inspect-form\""), "the host view offers the inspector");
        assertEquals(400, site.get(LAB + "/inspect?seg=2", "HX-Request", "true", "Cookie", "tcplab=" + learner.cookie()).statusCode(),
                "no segment 2 yet");
    }
}
