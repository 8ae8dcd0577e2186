package tcplab.sim;

/** {@code next}: process the earliest pending event. */
public record Next() implements Action {
    @Override
    public String word() {
        return "next";
    }
}
