package tcplab.lesson;

/** A lesson file that cannot be used, with the file and the line that is wrong. */
public final class LessonFormatException extends RuntimeException {
    public LessonFormatException(String file, String message) {
        super(file + ": " + message);
    }
}
