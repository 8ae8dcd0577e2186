package tcplab.drill;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A learner's progress as a short code to carry to another browser: {@code tcplab1.} then
 * base64url of a version byte, the drills (deck and kind letters, seed, box, due minute, right
 * and wrong counts, as varints) and an HMAC-SHA256 (first 16 bytes) under the site's secret.
 * A code that does not parse, comes from another version or fails the HMAC is refused with
 * its reason and changes nothing. Every instance sharing a secret reads the others' codes.
 */
public final class ProgressCode {

    public static final String PREFIX = "tcplab1.";
    /** Enough for {@link Progress#MAX_CARDS} drills with room to spare; longer input is refused unread. */
    public static final int MAX_CHARS = 12_000;
    private static final int VERSION = 1;
    private static final int TAG_BYTES = 16;

    /** Why a code was refused (a message key suffix: {@code drills.import.NOT_A_CODE}). */
    public enum Problem { EMPTY, TOO_LONG, NOT_A_CODE, VERSION, FORGED, MALFORMED }

    /** The outcome of reading a code: progress, or the problem. */
    public record Read(Progress progress, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private final byte[] secret;

    public ProgressCode(byte[] secret) {
        if (secret.length < 16) throw new IllegalArgumentException("the secret needs at least 16 bytes");
        this.secret = secret.clone();
    }

    public String write(Progress progress) {
        byte[] body = body(progress);
        byte[] all = Arrays.copyOf(body, body.length + TAG_BYTES);
        System.arraycopy(tag(body), 0, all, body.length, TAG_BYTES);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    /** The unsigned form a session store keeps (the server wrote it; nobody else can). */
    static String unsigned(Progress progress) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body(progress));
    }

    static Optional<Progress> fromUnsigned(String text) {
        try {
            byte[] body = Base64.getUrlDecoder().decode(text);
            if (body.length < 1 || body[0] != VERSION) return Optional.empty();
            return parse(body);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] body(Progress progress) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        varint(out, progress.cards().size());
        for (Map.Entry<DrillId, Leitner.Card> e : progress.cards().entrySet()) {
            DrillId id = e.getKey();
            Leitner.Card c = e.getValue();
            out.write(id.deck().code());
            out.write(id.kind().code());
            varint(out, id.seed());
            out.write(c.box());
            varint(out, (c.dueAt() + 59_999) / 60_000);
            varint(out, c.right());
            varint(out, c.wrong());
        }
        return out.toByteArray();
    }

    public Read read(String code) {
        if (code == null || code.isBlank()) return refused(Problem.EMPTY);
        String text = code.strip();
        if (text.length() > MAX_CHARS) return refused(Problem.TOO_LONG);
        if (!text.startsWith(PREFIX)) {
            return refused(text.matches("tcplab[0-9]+\\..*") ? Problem.VERSION : Problem.NOT_A_CODE);
        }
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return refused(Problem.NOT_A_CODE);
        }
        if (all.length < 1 + TAG_BYTES) return refused(Problem.NOT_A_CODE);
        if (all[0] != VERSION) return refused(Problem.VERSION);
        byte[] body = Arrays.copyOf(all, all.length - TAG_BYTES);
        byte[] given = Arrays.copyOfRange(all, all.length - TAG_BYTES, all.length);
        if (!MessageDigest.isEqual(given, Arrays.copyOf(tag(body), TAG_BYTES))) return refused(Problem.FORGED);
        return parse(body).map(p -> new Read(p, null)).orElseGet(() -> refused(Problem.MALFORMED));
    }

    private static Optional<Progress> parse(byte[] body) {
        int[] at = {1};
        try {
            long count = varint(body, at);
            if (count > Progress.MAX_CARDS) return Optional.empty();
            Map<DrillId, Leitner.Card> cards = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                Optional<Deck> deck = Deck.byCode((char) body[at[0]++]);
                Optional<Kind> kind = Kind.byCode((char) body[at[0]++]);
                long seed = varint(body, at);
                int box = body[at[0]++];
                long dueMinute = varint(body, at);
                long right = varint(body, at);
                long wrong = varint(body, at);
                if (deck.isEmpty() || kind.isEmpty() || !deck.get().kinds().contains(kind.get()) || seed < 0 || seed > DrillId.MAX_SEED
                        || box < 1 || box > Leitner.BOXES || dueMinute < 0 || dueMinute > Long.MAX_VALUE / 60_000
                        || right < 0 || right > Integer.MAX_VALUE || wrong < 0 || wrong > Integer.MAX_VALUE) {
                    return Optional.empty();
                }
                DrillId id = new DrillId(deck.get(), kind.get(), seed);
                if (cards.put(id, new Leitner.Card(box, dueMinute * 60_000, (int) right, (int) wrong)) != null) {
                    return Optional.empty();
                }
            }
            if (at[0] != body.length) return Optional.empty();
            return Optional.of(new Progress(cards));
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] tag(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update("tcplab drills progress".getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(mac.doFinal(body), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static Read refused(Problem problem) {
        return new Read(null, problem);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long varint(byte[] in, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            byte b = in[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new ArrayIndexOutOfBoundsException("varint too long");
    }
}
