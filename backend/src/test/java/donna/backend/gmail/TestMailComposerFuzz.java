package donna.backend.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import donna.backend.http.ApiException;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fuzzes the MIME builder with what a caller or a replied-to mail controls: recipients, subject, body and the
 * original's Message-ID / References. Any input is either refused with a 400 {@link ApiException} or gives a
 * message whose header block holds only the headers the composer writes, each once, every line ending in CRLF
 * (no injected header), and that parses back to the same recipients, subject and ids.
 *
 * <p>The input is split on NUL into: to, cc, subject, body, original Message-ID, original References; to and cc
 * hold one address per {@code \u0001}-separated entry. Kept inputs: {@code TestMailComposerFuzzInputs}.
 */
class TestMailComposerFuzz {
    private static final String MESSAGE_ID = "<fuzz-1@donna.local>";
    private static final Set<String> WRITTEN = Set.of("from", "to", "cc", "bcc", "subject", "date", "message-id",
            "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding");
    private static final Pattern HEADER_LINE = Pattern.compile("([!-9;-~]+):.*", Pattern.DOTALL);
    /** Reads headers as UTF-8, as Gmail does (RFC 6532): an internationalised address is written raw in UTF-8. */
    private static final Session SESSION = Session.getInstance(utf8Headers());

    @FuzzTest(maxDuration = "30s")
    void anyMailIsRefusedOrHasOnlyItsOwnHeaders(byte[] input) throws Exception {
        String[] f = Arrays.copyOf(new String(input, StandardCharsets.UTF_8).split("\u0000", 6), 6);
        byte[] mail;
        List<InternetAddress> to;
        List<InternetAddress> cc;
        String subject;
        MailComposer.Threading threading;
        try {
            to = MailComposer.addresses("to", list(f[0]));
            cc = MailComposer.addresses("cc", list(f[1]));
            subject = MailComposer.subject(f[2]);
            threading = MailComposer.threading(f[4], f[5]);
            mail = MailComposer.compose(new InternetAddress("me@example.com"), to, cc, List.of(), subject, f[3],
                    MESSAGE_ID, threading, Instant.parse("2026-11-02T09:00:00Z"));
        } catch (ApiException refused) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("invalid_input");
            return;
        }

        String raw = new String(mail, StandardCharsets.ISO_8859_1);
        int end = raw.indexOf("\r\n\r\n");
        assertThat(end).as("a header block ends in an empty line").isPositive();
        Set<String> seen = new HashSet<>();
        for (String line : raw.substring(0, end).split("\r\n", -1)) {
            assertThat(line).as("a bare CR or LF inside a header line").doesNotContain("\r").doesNotContain("\n");
            if (line.startsWith(" ") || line.startsWith("\t")) {
                continue; // a folded continuation of the header above
            }
            var m = HEADER_LINE.matcher(line);
            assertThat(m.matches()).as("not a header line: %s", line).isTrue();
            String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
            assertThat(WRITTEN).as("a header the composer does not write: %s", line).contains(name);
            assertThat(seen.add(name)).as("header written twice: %s", name).isTrue();
        }

        MimeMessage back = new MimeMessage(SESSION, new ByteArrayInputStream(mail));
        assertThat(addresses(back, RecipientType.TO)).isEqualTo(to.stream().map(InternetAddress::getAddress).toList());
        assertThat(addresses(back, RecipientType.CC)).isEqualTo(cc.stream().map(InternetAddress::getAddress).toList());
        assertThat(back.getMessageID()).isEqualTo(MESSAGE_ID);
        assertThat(back.getHeader("In-Reply-To", null)).isEqualTo(threading.inReplyTo());
        // Header parsing drops the whitespace around a value (found by fuzzing: "R " came back "R"); the rest holds.
        assertThat(back.getSubject() == null ? "" : back.getSubject().strip()).isEqualTo(subject.strip());
    }

    private static Properties utf8Headers() {
        Properties p = new Properties();
        p.setProperty("mail.mime.allowutf8", "true");
        return p;
    }

    private static List<String> list(String field) {
        return field == null ? null : Arrays.asList(field.split("\u0001", -1));
    }

    private static List<String> addresses(MimeMessage m, RecipientType type) throws Exception {
        List<String> out = new ArrayList<>();
        var all = m.getRecipients(type);
        for (var a : all == null ? new jakarta.mail.Address[0] : all) {
            out.add(((InternetAddress) a).getAddress());
        }
        return out;
    }
}
