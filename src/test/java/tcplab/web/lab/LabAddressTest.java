package tcplab.web.lab;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Lab addresses take only names like {@code three-way-handshake}: never a path, never anything a key could be forged from. */
class LabAddressTest {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    @Test void namesAreLowerCaseWordsJoinedBySingleHyphens() {
        assertEquals("three-way-handshake#2", LabAddress.lesson("three-way-handshake", 2).sessionKey());
        assertEquals("play:handshake", LabAddress.playground("handshake").sessionKey());
        for (String bad : new String[] {"", "-a", "a-", "a--b", "A", "../x", "a/b", "a#1", "a b", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> LabAddress.lesson(bad, 1), bad);
            assertThrows(IllegalArgumentException.class, () -> LabAddress.playground(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> LabAddress.lesson("time-wait", 0));
        assertThrows(IllegalArgumentException.class, () -> LabAddress.playground(null));
    }

    @Test void theCheckAgreesWithTheRuleAsARegularExpression() {
        Random random = new Random(11);
        String alphabet = "az09--#/.A";
        for (int n = 0; n < 50_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            assertEquals(NAME.matcher(s).matches(), LabAddress.isName(s.toString()), () -> "for \"" + s + "\"");
        }
    }
}
