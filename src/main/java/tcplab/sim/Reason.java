package tcplab.sim;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;

/** Why something happened: a closed code plus plain-string arguments, rendered in English here. */
public record Reason(Why why, List<String> args) {
    public Reason {
        args = List.copyOf(args);
    }

    public static Reason of(Why why, Object... args) {
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) strings[i] = String.valueOf(args[i]);
        return new Reason(why, List.of(strings));
    }

    public String english() {
        return new MessageFormat(why.pattern(), Locale.ROOT).format(args.toArray());
    }

    @Override
    public String toString() {
        return english();
    }
}
