package tcplab.sim;

/** {@code connect}: the client's active OPEN. */
public record Connect() implements Action {
    @Override
    public String word() {
        return "connect";
    }
}
