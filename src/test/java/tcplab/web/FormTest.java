package tcplab.web;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Form bodies read as browsers write them; broken fields read as missing, never as something else. */
class FormTest {

    @Test void fieldsAreDecodedAsBrowsersEncodeThem() {
        assertEquals(Map.of("do", "send:client", "text", "a b c,你好", "version", "3"),
                Form.parse("do=send%3Aclient&text=a+b%20c%2C%E4%BD%A0%E5%A5%BD&version=3"));
        assertEquals(Map.of(), Form.parse(""));
        assertEquals(Map.of("a", "", "b", ""), Form.parse("a&b="));
        assertEquals(Map.of("do", "next=x", "version", "0"), Form.parse("&&do=next=x&version=0&"), "only the first = splits");
    }

    @Test void theFirstOfARepeatedFieldCounts() {
        assertEquals("1", Form.parse("version=1&version=2").get("version"));
    }

    @Test void brokenPercentEncodingDropsTheField() {
        Map<String, String> fields = Form.parse("do=%zz&version=%&text=%e4%b8&%=x&ok=1");
        assertFalse(fields.containsKey("do"));
        assertFalse(fields.containsKey("version"));
        assertEquals("\uFFFD", fields.get("text"), "an incomplete UTF-8 sequence is a replacement character, not an error");
        assertEquals("1", fields.get("ok"));
        assertEquals(2, fields.size());
    }
}
