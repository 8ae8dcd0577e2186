package tcplab.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An interview round: ten drills against the clock. The clock is the server's: the round
 * keeps when it started, and every question about time takes {@code now} as a parameter.
 *
 * @param answers one entry per drill answered so far, in order: right or not
 * @param endedAt when the last drill was answered, or -1 while some are left
 */
public record Round(long startedAt, List<DrillId> drills, List<Boolean> answers, long endedAt) {

    /** How long a round lasts. */
    public static final long LIMIT_MS = 10 * 60_000L;

    public Round {
        drills = List.copyOf(drills);
        answers = List.copyOf(answers);
        if (drills.isEmpty() || drills.size() > Progress.ROUND) throw new IllegalArgumentException("a round has 1 to 10 drills");
        if (answers.size() > drills.size()) throw new IllegalArgumentException("more answers than drills");
        if (startedAt < 0) throw new IllegalArgumentException("startedAt " + startedAt);
        if ((endedAt >= 0) != (answers.size() == drills.size())) throw new IllegalArgumentException("ended exactly when all are answered");
    }

    public static Round start(List<DrillId> drills, long now) {
        return new Round(now, drills, List.of(), -1);
    }

    /** How long the round took: to its last answer, or to the time limit. */
    public long duration(long now) {
        return endedAt >= 0 ? endedAt - startedAt : Math.min(LIMIT_MS, Math.max(0, now - startedAt));
    }

    /** Over when every drill is answered or the time is up. */
    public boolean isOver(long now) {
        return answers.size() == drills.size() || now - startedAt >= LIMIT_MS;
    }

    public long timeLeft(long now) {
        return Math.max(0, LIMIT_MS - (now - startedAt));
    }

    /** The drill to answer now, if the round is not over. */
    public Optional<DrillId> current(long now) {
        return isOver(now) ? Optional.empty() : Optional.of(drills.get(answers.size()));
    }

    public Round answer(boolean right, long now) {
        if (answers.size() == drills.size()) throw new IllegalStateException("the round is over");
        List<Boolean> next = new ArrayList<>(answers);
        next.add(right);
        return new Round(startedAt, drills, next, next.size() == drills.size() ? Math.max(now, startedAt) : -1);
    }

    public int score() {
        return (int) answers.stream().filter(Boolean::booleanValue).count();
    }

    /** The drills answered wrong or not reached in time. */
    public List<DrillId> misses() {
        List<DrillId> misses = new ArrayList<>();
        for (int i = 0; i < drills.size(); i++) {
            if (i >= answers.size() || !answers.get(i)) misses.add(drills.get(i));
        }
        return misses;
    }

    /** {@code startedAt~id,id,…~1,0,…~endedAt}. */
    String toText() {
        StringBuilder b = new StringBuilder().append(startedAt).append('~');
        for (int i = 0; i < drills.size(); i++) b.append(i == 0 ? "" : ",").append(drills.get(i).key());
        b.append('~');
        for (int i = 0; i < answers.size(); i++) b.append(i == 0 ? "" : ",").append(answers.get(i) ? '1' : '0');
        return b.append('~').append(endedAt).toString();
    }

    static Optional<Round> parse(String text) {
        String[] parts = text.split("~", -1);
        if (parts.length != 4 || !parts[0].matches("[0-9]{1,18}") || !parts[3].matches("-1|[0-9]{1,18}")) return Optional.empty();
        List<DrillId> ids = new ArrayList<>();
        for (String key : parts[1].split(",")) {
            Optional<DrillId> id = DrillId.parse(key);
            if (id.isEmpty()) return Optional.empty();
            ids.add(id.get());
        }
        List<Boolean> answers = new ArrayList<>();
        if (!parts[2].isEmpty()) {
            for (String a : parts[2].split(",")) {
                if (!a.equals("0") && !a.equals("1")) return Optional.empty();
                answers.add(a.equals("1"));
            }
        }
        long started = Long.parseLong(parts[0]);
        long ended = Long.parseLong(parts[3]);
        if (ids.isEmpty() || ids.size() > Progress.ROUND || answers.size() > ids.size()
                || (ended >= 0) != (answers.size() == ids.size()) || (ended >= 0 && ended < started)) {
            return Optional.empty();
        }
        return Optional.of(new Round(started, ids, answers, ended));
    }
}
