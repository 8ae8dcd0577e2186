package tcplab;

import io.javalin.Javalin;
import tcplab.cli.Cli;
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
        Javalin app = WebApp.create(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
        System.out.println("TCP Lab is running on http://localhost:" + app.port() + "/"
                + (config.dev() ? " (development: templates, static files and lessons are read from disk)" : ""));
    }
}
