package tcplab.drill;

/**
 * One answer a drill offers. {@code value} is what a form sends back; {@code label} what the
 * learner reads; {@code misconception} names the mistake behind a wrong option (null for the
 * right one).
 */
public record Option(String value, Text label, Text misconception) {
    public boolean isRight() {
        return misconception == null;
    }
}
