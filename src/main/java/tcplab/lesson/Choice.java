package tcplab.lesson;

/** One answer of a prediction or quiz question, with the explanation shown once it is chosen. */
public record Choice(String text, boolean right, String why) {}
