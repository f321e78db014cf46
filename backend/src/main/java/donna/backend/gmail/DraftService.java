package donna.backend.gmail;

import donna.backend.chat.LanguageModel;
import donna.backend.chat.Profile;
import donna.backend.http.ApiException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Drafts replies with the language model chat uses (the OpenAI Responses API): the instructions
 * ({@code draft-reply.md}), the user's tone (the profile named by their {@code profile} memory entry, default
 * general, and everything else they asked DONNA to remember), the original mail as data, and the user's own
 * instructions for this reply. Never sends. Autopilot's replies ({@link #draftForAutopilot}) are written for mail
 * nobody asked for, so their prompt carries the profile's tone only (no memory a crafted mail could draw out) and
 * they go to the sender's From address only, never to a Reply-To.
 */
public final class DraftService {
    public static final int MAX_INSTRUCTIONS = 2_000;
    private static final int MAX_ORIGINAL_CHARS = 8_000;
    private static final String SKIP = "SKIP";
    private static final String DRAFT = resource("draft-reply.md");
    private static final String ROUTINE_ONLY = resource("autopilot-routine.md");

    private final LanguageModel model;
    private final Jdbi jdbi;

    public DraftService(LanguageModel model, Jdbi jdbi) {
        this.model = model;
        this.jdbi = jdbi;
    }

    /** A reply to {@code original} for editing. */
    public DraftReply draft(UUID userId, MailMessage original, String instructions) {
        return generate(userId, original, instructions, false).orElseThrow();
    }

    /**
     * Autopilot's reply: to the From address only, written with the profile's tone and nothing else from memory;
     * empty when the model judges the mail not routine enough to answer without the user.
     */
    public Optional<DraftReply> draftForAutopilot(UUID userId, MailMessage original) {
        return generate(userId, original, null, true);
    }

    private Optional<DraftReply> generate(UUID userId, MailMessage original, String instructions,
            boolean autopilot) {
        if (instructions != null && instructions.length() > MAX_INSTRUCTIONS) {
            throw ApiException.badRequest("invalid_input", "instructions are longer than " + MAX_INSTRUCTIONS
                    + " characters");
        }
        List<String> memory = autopilot ? profileEntry(userId) : memory(userId);
        StringBuilder system = new StringBuilder(DRAFT).append("\n\nThe user's voice:\n")
                .append(profile(memory).instructions());
        if (!autopilot && !memory.isEmpty()) {
            system.append("\n\nWhat the user asked you to remember:\n- ").append(String.join("\n- ", memory));
        }
        if (autopilot) {
            system.append("\n\n").append(ROUTINE_ONLY);
        }
        String body = original.text() == null ? "" : original.text();
        StringBuilder mail = new StringBuilder("The email to answer:\nFrom: ").append(original.from())
                .append("\nSubject: ").append(original.subject()).append("\n\n")
                .append(body.length() > MAX_ORIGINAL_CHARS ? body.substring(0, MAX_ORIGINAL_CHARS) + "\n[...]" : body);
        if (instructions != null && !instructions.isBlank()) {
            mail.append("\n\nThe user's instructions for this reply: ").append(instructions.strip());
        }
        String text = model.generate(new LanguageModel.Prompt(system.toString(),
                List.of(new LanguageModel.Turn("user", mail.toString())), List.of()), delta -> { }).text().strip();
        if (autopilot && (text.isEmpty() || text.toUpperCase(Locale.ROOT).startsWith(SKIP))) {
            return Optional.empty();
        }
        return Optional.of(new DraftReply(autopilot ? sender(original) : recipients(original), List.of(),
                replySubject(original.subject()), text, original.id()));
    }

    /** The one From address (none when From names several or none: the reply then waits for the user). */
    static List<String> sender(MailMessage original) {
        try {
            InternetAddress[] from = InternetAddress.parseHeader(original.from() == null ? "" : original.from(),
                    false);
            return from.length == 1 ? List.of(from[0].toUnicodeString()) : List.of();
        } catch (AddressException e) {
            return List.of();
        }
    }

    /** Whom a reply goes to: Reply-To when the sender set one, else From. */
    static List<String> recipients(MailMessage original) {
        String header = original.replyTo() != null && !original.replyTo().isBlank() ? original.replyTo()
                : original.from();
        List<String> out = new ArrayList<>();
        try {
            Arrays.stream(InternetAddress.parseHeader(header == null ? "" : header, false))
                    .forEach(a -> out.add(a.toUnicodeString()));
        } catch (AddressException e) {
            // an unreadable header: the user fills in the address
        }
        return out;
    }

    static String replySubject(String subject) {
        String s = subject == null ? "" : subject.strip();
        return s.regionMatches(true, 0, "re:", 0, 3) ? s : "Re: " + s;
    }

    private List<String> memory(UUID userId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select key || ': ' || value::text from user_memory where user_id = :u order by key")
                .bind("u", userId).mapTo(String.class).list());
    }

    /** Only the {@code profile} entry, in the form {@link #memory} lists it. */
    private List<String> profileEntry(UUID userId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select key || ': ' || value::text from user_memory where user_id = :u and key = 'profile'")
                .bind("u", userId).mapTo(String.class).list());
    }

    /** The profile the user chose to be answered in ({@code profile: "sales"} in memory), general otherwise. */
    private static Profile profile(List<String> memory) {
        return memory.stream().filter(m -> m.startsWith("profile: ")).findFirst()
                .map(m -> m.substring(9).replace("\"", "").strip())
                .flatMap(name -> Arrays.stream(Profile.values()).filter(p -> p.wire().equals(name)).findFirst())
                .orElse(Profile.GENERAL);
    }

    private static String resource(String name) {
        try (InputStream in = DraftService.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
