package tcplab.drill;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A progress code carries a learner's drills to another browser; anything forged or malformed is refused with its reason. */
class ProgressCodeTest {

    static final byte[] SECRET = "a test secret of enough bytes".getBytes(StandardCharsets.UTF_8);
    static final ProgressCode CODES = new ProgressCode(SECRET);
    static final long T0 = 1_800_000_000_000L;

    static Progress sample() {
        Progress p = Progress.empty();
        for (Deck d : Deck.values()) {
            for (Kind k : d.kinds()) {
                p = p.answer(new DrillId(d, k, 1_000_000L + k.ordinal()), d.ordinal() % 2 == 0, T0);
            }
        }
        return p.answer(new DrillId(Deck.WHY_THREE, Kind.STATE_AFTER, DrillId.MAX_SEED), true, T0 + 123_456);
    }

    @Test
    void aCodeReadsBackAsTheSameProgressOnAnotherInstanceWithTheSameSecret() {
        Progress p = sample();
        String code = CODES.write(p);
        assertTrue(code.startsWith(ProgressCode.PREFIX));
        ProgressCode.Read read = new ProgressCode(SECRET.clone()).read("  " + code + "\n");
        assertTrue(read.ok(), String.valueOf(read.problem()));
        // due times travel to the minute, rounded up: never due earlier than at home
        assertEquals(p.cards().keySet(), read.progress().cards().keySet());
        p.cards().forEach((id, card) -> {
            Leitner.Card back = read.progress().cards().get(id);
            assertEquals(card.box(), back.box());
            assertEquals(card.right(), back.right());
            assertEquals(card.wrong(), back.wrong());
            assertTrue(back.dueAt() >= card.dueAt() && back.dueAt() - card.dueAt() < 60_000);
        });
        assertTrue(code.length() < 20 * p.cards().size() + 60, "about 15 characters a drill: " + code.length());
    }

    @Test
    void anEmptyProgressHasACodeToo() {
        assertEquals(Progress.empty(), CODES.read(CODES.write(Progress.empty())).progress());
    }

    @Test
    void forgedAndMalformedCodesAreRefusedWithTheirReason() {
        String code = CODES.write(sample());
        assertEquals(ProgressCode.Problem.FORGED, new ProgressCode("another secret, other site".getBytes()).read(code).problem());
        byte[] raw = Base64.getUrlDecoder().decode(code.substring(ProgressCode.PREFIX.length()));
        raw[5] ^= 1; // one bit of one drill changed: a better box, say
        assertEquals(ProgressCode.Problem.FORGED, CODES.read(ProgressCode.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw)).problem());
        assertEquals(ProgressCode.Problem.FORGED, CODES.read(code.substring(0, code.length() - 3)).problem());
        assertEquals(ProgressCode.Problem.EMPTY, CODES.read("   ").problem());
        assertEquals(ProgressCode.Problem.NOT_A_CODE, CODES.read("hello").problem());
        assertEquals(ProgressCode.Problem.NOT_A_CODE, CODES.read(ProgressCode.PREFIX + "!!!").problem());
        assertEquals(ProgressCode.Problem.NOT_A_CODE, CODES.read(ProgressCode.PREFIX + "AAAA").problem());
        assertEquals(ProgressCode.Problem.VERSION, CODES.read("tcplab2.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").problem());
        raw = Base64.getUrlDecoder().decode(code.substring(ProgressCode.PREFIX.length()));
        raw[0] = 9;
        assertEquals(ProgressCode.Problem.VERSION, CODES.read(ProgressCode.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw)).problem());
        assertEquals(ProgressCode.Problem.TOO_LONG, CODES.read(ProgressCode.PREFIX + "A".repeat(ProgressCode.MAX_CHARS)).problem());
    }

    @Test
    void aFullProgressFitsTheLimit() {
        Progress p = Progress.empty();
        for (int i = 0; i < Progress.MAX_CARDS; i++) {
            p = p.answer(new DrillId(Deck.LOST_TEARDOWN, Kind.GIVE_UP_AT, DrillId.MAX_SEED - i), false, Long.MAX_VALUE / 4);
        }
        String code = CODES.write(p);
        assertTrue(code.length() < ProgressCode.MAX_CHARS, code.length() + " characters");
        assertEquals(p.cards().keySet(), CODES.read(code).progress().cards().keySet());
    }
}
