package tcplab.sim;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A learner's action, written as a word of the contract ({@code next}, {@code drop:3}, {@code send:client:GET%20%2F}). */
public sealed interface Action permits Next, Drop, Connect, Close, Abort, Exit, Send {

    int MAX_SEND_BYTES = 64;

    /** The contract's word for this action. */
    String word();

    /** Parses one word; the exception's position is 0 (the caller knows the position). */
    static Action parse(String word) throws BadActionException {
        if (word == null) throw new BadActionException(0, "", BadActionException.Problem.UNKNOWN_WORD);
        if (word.equals("next")) return new Next();
        if (word.equals("drop")) return new Drop(null);
        if (word.equals("connect")) return new Connect();
        int colon = word.indexOf(':');
        if (colon < 0) throw new BadActionException(0, word, BadActionException.Problem.UNKNOWN_WORD);
        String verb = word.substring(0, colon);
        String rest = word.substring(colon + 1);
        switch (verb) {
            case "drop": {
                if (!rest.matches("[1-9][0-9]{0,8}")) {
                    throw new BadActionException(0, word, BadActionException.Problem.BAD_SEGMENT_NUMBER);
                }
                return new Drop(Integer.valueOf(rest));
            }
            case "close":
                return new Close(side(word, rest));
            case "abort":
                return new Abort(side(word, rest));
            case "exit":
                return new Exit(side(word, rest));
            case "send": {
                int second = rest.indexOf(':');
                if (second < 0) throw new BadActionException(0, word, BadActionException.Problem.BAD_TEXT);
                Side side = side(word, rest.substring(0, second));
                String text = decode(word, rest.substring(second + 1));
                return new Send(side, text);
            }
            default:
                throw new BadActionException(0, word, BadActionException.Problem.UNKNOWN_WORD);
        }
    }

    private static Side side(String word, String key) throws BadActionException {
        return Side.byKey(key).orElseThrow(() -> new BadActionException(0, word, BadActionException.Problem.BAD_SIDE));
    }

    /** Strict percent-decoding to UTF-8 text; {@code +} stays a plus. */
    static String decode(String word, String encoded) throws BadActionException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); ) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new BadActionException(0, word, BadActionException.Problem.BAD_TEXT);
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) throw new BadActionException(0, word, BadActionException.Problem.BAD_TEXT);
                bytes.write(hi * 16 + lo);
                i += 3;
            } else if (c == ',') {
                throw new BadActionException(0, word, BadActionException.Problem.BAD_TEXT);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isSurrogate(c)) {
                    if (i + 1 >= encoded.length()) throw new BadActionException(0, word, BadActionException.Problem.BAD_TEXT);
                    b = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(b);
                i++;
            }
        }
        byte[] raw = bytes.toByteArray();
        if (raw.length == 0) throw new BadActionException(0, word, BadActionException.Problem.BAD_TEXT);
        if (raw.length > MAX_SEND_BYTES) throw new BadActionException(0, word, BadActionException.Problem.TOO_LONG);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new BadActionException(0, word, BadActionException.Problem.BAD_TEXT);
        }
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters. */
    static String encode(String text) {
        StringBuilder b = new StringBuilder();
        for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
