package tcplab.web.lab;

/**
 * What a lab form asks for: one of the contract's action words, or one of the lab's own
 * controls that rewrite its action list (step back, reset, play to the end).
 */
public sealed interface Command {
    record Act(String word) implements Command {}
    record Back() implements Command {}
    record Reset() implements Command {}
    record PlayToEnd() implements Command {}
}
