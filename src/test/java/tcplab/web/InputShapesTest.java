package tcplab.web;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The hand-written checks on the action path accept exactly what their written rules say:
 * compared with the same rules as regular expressions over many random strings.
 */
class InputShapesTest {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");

    @Test void sessionIdsAreBase64UrlOfSixteenToSixtyFourCharacters() {
        assertTrue(Sessions.validId("abcdefghijklmnop"));
        assertTrue(Sessions.validId("A-_0123456789xyzA-_0123456789xyz"));
        assertFalse(Sessions.validId("abcdefghijklmno"), "15 characters");
        assertFalse(Sessions.validId("a".repeat(65)));
        assertFalse(Sessions.validId("abcdefghijklmnop=")); // padding is never made
        assertFalse(Sessions.validId("abcdefghijklmnop/"));
        assertFalse(Sessions.validId("abcdefghijklmnopé"));
        assertFalse(Sessions.validId(null));
        agreesWithRule(ID, Sessions::validId, "Aa0_-=/.é\u0000z", 70);
    }

    @Test void hostsAreNamesOrAddressesWithAPort() {
        assertTrue(Sessions.validHost("localhost:7070"));
        assertTrue(Sessions.validHost("[::1]:7070"));
        assertTrue(Sessions.validHost("tcp-lab.example.org"));
        assertFalse(Sessions.validHost("evil.example/path"));
        assertFalse(Sessions.validHost("a b"));
        assertFalse(Sessions.validHost(""));
        assertFalse(Sessions.validHost(null));
        assertFalse(Sessions.validHost("a".repeat(256)));
        agreesWithRule(HOST, Sessions::validHost, "a.:[]-0Z/ @\"<", 20);
    }

    @Test void versionsAndSmallNumbersAreOnlyDigits() {
        assertTrue(Form.digits("0", 4));
        assertTrue(Form.digits("9999", 4));
        assertFalse(Form.digits("10000", 4));
        for (String bad : new String[] {"", "-1", "+1", " 1", "1 ", "1e3", "0x1", "١", null}) assertFalse(Form.digits(bad, 15), bad);
        agreesWithRule(Pattern.compile("[0-9]{1,15}"), s -> Form.digits(s, 15), "0159-+ a١", 18);
    }

    static void agreesWithRule(Pattern rule, java.util.function.Predicate<String> check, String alphabet, int maxLength) {
        Random random = new Random(7);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(maxLength + 1);
            for (int i = 0; i < length; i++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            assertEquals(rule.matcher(s).matches(), check.test(s.toString()), () -> "for \"" + s + "\"");
        }
    }
}
