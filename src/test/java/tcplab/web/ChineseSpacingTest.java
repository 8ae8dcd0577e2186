package tcplab.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.Resources;
import tcplab.export.ExportFixtures;
import tcplab.sim.Action;
import tcplab.sim.BadActionException;
import tcplab.sim.Event;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;
import tcplab.web.lab.LabView;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Chinese event log spaces Han and Latin text the way the lessons do (TERMS.md): a
 * half-width space between a Han character and a Latin letter or digit, none between two Han
 * characters, none beside full-width punctuation.
 */
class ChineseSpacingTest {

    private static final Pattern TIGHT = Pattern.compile("\\p{IsHan}[A-Za-z0-9]|[A-Za-z0-9]\\p{IsHan}");
    private static final Pattern HAN_SPACE_HAN = Pattern.compile("\\p{IsHan} +\\p{IsHan}");
    private static final Pattern SPACE_BY_FULL_WIDTH = Pattern.compile(" [，。：；、（）“”！？]|[，。：；、（）“”！？] ");

    private static Messages messages;

    @BeforeAll static void load() {
        messages = new Messages(new Resources.Classpath());
    }

    static List<String> problems(String line) {
        List<String> found = new ArrayList<>();
        if (TIGHT.matcher(line).find()) found.add("Han and Latin without a space");
        if (HAN_SPACE_HAN.matcher(line).find()) found.add("a space between Han characters");
        if (SPACE_BY_FULL_WIDTH.matcher(line).find()) found.add("a space beside full-width punctuation");
        if (line.contains("  ")) found.add("two spaces");
        return found;
    }

    @Test
    void everyEventLineOfEveryScenarioIsSpacedLikeTheLessons() throws Exception {
        Set<String> lines = new TreeSet<>();
        for (Snapshot s : runs()) {
            for (Event e : s.events()) lines.add(LabView.describe("zh", messages, e, s));
        }
        assertTrue(lines.size() > 150, "the runs reach most kinds of event: " + lines.size());
        List<String> bad = new ArrayList<>();
        for (String line : lines) {
            List<String> found = problems(line);
            if (!found.isEmpty()) bad.add(line + "   <- " + String.join(", ", found));
        }
        assertTrue(bad.isEmpty(), bad.size() + " of " + lines.size() + " lines:\n" + String.join("\n", bad));
    }

    @Test
    void aPlaceholderBesideHanGetsASpaceOnlyWhenItsValueStartsLatin() {
        assertEquals("客户端：SYN-SENT → ESTABLISHED，因为 SYN-ACK 确认了我方的 SYN（ACK=101）",
                messages.get("zh", "event.state", "客户端", "SYN-SENT", "ESTABLISHED", "SYN-ACK 确认了我方的 SYN（ACK=101）"));
        assertEquals("客户端：ESTABLISHED → FIN-WAIT-1，因为关闭：发出我方的 FIN",
                messages.get("zh", "event.state", "客户端", "ESTABLISHED", "FIN-WAIT-1", "关闭：发出我方的 FIN"));
        assertEquals("服务器：延迟 ACK 到期", messages.get("zh", "event.timerFired", "服务器", "延迟 ACK"));
        assertEquals("服务器：重传计时器到期", messages.get("zh", "event.timerFired", "服务器", "重传计时器"));
        // what a learner typed is shown as typed
        assertEquals("服务器应用程序读到“你好abc”", messages.get("zh", "event.delivered", "服务器", "你好abc"));
        // English is never touched
        assertEquals("client: CLOSED → SYN-SENT, because connect",
                messages.get("en", "event.state", "client", "CLOSED", "SYN-SENT", "connect"));
    }

    /**
     * Every scenario in both profiles: played out (and each handshake and teardown segment
     * lost), and a few seeded random walks over the actions each moment offers.
     */
    static List<Snapshot> runs() throws BadActionException {
        List<Snapshot> runs = new ArrayList<>();
        for (ExportFixtures.Case c : ExportFixtures.cases()) runs.add(c.replay());
        Random random = new Random(9293);
        for (Profile profile : Profile.values()) {
            for (Scenario scenario : Scenario.values()) {
                for (int walk = 0; walk < 8; walk++) {
                    Simulation sim = Simulation.start(scenario, null, profile);
                    for (int step = 0; step < 40; step++) {
                        List<Action> offered = sim.snapshot().offered();
                        if (offered.isEmpty()) break;
                        sim.apply(offered.get(random.nextInt(offered.size())));
                    }
                    runs.add(sim.snapshot());
                }
            }
        }
        return runs;
    }
}
