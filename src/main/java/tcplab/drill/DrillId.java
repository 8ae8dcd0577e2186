package tcplab.drill;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address of a drill: deck, kind and seed. The drill itself is regenerated from it, so
 * progress stores only ids. Written {@code lost-handshake.retransmit-at.123456}.
 */
public record DrillId(Deck deck, Kind kind, long seed) {

    /** Seeds are 31-bit: endless enough, and short in an exported code. */
    public static final long MAX_SEED = (1L << 31) - 1;
    private static final Pattern SHAPE = Pattern.compile("([a-z0-9-]{1,40})\\.([a-z0-9-]{1,40})\\.([0-9]{1,10})");

    public DrillId {
        if (!deck.kinds().contains(kind)) throw new IllegalArgumentException(deck.key() + " asks no " + kind.key());
        if (seed < 0 || seed > MAX_SEED) throw new IllegalArgumentException("seed " + seed);
    }

    public String key() {
        return deck.key() + "." + kind.key() + "." + seed;
    }

    public static Optional<DrillId> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) return Optional.empty();
        Optional<Deck> deck = Deck.byKey(m.group(1));
        Optional<Kind> kind = Kind.byKey(m.group(2));
        long seed = Long.parseLong(m.group(3));
        if (deck.isEmpty() || kind.isEmpty() || !deck.get().kinds().contains(kind.get()) || seed > MAX_SEED) {
            return Optional.empty();
        }
        return Optional.of(new DrillId(deck.get(), kind.get(), seed));
    }

    @Override
    public String toString() {
        return key();
    }
}
