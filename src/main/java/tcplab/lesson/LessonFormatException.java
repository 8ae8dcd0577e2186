package tcplab.lesson;

/**
 * A lesson file that cannot be used: the file, the block ({@code lab block 2}, or null for the
 * front matter), the 1-based line (0 when unknown) and what is wrong, for the teacher who edits it.
 */
public final class LessonFormatException extends RuntimeException {

    private final String file;
    private final String block;
    private final int line;
    private final String problem;

    public LessonFormatException(String file, String block, int line, String problem) {
        super(describe(file, block, line, problem));
        this.file = file;
        this.block = block;
        this.line = line;
        this.problem = problem;
    }

    /** {@code en/three-way-handshake.md, lab block 2, line 41: unknown profile 'rfcc' …} */
    private static String describe(String file, String block, int line, String problem) {
        return file + (block == null ? "" : ", " + block) + (line > 0 ? ", line " + line : "") + ": " + problem;
    }

    /** The lesson's file, {@code en/three-way-handshake.md}. */
    public String file() {
        return file;
    }

    /** {@code lab block 2}, {@code predict block 1}, {@code quiz block 3}; null outside a block. */
    public String block() {
        return block;
    }

    /** The line of the file that is wrong, from 1; 0 when no one line is. */
    public int line() {
        return line;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }
}
