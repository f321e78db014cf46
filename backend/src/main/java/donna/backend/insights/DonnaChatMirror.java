package donna.backend.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.chat.ChatMirror;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DONNA's typed turns and voice transcripts, written into Insights by the service itself (sources
 * {@code donna-chat} and {@code donna-voice}; external id {@code chat:<chat id>} or {@code voice:<chat id>}). A
 * failure here is logged and swallowed: the person's chat already succeeded.
 */
final class DonnaChatMirror implements ChatMirror {
    private static final Logger log = LoggerFactory.getLogger(DonnaChatMirror.class);

    private final Ingestion ingestion;
    private final ObjectMapper mapper;

    DonnaChatMirror(Ingestion ingestion, ObjectMapper mapper) {
        this.ingestion = ingestion;
        this.mapper = mapper;
    }

    @Override
    public void mirror(UUID owner, String chatId, boolean voice, List<Message> messages) {
        try {
            List<Incoming> incoming = messages.stream().map(m -> new Incoming(m.role(), m.content(), m.at(),
                    mapper.valueToTree(m.metadata()))).toList();
            ingestion.ingest(owner, voice ? Ingestion.Source.DONNA_VOICE : Ingestion.Source.DONNA_CHAT,
                    (voice ? "voice:" : "chat:") + chatId, incoming, null, false);
        } catch (RuntimeException e) {
            log.warn("Could not mirror a {} turn into Insights: {}", voice ? "voice" : "chat",
                    e.getClass().getSimpleName());
        }
    }
}
