package tcplab.sim;

/**
 * What a lab's channel holds, whatever the kind of lab: a segment (or a burst of them numbered
 * from {@code firstN}) sent at {@code sentAt}, due at {@code dueAt}, scheduled as {@code order},
 * and what became of it.
 */
abstract class InFlight {
    final int firstN;
    final long sentAt;
    final long dueAt;
    final long order;
    Fate fate = Fate.IN_FLIGHT;
    Long arrivedAt;

    InFlight(int firstN, long sentAt, long dueAt, long order) {
        this.firstN = firstN;
        this.sentAt = sentAt;
        this.dueAt = dueAt;
        this.order = order;
    }

    /** It reached the other end at {@code now}. */
    void arrive(long now) {
        fate = Fate.ARRIVED;
        arrivedAt = now;
    }
}
