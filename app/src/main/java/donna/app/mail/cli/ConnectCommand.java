package donna.app.mail.cli;

import donna.core.mail.GmailStatus;
import donna.core.mail.connect.GmailConnectFlow;
import donna.core.oauth.Browser;
import java.io.PrintWriter;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./donna mail connect}: the Gmail consent in the browser, back to a loopback redirect on this machine. With
 * {@code --no-browser} the consent URL is printed on a line of its own (for a browser elsewhere, or a test).
 */
@Command(name = "connect", description = "Connect Gmail: consent in the browser, then back to DONNA.")
final class ConnectCommand extends Subcommand {
    @Option(names = "--no-browser", description = "print the consent URL instead of opening a browser, then wait")
    boolean noBrowser;

    ConnectCommand(CommandContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        Browser print = uri -> {
            err.println("Open this address in a browser and allow DONNA to use Gmail:");
            err.flush();
            out.println(uri);
            out.flush();
        };
        Browser browser = noBrowser ? print : uri -> openOrPrint(uri, print, err);
        GmailStatus status = new GmailConnectFlow(context.service().client(),
                donna.app.bundled.BundledGoogle.authUrl(System.getenv())).connect(browser,
                context.connectTimeout(), receiver -> { });
        out.println("Gmail connected" + (status.email() == null ? "" : ": " + status.email()));
        out.flush();
        return 0;
    }

    /** A machine without a browser (a server, a container) still gets the address to open elsewhere. */
    private void openOrPrint(URI uri, Browser print, PrintWriter err) {
        try {
            context.browser().open(uri);
            err.println("Waiting for the browser (finish there; this ends by itself)...");
            err.flush();
        } catch (RuntimeException e) {
            print.open(uri);
        }
    }
}
