package donna.app.mail.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every {@code ./donna mail} subcommand has: the context, its picocli spec, {@code --help}, its output. */
abstract class Subcommand implements Callable<Integer> {
    final CommandContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    Subcommand(CommandContext context) {
        this.context = context;
    }

    /** Results: what scripts read. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Problems and hints, one line each. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
