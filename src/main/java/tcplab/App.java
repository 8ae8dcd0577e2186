package tcplab;

import io.javalin.Javalin;
import tcplab.cli.Cli;
import tcplab.lesson.LessonFormatException;
import tcplab.web.WebApp;

/** Starts the site; {@code java -jar tcplab.jar run …} runs the simulator from the command line. */
public final class App {
    private App() {}

    public static void main(String[] args) {
        if (args.length > 0) {
            Cli.main(args);
            return;
        }
        Config config = Config.fromEnvironment(System.getenv());
        Javalin app;
        try {
            app = WebApp.create(config).start();
        } catch (LessonFormatException e) {
            // only outside development: there a broken lesson shows its problem on its own page
            System.err.println("TCP Lab cannot start, a lesson is broken: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
        warmUp(config, app.port());
        System.out.println("TCP Lab is running on http://localhost:" + app.port() + "/"
                + (config.dev() ? " (development: templates, static files and lessons are read from disk)" : ""));
    }

    /**
     * Renders a lesson in each language once, in the background, so the first learner does not
     * pay for template parsing and the JIT's first pass.
     */
    private static void warmUp(Config config, int port) {
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        Thread warm = new Thread(() -> {
            var client = java.net.http.HttpClient.newHttpClient();
            for (String path : new String[] {"/en/lessons/three-way-handshake", "/zh/lessons/three-way-handshake", "/en/", "/zh/"}) {
                try {
                    client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + host + ":" + port + path)).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                    return; // only a warm-up: the site works without it
                }
            }
        }, "warm-up");
        warm.setDaemon(true);
        warm.start();
    }
}
