package donna.standins.google;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/** RFC 822 messages through Jakarta Mail: parse what clients send, serialise what the fake seeds. */
final class Rfc822 {
    static final Session SESSION = Session.getInstance(new Properties());

    private Rfc822() {}

    static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not an RFC 822 message: " + e.getMessage(), e);
        }
    }

    static byte[] bytes(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first header of that name, unfolded, or null. */
    static String header(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? null : values[0].replaceAll("\r?\n[ \t]*", " ");
        } catch (MessagingException e) {
            return null;
        }
    }

    static List<Header> headers(Part part) {
        try {
            return Collections.list(part.getAllHeaders());
        } catch (MessagingException e) {
            return List.of();
        }
    }

    /** The first part of this MIME type (e.g. {@code text/plain}) as text, searching nested multiparts; or null. */
    static String firstText(Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return String.valueOf(part.getContent());
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = firstText(multipart.getBodyPart(i), mimeType);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (IOException | MessagingException e) {
            return null;
        }
    }

    static List<BodyPart> parts(Part part) {
        try {
            if (!part.isMimeType("multipart/*")) {
                return List.of();
            }
            Multipart multipart = (Multipart) part.getContent();
            List<BodyPart> parts = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                parts.add(multipart.getBodyPart(i));
            }
            return parts;
        } catch (IOException | MessagingException e) {
            return List.of();
        }
    }
}
