package tcplab.sim;

/** {@code drop} (n null: the in-flight segment that would arrive first) or {@code drop:N}. */
public record Drop(Integer n) implements Action {
    public Drop {
        if (n != null && n < 1) throw new IllegalArgumentException("segment numbers start at 1");
    }

    @Override
    public String word() {
        return n == null ? "drop" : "drop:" + n;
    }
}
