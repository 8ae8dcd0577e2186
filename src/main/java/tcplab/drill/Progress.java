package tcplab.drill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A learner's drills and where each stands in the {@link Leitner} schedule, immutable. It keeps
 * at most {@link #MAX_CARDS} drills (the best-known ones make room), so it stays small in a
 * session store and in an exported code.
 */
public record Progress(Map<DrillId, Leitner.Card> cards) {

    public static final int MAX_CARDS = 240;
    /** Drills in an interview round. */
    public static final int ROUND = 10;
    /** A drill counts as known from this box on. */
    public static final int KNOWN_BOX = 3;

    public Progress {
        cards = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cards));
        if (cards.size() > MAX_CARDS) throw new IllegalArgumentException("more than " + MAX_CARDS + " drills");
    }

    public static Progress empty() {
        return new Progress(Map.of());
    }

    /** The progress after answering {@code id} at {@code now}. */
    public Progress answer(DrillId id, boolean right, long now) {
        Map<DrillId, Leitner.Card> next = new LinkedHashMap<>(cards);
        next.remove(id);
        next.put(id, Leitner.answer(cards.get(id), right, now));
        return new Progress(bounded(next, id));
    }

    /** Both learners' drills; where both hold one, the card answered more often (then the later due) wins. */
    public Progress merge(Progress other) {
        Map<DrillId, Leitner.Card> next = new LinkedHashMap<>(cards);
        other.cards.forEach((id, card) -> next.merge(id, card, (a, b) -> {
            int na = a.right() + a.wrong();
            int nb = b.right() + b.wrong();
            if (na != nb) return na > nb ? a : b;
            return a.dueAt() >= b.dueAt() ? a : b;
        }));
        return new Progress(bounded(next, null));
    }

    /** Drops the best-known drills (highest box, then furthest due) until the map fits; never {@code keep}. */
    private static Map<DrillId, Leitner.Card> bounded(Map<DrillId, Leitner.Card> map, DrillId keep) {
        while (map.size() > MAX_CARDS) {
            DrillId drop = map.entrySet().stream()
                    .filter(e -> !e.getKey().equals(keep))
                    .max(Comparator.comparingInt((Map.Entry<DrillId, Leitner.Card> e) -> e.getValue().box())
                            .thenComparingLong(e -> e.getValue().dueAt()))
                    .orElseThrow().getKey();
            map.remove(drop);
        }
        return map;
    }

    /** Drills due at {@code now}, the longest overdue first. */
    public List<DrillId> due(long now) {
        return cards.entrySet().stream().filter(e -> e.getValue().isDue(now))
                .sorted(Comparator.comparingLong(e -> e.getValue().dueAt()))
                .map(Map.Entry::getKey).toList();
    }

    /** How well one deck is known: drills seen, due now, known (box ≥ 3), and the boxes' counts. */
    public record Standing(Deck deck, int seen, int due, int known, List<Integer> boxes, Long nextDueAt) {
        /** Percent of the seen drills that are known (0 when none was seen). */
        public int percentKnown() {
            return seen == 0 ? 0 : Math.round(100f * known / seen);
        }
    }

    public Standing standing(Deck deck, long now) {
        int seen = 0, due = 0, known = 0;
        Integer[] boxes = new Integer[Leitner.BOXES];
        java.util.Arrays.fill(boxes, 0);
        Long next = null;
        for (Map.Entry<DrillId, Leitner.Card> e : cards.entrySet()) {
            if (e.getKey().deck() != deck) continue;
            Leitner.Card c = e.getValue();
            seen++;
            if (c.isDue(now)) due++;
            else next = next == null ? c.dueAt() : Math.min(next, c.dueAt());
            if (c.box() >= KNOWN_BOX) known++;
            boxes[c.box() - 1]++;
        }
        return new Standing(deck, seen, due, known, List.of(boxes), next);
    }

    public List<Standing> standings(long now) {
        List<Standing> list = new ArrayList<>();
        for (Deck d : Deck.values()) list.add(standing(d, now));
        return list;
    }

    /**
     * An interview round: up to ten due drills, the longest overdue first, topped up with new
     * drills from the least known decks (those never tried first).
     */
    public List<DrillId> round(long now, SplittableRandom random) {
        List<DrillId> round = new ArrayList<>(due(now).subList(0, Math.min(ROUND, due(now).size())));
        List<Standing> weakest = new ArrayList<>(standings(now));
        weakest.sort(Comparator.comparingInt((Standing s) -> s.seen() == 0 ? -1 : s.percentKnown()));
        for (int i = 0; round.size() < ROUND; i++) {
            DrillId fresh = Drills.fresh(weakest.get(i % weakest.size()).deck(), random);
            if (!round.contains(fresh) && !cards.containsKey(fresh)) round.add(fresh);
        }
        return round;
    }
}
