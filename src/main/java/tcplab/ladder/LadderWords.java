package tcplab.ladder;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every word of a ladder a learner can see or hear, in one language: the caller looks them up
 * in the site's messages ({@link #from}), so this package needs nothing of the web layer.
 * Patterns are {@link MessageFormat} patterns whose arguments are shown as written.
 *
 * @param title           the {@code <title>} of a ladder on a page ({@code lab.ladderTitle})
 * @param client          the client's time line heading ({@code side.client})
 * @param server          the server's ({@code side.server})
 * @param resent          what a retransmission's label ends in ({@code ladder.resent})
 * @param documentTitle   a standalone document's title: {0} scenario, {1} its actions
 * @param noActions       {1} of that title when there are none
 * @param description     the {@code <desc>}'s opening: {0} scenario, {1} time, {2} client's state, {3} server's
 * @param segment         one segment in it (with the space before it, if the language puts one): {0} number, {1} direction, {2} segment, {3} sent at, {4} fate
 * @param segmentResent   the same for a retransmission
 * @param toServer        the direction "client to server"
 * @param toClient        "server to client"
 * @param arrived         fate: {0} when it arrived
 * @param lost            fate: lost
 * @param inFlight        fate: still in flight
 */
public record LadderWords(String title, String client, String server, String resent, String documentTitle, String noActions,
                          String description, String segment, String segmentResent, String toServer, String toClient,
                          String arrived, String lost, String inFlight) {

    public LadderWords {
        Objects.requireNonNull(title);
        Objects.requireNonNull(client);
        Objects.requireNonNull(server);
        Objects.requireNonNull(resent);
        Objects.requireNonNull(documentTitle);
        Objects.requireNonNull(noActions);
        Objects.requireNonNull(description);
        Objects.requireNonNull(segment);
        Objects.requireNonNull(segmentResent);
        Objects.requireNonNull(toServer);
        Objects.requireNonNull(toClient);
        Objects.requireNonNull(arrived);
        Objects.requireNonNull(lost);
        Objects.requireNonNull(inFlight);
    }

    /** The words from a language's messages, looked up by key (e.g. {@code key -> messages.get("zh", key)}). */
    public static LadderWords from(Function<String, String> messages) {
        return new LadderWords(messages.apply("lab.ladderTitle"), messages.apply("side.client"), messages.apply("side.server"),
                messages.apply("ladder.resent"), messages.apply("ladder.documentTitle"), messages.apply("ladder.noActions"),
                messages.apply("ladder.desc"), messages.apply("ladder.desc.segment"), messages.apply("ladder.desc.segmentResent"),
                messages.apply("ladder.desc.toServer"), messages.apply("ladder.desc.toClient"),
                messages.apply("ladder.desc.arrived"), messages.apply("ladder.desc.lost"), messages.apply("ladder.desc.inFlight"));
    }

    /** The same words with another {@code <title>}. */
    public LadderWords titled(String newTitle) {
        return new LadderWords(newTitle, client, server, resent, documentTitle, noActions, description, segment, segmentResent,
                toServer, toClient, arrived, lost, inFlight);
    }

    /** A pattern with its arguments shown as written (no thousands separators in sequence numbers). */
    static String format(String pattern, Object... args) {
        Object[] strings = new Object[args.length];
        for (int i = 0; i < args.length; i++) strings[i] = String.valueOf(args[i]);
        return new MessageFormat(pattern, Locale.ROOT).format(strings);
    }
}
