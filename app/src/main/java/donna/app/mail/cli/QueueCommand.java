package donna.app.mail.cli;

import donna.core.mail.OutgoingMail;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./donna mail queue}: writes a mail to the outbox (no service needed) and prints its outbox id. */
@Command(name = "queue", description = "Write a mail to the outbox (works offline) and print its outbox id; `flush` sends it.")
final class QueueCommand extends Subcommand {
    @Option(names = "--to", required = true, split = ",", paramLabel = "ADDRESS", description = "recipient(s)")
    List<String> to;

    @Option(names = "--cc", split = ",", paramLabel = "ADDRESS", description = "copy to")
    List<String> cc = List.of();

    @Option(names = "--bcc", split = ",", paramLabel = "ADDRESS", description = "blind copy to")
    List<String> bcc = List.of();

    @Option(names = "--subject", required = true, paramLabel = "TEXT", description = "one line")
    String subject;

    @Option(names = "--body-file", required = true, paramLabel = "FILE",
            description = "the body, UTF-8 text; - reads standard input")
    String bodyFile;

    @Option(names = "--in-reply-to", paramLabel = "GMAIL_ID", description = "the Gmail id of the mail this answers")
    String inReplyTo;

    QueueCommand(CommandContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        OutgoingMail mail;
        try {
            mail = new OutgoingMail(to, cc, bcc, subject, body(), inReplyTo);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Cannot read the body file " + bodyFile
                    + " (" + e.getMessage() + ")");
        }
        try (MailDatabase db = MailDatabase.open(context.mailDatabase())) {
            OutboxEntry entry = new Outbox(db, context.clock()).queue(mail);
            out().println(entry.id());
            out().flush();
            return 0;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private String body() throws IOException {
        return "-".equals(bodyFile) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(bodyFile), StandardCharsets.UTF_8);
    }
}
