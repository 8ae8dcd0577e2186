package tcplab.ladder;

import org.junit.jupiter.api.Test;
import tcplab.sim.HostSnapshot;
import tcplab.sim.LabSpec;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** A host lab's ladder on a phone: each row one link to its headers, titled with the row in full. */
class HostLadderTest {

    /** A client's handshake (#1–3), then a flood of 50 SYNs (#4–53) and the server's 50 SYN-ACKs (#54–103). */
    private static final HostSnapshot FLOODED = flooded();

    private static HostSnapshot flooded() {
        try {
            return LabSpec.parseHost("connect:client,next,next,next,flood:50,next", null, null, Map.of()).replayHost();
        } catch (tcplab.sim.BadActionException e) {
            throw new AssertionError(e);
        }
    }

    private static Function<String, String> messages(String lang) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("templates/i18n/messages_" + lang + ".properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return key -> {
            String value = p.getProperty(key);
            if (value == null) throw new IllegalArgumentException("no message " + key);
            return value;
        };
    }

    private static String narrow(String both) {
        return both.substring(both.indexOf("<svg", 1));
    }

    /** Each link of a drawing: its href and its title. */
    private static List<String[]> links(String svg) {
        Matcher m = Pattern.compile("<a class=\"seg-link\" href=\"([^\"]*)\" data-seg=\"(\\d+)\" data-notation=\"([^\"]*)\"><title>([^<]*)</title>")
                .matcher(svg);
        List<String[]> links = new ArrayList<>();
        while (m.find()) links.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        return links;
    }

    @Test
    void eachRowOfThePhonesDrawingLeadsToItsFirstSegmentsHeadersAndSaysItInFull() {
        String both = HostLadder.inline(FLOODED, messages("en"), n -> "/en/play/host/inspect?seg=" + n + "#lab-inspector");
        String wide = both.substring(0, both.indexOf("<svg", 1));
        assertFalse(wide.contains("<a "), "the wide drawing has whole labels and no links");
        String narrow = narrow(both);
        assertTrue(narrow.contains("role=\"group\""), "links are not hidden inside an image");
        List<String[]> links = links(narrow);
        assertEquals(List.of("1", "2", "3", "4", "54"), links.stream().map(l -> l[1]).toList(), "one link a row, a burst by its first");
        assertEquals("/en/play/host/inspect?seg=4#lab-inspector", links.get(3)[0]);
        String[] ack = links.get(2);
        assertTrue(ack[2].startsWith("ACK seq="), ack[2]);
        assertTrue(ack[3].startsWith("#3 100 ms client→server ") && ack[3].contains(ack[2]) && ack[3].endsWith(", arrived at 150 ms."), ack[3]);
        assertEquals("", links.get(3)[2], "a burst has no one notation");
        assertEquals("Segments #4–53: 50 × SYN attacker→server, all sent at 150 ms; “Show headers” shows the first.", links.get(3)[3]);
        assertEquals("Segments #54–103: 50 × SYN,ACK server→attacker, all sent at 200 ms; “Show headers” shows the first.", links.get(4)[3]);
        // the lanes' names are said by the links' titles and the description, not read out between them
        assertTrue(narrow.matches("(?s).*<g aria-hidden=\"true\"><path class=\"lane\".*"), narrow.substring(0, 400));

        String zh = narrow(HostLadder.inline(FLOODED, messages("zh"), n -> "/zh/play/host/inspect?seg=" + n + "#lab-inspector"));
        assertEquals("报文段 #4–53：50 个 SYN，attacker→server，都在 150 ms 发出；“查看首部”显示第一个。", links(zh).get(3)[3]);
        assertTrue(links(zh).get(2)[3].endsWith("，150 ms 送达。"), links(zh).get(2)[3]);
    }

    @Test
    void withoutLinksTheDrawingsAreImagesAsBefore() {
        String both = HostLadder.inline(FLOODED, messages("en"));
        assertFalse(both.contains("<a "));
        assertFalse(both.contains("role=\"group\""));
        assertFalse(HostLadder.standalone(FLOODED, messages("en")).contains("<a "));
    }
}
